import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gt, lt, ne, or, sql } from 'drizzle-orm';
import type { SessionJson } from '@/lib/shared/sessions';
import type { Db } from '../db/app-db';
import { sessions } from '../db/schema';
import { getServerEnv } from '../env';
import { deviceLabel } from './device-label';
import { ipPrefix } from './ip-address';

// Server-side session records ([Note: session records]). The JWT carries the
// row's id (sid); every session read calls validateSession.

/** last_seen_at is written at most this often per session, so most reads are one indexed SELECT. */
const LAST_SEEN_GRANULARITY_MS = 60_000;

export interface SessionPolicy {
  idleTimeoutS: number;
  maxAgeS: number;
}

export function sessionPolicy(): SessionPolicy {
  const env = getServerEnv();
  return { idleTimeoutS: env.SESSION_IDLE_TIMEOUT_SECONDS, maxAgeS: env.SESSION_MAX_AGE_SECONDS };
}

/** A new session at sign-in; returns its id for the JWT. */
export async function createSession(
  db: Db, userId: string, client: { userAgent?: string | undefined; ip: string }, policy: SessionPolicy,
): Promise<string> {
  const id = randomBytes(18).toString('base64url');
  await deleteExpiredSessions(db, userId, policy);
  await db.insert(sessions).values({ id, userId, deviceLabel: deviceLabel(client.userAgent), ipPrefix: ipPrefix(client.ip) });
  return id;
}

const ago = (seconds: number) => sql`now() - ${`${seconds} seconds`}::interval`;

/**
 * True while the session exists, was used within the idle timeout and is
 * younger than the absolute lifetime. An expired row is deleted on the way.
 */
export async function validateSession(db: Db, sid: string, userId: string, policy: SessionPolicy): Promise<boolean> {
  const [row] = await db.select({
    lastSeenAt: sessions.lastSeenAt,
    live: sql<boolean>`${sessions.lastSeenAt} > ${ago(policy.idleTimeoutS)} AND ${sessions.createdAt} > ${ago(policy.maxAgeS)}`,
  }).from(sessions).where(and(eq(sessions.id, sid), eq(sessions.userId, userId)));
  if (!row) return false;
  if (!row.live) {
    await db.delete(sessions).where(eq(sessions.id, sid));
    return false;
  }
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sid));
  }
  return true;
}

/** The user's live sessions, newest first. */
export async function listSessions(db: Db, userId: string, currentSid: string | undefined, policy: SessionPolicy): Promise<SessionJson[]> {
  const rows = await db.select().from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.lastSeenAt, ago(policy.idleTimeoutS)), gt(sessions.createdAt, ago(policy.maxAgeS))))
    .orderBy(desc(sessions.createdAt));
  return rows.map((row) => ({
    id: row.id,
    device: row.deviceLabel,
    ipPrefix: row.ipPrefix,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    current: row.id === currentSid,
  }));
}

/** Ends one of the user's sessions; false if the user has no session with this id. */
export async function revokeSession(db: Db, userId: string, sid: string): Promise<boolean> {
  const deleted = await db.delete(sessions).where(and(eq(sessions.id, sid), eq(sessions.userId, userId))).returning({ id: sessions.id });
  return deleted.length > 0;
}

/** "Sign out all other sessions". */
export async function revokeOtherSessions(db: Db, userId: string, currentSid: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, currentSid)));
}

/** Sign out everywhere, password change, recovery: every session of the user ends. */
export async function revokeAllSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping at each sign-in, so rows nobody will present again need no scheduler: the user's expired sessions go. */
export async function deleteExpiredSessions(db: Db, userId: string, policy: SessionPolicy): Promise<void> {
  await db.delete(sessions).where(and(
    eq(sessions.userId, userId),
    or(lt(sessions.lastSeenAt, ago(policy.idleTimeoutS)), lt(sessions.createdAt, ago(policy.maxAgeS))),
  ));
}
