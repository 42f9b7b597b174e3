import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/app-db';
import { rateLimits } from '../db/schema';
import { AppError } from '../errors';
import { limitedNetwork } from './ip-address';

export interface Limit {
  max: number;
  windowMs: number;
}

// [Note: counting attempts] An OPAQUE login that fails is detected by the
// client, which then never sends a finish message, so the server cannot count
// "failures" directly. It counts every started attempt instead, and forgives
// one when a login succeeds. Each start yields one OPRF evaluation, i.e. at
// most one password guess, so this bounds online guessing exactly.
export const ACCOUNT_LIMIT: Limit = { max: 10, windowMs: 15 * 60_000 };
export const IP_LIMIT: Limit = { max: 100, windowMs: 15 * 60_000 };

// Sign-in starts from a browser holding this account's device cookie count
// here instead of against ACCOUNT_LIMIT ([Note: device cookie]).
export const DEVICE_LIMIT: Limit = { max: 10, windowMs: 15 * 60_000 };

// [Note: enumeration limits] Sign-up start answers 409 for a taken email and
// the directory 404 for an unknown one, so both tell whether an address has
// an account. They cannot be forgiven like sign-ins (nothing "succeeds"), so
// the limits are wide enough for a shared office network signing up or a user
// adding many contacts, and narrow enough to stop bulk probing.
export const SIGNUP_IP_LIMIT: Limit = { max: 50, windowMs: 15 * 60_000 };
export const SIGNUP_EMAIL_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000 };
export const LOOKUP_USER_LIMIT: Limit = { max: 100, windowMs: 15 * 60_000 };
export const LOOKUP_IP_LIMIT: Limit = { max: 300, windowMs: 15 * 60_000 };

export const accountKey = (email: string) => `account:${email}`;
export const deviceKey = (nonce: string) => `device:${nonce}`;
export const ipKey = (ip: string) => `ip:${limitedNetwork(ip)}`;
export const signupKeys = (email: string, ip: string) => [
  { key: `signup:${email}`, limit: SIGNUP_EMAIL_LIMIT }, { key: `signup-ip:${limitedNetwork(ip)}`, limit: SIGNUP_IP_LIMIT },
];
export const lookupKeys = (userId: string, ip: string) => [
  { key: `lookup:${userId}`, limit: LOOKUP_USER_LIMIT }, { key: `lookup-ip:${limitedNetwork(ip)}`, limit: LOOKUP_IP_LIMIT },
];

/** Counts one attempt; returns the seconds until the window resets if it is over the limit. */
async function hit(db: Db, key: string, limit: Limit): Promise<number | undefined> {
  const windowStart = sql`now() - ${`${limit.windowMs} milliseconds`}::interval`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`CASE WHEN ${rateLimits.windowStartedAt} < ${windowStart} THEN 1 ELSE ${rateLimits.count} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${rateLimits.windowStartedAt} < ${windowStart} THEN now() ELSE ${rateLimits.windowStartedAt} END`,
      },
    })
    .returning({ count: rateLimits.count, windowStartedAt: rateLimits.windowStartedAt });
  if (!row || row.count <= limit.max) return undefined;
  return Math.max(1, Math.ceil((row.windowStartedAt.getTime() + limit.windowMs - Date.now()) / 1000));
}

/**
 * Counts an attempt against every key; throws 429 with Retry-After when any
 * is over its limit. Unknown and known accounts are counted alike, so the
 * limiter does not reveal which emails exist.
 */
export async function countAttempt(db: Db, keys: Array<{ key: string; limit: Limit }>): Promise<void> {
  let retryAfter = 0;
  for (const { key, limit } of keys) retryAfter = Math.max(retryAfter, (await hit(db, key, limit)) ?? 0);
  if (retryAfter > 0) {
    throw new AppError('rate_limited', `too many attempts; try again in ${retryAfter} s`, { 'Retry-After': String(retryAfter) });
  }
}

/** A successful attempt: the account (or device) starts afresh, the IP gets its attempt back. */
export async function forgiveAttempt(db: Db, keys: { account?: string; ip?: string }): Promise<void> {
  if (keys.account) await db.delete(rateLimits).where(eq(rateLimits.key, keys.account));
  if (keys.ip) await forgiveOne(db, keys.ip);
}

/** Gives one counted attempt back (a correct one), without resetting the window. */
export async function forgiveOne(db: Db, key: string): Promise<void> {
  await db.update(rateLimits).set({ count: sql`GREATEST(${rateLimits.count} - 1, 0)` }).where(eq(rateLimits.key, key));
}
