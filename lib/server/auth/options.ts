import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { loginFinishCredentials } from '@/lib/shared/accounts';
import { getServerEnv } from '../env';
import { log } from '../log/logger';
import { clientIp } from './client-ip';
import { deviceOf } from './device-cookie';
import { authDeps } from './deps';
import { finishSignIn } from './login';
import { createSession, revokeSession, sessionPolicy, validateSession } from './sessions';

// See [Note: session records]: a JWT counts only while its record is live.
// Tokens from before session records (no sid) count as signed out.
async function isLive(token: JWT): Promise<boolean> {
  if (!token.sub || !token.sid) return false;
  return validateSession((await authDeps()).db, token.sid, token.sub, sessionPolicy());
}

/**
 * Built lazily: the secret is read at run time, never at build time. Sessions
 * are JWTs in next-auth's httpOnly, SameSite=Lax cookie (Secure on https).
 */
export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getServerEnv().NEXTAUTH_SECRET,
    // The cookie lives as long as a session may; the record decides whether it still counts.
    session: { strategy: 'jwt', maxAge: getServerEnv().SESSION_MAX_AGE_SECONDS },
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
          const headers = req.headers ?? {};
          const ip = clientIp(headers);
          const cookie = typeof headers.cookie === 'string' ? headers.cookie : undefined;
          const result = await finishSignIn(deps, parsed.data, ip, deviceOf(cookie));
          if (!result) return null;
          const userAgent = typeof headers['user-agent'] === 'string' ? headers['user-agent'] : undefined;
          const sessionId = await createSession(deps.db, result.userId, { userAgent, ip }, sessionPolicy());
          return { id: result.userId, email: result.email, sessionId };
        },
      }),
    ],
    callbacks: {
      // Runs on every session read (getServerSession, requireUserId, /api/auth/session).
      async jwt({ token, user }) {
        if (user) return { sub: user.id, email: user.email, sid: user.sessionId };
        if (token.revoked || !(await isLive(token))) return { revoked: true };
        return token;
      },
      async session({ session, token }) {
        if (token.revoked) return { expires: session.expires };
        return { expires: session.expires, user: { email: token.email }, userId: token.sub, sessionId: token.sid };
      },
    },
    events: {
      // next-auth's sign-out route (what signOut() from next-auth/react posts
      // to) decodes the cookie and hands us its token before clearing it: the
      // record goes, so a copy of the cookie stops working too.
      async signOut({ token }) {
        if (token?.sub && token.sid) await revokeSession((await authDeps()).db, token.sub, token.sid);
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
