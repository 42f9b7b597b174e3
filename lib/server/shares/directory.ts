import 'server-only';
import { eq } from 'drizzle-orm';
import type { PublicKeysJson } from '@/lib/shared/shares';
import type { Db } from '../db/app-db';
import { userKeys, users } from '../db/schema';
import { countAttempt, lookupKeys } from '../auth/rate-limit';
import { AppError } from '../errors';

// [Note: directory enumeration] GET /api/users/lookup answers 404 for an
// unknown email, so a signed-in user can learn whether an address has an
// account. Faking keys for unknown emails would hide that only until a share
// to them failed, and sharing needs a real answer; we accept the leak to
// signed-in users, keep it out of reach of anonymous callers, and bound it
// per user and per IP ([Note: enumeration limits]).

/** The public keys of the user with this (normalised) email, as sign-up stored them. */
export async function lookupPublicKeys(db: Db, email: string, asker: { userId: string; ip: string }): Promise<PublicKeysJson> {
  await countAttempt(db, lookupKeys(asker.userId, asker.ip));
  const rows = await db.select({
    userId: users.id,
    identityPublicKey: userKeys.identityPublicKey,
    hpkePublicKey: userKeys.hpkePublicKey,
    hpkeKeyBindingSignature: userKeys.hpkeKeyBindingSignature,
  }).from(users).innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.email, email));
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'no account with that email');
  return row;
}
