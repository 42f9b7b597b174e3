import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/server/auth/options';

// next-auth's own routes (csrf, session, callback/opaque, signout). The options
// are built per request so no secret is read at build time.
async function auth(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return NextAuth(getAuthOptions())(request, context) as Promise<Response>;
}

export { auth as GET, auth as POST };
