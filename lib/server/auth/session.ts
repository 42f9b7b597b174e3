import 'server-only';
import { getServerSession, type Session } from 'next-auth';
import { connection } from 'next/server';
import { AppError } from '../errors';
import { noteUserId } from '../log/request-log';
import { getAuthOptions } from './options';

/** The current valid session, or undefined (revoked sessions count as none). */
export async function currentSession(): Promise<(Session & { userId: string }) | undefined> {
  // A session only exists per request: tells Next never to prerender the caller
  // (and keeps the secret from being read at build time).
  await connection();
  const session = await getServerSession(getAuthOptions());
  return session?.userId ? (session as Session & { userId: string }) : undefined;
}

/** The signed-in user and this session's record id; throws AppError('unauthorized') without a valid session. */
export async function requireSession(): Promise<{ userId: string; sessionId: string | undefined }> {
  const session = await currentSession();
  if (!session) throw new AppError('unauthorized', 'sign in first');
  return { userId: session.userId, sessionId: session.sessionId };
}

/** For every API route that needs a user: throws AppError('unauthorized') without a valid session. */
export async function requireUserId(): Promise<string> {
  const session = await currentSession();
  if (!session) throw new AppError('unauthorized', 'sign in first');
  noteUserId(session.userId);
  return session.userId;
}
