import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { linkIdSchema } from '@/lib/shared/links';
import type { Db } from '../db/app-db';
import { links, type LinkRow } from '../db/schema-links';
import { countAttempt, forgiveOne, type Limit } from '../auth/rate-limit';
import { AppError } from '../errors';
import { linkNotFound } from './records';

// [Note: link attempts] A wrong password is only visible to the server as an
// access key that does not hash to the stored verifier (format.md §6.1).
// Every presented key is counted before it is checked, so a burst of parallel
// guesses is bounded too; a correct one gives its attempt back. Per link and
// address, so one guesser cannot lock everyone else out of a link they were
// sent; and per link overall, which bounds a guesser with many addresses.
export const LINK_IP_LIMIT: Limit = { max: 10, windowMs: 15 * 60_000 };
export const LINK_LIMIT: Limit = { max: 100, windowMs: 60 * 60_000 };

export async function findLink(db: Db, linkId: string): Promise<LinkRow> {
  if (!linkIdSchema.safeParse(linkId).success) throw linkNotFound();
  const row = (await db.select().from(links).where(eq(links.id, linkId)))[0];
  if (!row) throw linkNotFound();
  return row;
}

/** Constant time: SHA-256 of the presented key against the stored verifier. Shared with folder links. */
export function verifierMatches(row: { accessVerifier: string }, accessKey: string): boolean {
  const presented = createHash('sha256').update(Buffer.from(accessKey, 'base64url')).digest();
  const stored = Buffer.from(row.accessVerifier, 'base64url');
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}

/** The link, once the caller proved it holds the fragment (and password); 403 otherwise, 429 past the limits. */
export async function authorizeLink(db: Db, linkId: string, accessKey: string, ip: string): Promise<LinkRow> {
  const row = await findLink(db, linkId);
  const keys = [
    { key: `link:${row.id}:ip:${ip}`, limit: LINK_IP_LIMIT },
    { key: `link:${row.id}`, limit: LINK_LIMIT },
  ];
  await countAttempt(db, keys);
  if (!verifierMatches(row, accessKey)) {
    await db.update(links).set({ failedAttempts: sql`${links.failedAttempts} + 1` }).where(eq(links.id, row.id));
    throw row.hasPassword
      ? new AppError('wrong_password', 'wrong password, or the link is incomplete')
      : new AppError('forbidden', 'the link is incomplete: copy the whole address');
  }
  for (const { key } of keys) await forgiveOne(db, key);
  return row;
}
