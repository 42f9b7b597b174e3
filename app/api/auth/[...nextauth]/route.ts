import NextAuth from 'next-auth';
import { withDeviceCookie } from '@/lib/server/auth/device-cookie';
import { rejectMalformedAuthBody } from '@/lib/server/auth/nextauth-body';
import { getAuthOptions } from '@/lib/server/auth/options';
import { withAccessLog } from '@/lib/server/log/request-log';

// next-auth's own routes (csrf, session, callback/opaque, signout). The options
// are built per request so no secret is read at build time. A successful
// sign-in also gets a device cookie ([Note: device cookie]).
async function nextAuth(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return withDeviceCookie(request, await (NextAuth(getAuthOptions())(request, context) as Promise<Response>));
}

// Malformed bodies get a 400 before next-auth parses them; every call gets an access line.
const auth = withAccessLog(async (request: Request, context: { params: Promise<{ nextauth: string[] }> }) =>
  (await rejectMalformedAuthBody(request)) ?? nextAuth(request, context));

export { auth as GET, auth as POST };
