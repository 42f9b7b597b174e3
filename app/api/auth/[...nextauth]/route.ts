import NextAuth from 'next-auth';
import { withDeviceCookie } from '@/lib/server/auth/device-cookie';
import { getAuthOptions } from '@/lib/server/auth/options';

// next-auth's own routes (csrf, session, callback/opaque, signout). The options
// are built per request so no secret is read at build time. A successful
// sign-in also gets a device cookie ([Note: device cookie]).
async function auth(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return withDeviceCookie(request, await (NextAuth(getAuthOptions())(request, context) as Promise<Response>));
}

export { auth as GET, auth as POST };
