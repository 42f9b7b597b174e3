import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/app-db';
import { authStates } from '../db/schema';

export type AuthStatePurpose = (typeof authStates.$inferSelect)['purpose'];
export type AuthState = typeof authStates.$inferSelect;

// A login must finish within a minute (OPAQUE needs one Argon2 run in between);
// registration and recovery allow for two runs plus key generation.
export const STATE_TTL_MS: Record<AuthStatePurpose, number> = {
  'sign-in': 60_000,
  reauth: 60_000,
  registration: 180_000,
  recovery: 180_000,
};

export async function createAuthState(db: Db, state: Omit<AuthState, 'id' | 'expiresAt'>): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  // Opportunistic cleanup keeps the table at "states started in the last minutes".
  await db.delete(authStates).where(lt(authStates.expiresAt, new Date()));
  await db.insert(authStates).values({ ...state, id, expiresAt: new Date(Date.now() + STATE_TTL_MS[state.purpose]) });
  return id;
}

/**
 * Takes a state out of the table (single use: DELETE … RETURNING), or returns
 * undefined when it is unknown, expired, or for another purpose. A replayed
 * finish message therefore finds nothing.
 */
export async function consumeAuthState(
  db: Db, id: string, purpose: AuthStatePurpose, userId?: string,
): Promise<AuthState | undefined> {
  // With a userId, another user's state is left alone (and reads as unknown).
  const owner = userId === undefined ? undefined : eq(authStates.userId, userId);
  const rows = await db
    .delete(authStates)
    .where(and(eq(authStates.id, id), eq(authStates.purpose, purpose), gt(authStates.expiresAt, new Date()), owner))
    .returning();
  return rows[0];
}
