import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { loginFinishCredentials } from '@/lib/shared/accounts';
import { getServerEnv } from '../env';
import { log } from '../log/logger';
import { clientIp } from './client-ip';
import { authDeps } from './deps';
import { finishSignIn } from './login';
import { sessionVersionOf } from './users';

export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

// [Note: session version] Each user row has a session_version; a JWT carries
// the version it was issued under (sv). Every session read (this jwt callback,
// hence getServerSession, requireUserId and /api/auth/session) compares it with
// the row, so bumping the row (sign out everywhere, password change, recovery)
// revokes every outstanding JWT at once, although JWTs are otherwise stateless.
async function isCurrent(userId: string | undefined, sv: number | undefined): Promise<boolean> {
  if (!userId || sv === undefined) return false;
  const { db } = await authDeps();
  return (await sessionVersionOf(db, userId)) === sv;
}

/**
 * Built lazily: the secret is read at run time, never at build time. Sessions
 * are JWTs in next-auth's httpOnly, SameSite=Lax cookie (Secure on https).
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getServerEnv().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/sign-in' },
    providers: [
      CredentialsProvider({
        id: 'opaque',
        name: 'OPAQUE',
        // Step 2 of the OPAQUE login: the password itself is never among these.
        credentials: { loginId: { type: 'text' }, finishLoginRequest: { type: 'text' } },
        async authorize(credentials, req) {
          const parsed = loginFinishCredentials.safeParse(credentials);
          if (!parsed.success) return null;
          const deps = await authDeps();
          const result = await finishSignIn(deps, parsed.data, clientIp(req.headers ?? {}));
          if (!result) return null;
          const sessionVersion = await sessionVersionOf(deps.db, result.userId);
          return { id: result.userId, email: result.email, sessionVersion };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) return { sub: user.id, email: user.email, sv: user.sessionVersion };
        if (token.revoked || !(await isCurrent(token.sub, token.sv))) return { revoked: true };
        return token;
      },
      async session({ session, token }) {
        return { expires: session.expires, user: token.revoked ? undefined : { email: token.email }, userId: token.revoked ? undefined : token.sub };
      },
    },
    // next-auth's default logger prints request metadata and stacks; its
    // codes are enough and leak nothing. Its errors are mostly a client's
    // doing (a forged or expired cookie: JWT_SESSION_ERROR), hence warn.
    logger: {
      error: (code) => log.warn({ nextAuth: code }, 'next-auth error'),
      warn: (code) => log.warn({ nextAuth: code }, 'next-auth warning'),
      debug: () => {},
    },
  };
}
