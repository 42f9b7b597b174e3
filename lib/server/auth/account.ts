import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccountJson, changePasswordRequest, confirmRecoveryKeyRequest, regenerateRecoveryKeyRequest } from '@/lib/shared/accounts';
import { kdfParamsSchema, meetsKdfFloor } from '@/lib/shared/kdf-params';
import { userKeys, users } from '../db/schema';
import { AppError } from '../errors';
import type { AuthDeps } from './deps';
import { replacePasswordCredentials } from './users';
import { finishReauth } from './login';
import { hashRecoveryAuthToken, recoveryAuthTokenMatches } from './recovery-hash';
import { revokeAllSessions } from './sessions';

/** The signed-in user's public keys and wrapped keys: all opaque to the server. */
export async function getAccount(deps: AuthDeps, userId: string): Promise<AccountJson> {
  const rows = await deps.db.select().from(users).innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.id, userId));
  const row = rows[0];
  if (!row) throw new AppError('not_found', 'account not found');
  const k = row.user_keys;
  return {
    userId,
    email: row.users.email,
    kdfParams: kdfParamsSchema.parse(row.users.kdfParams),
    keys: {
      wrappedRootKeyPassword: k.wrappedRootKeyPassword,
      wrappedRootKeyRecovery: k.wrappedRootKeyRecovery,
      hpkePublicKey: k.hpkePublicKey,
      wrappedHpkePrivateKey: k.wrappedHpkePrivateKey,
      identityPublicKey: k.identityPublicKey,
      wrappedIdentityPrivateKey: k.wrappedIdentityPrivateKey,
      hpkeKeyBindingSignature: k.hpkeKeyBindingSignature,
    },
    keyCheck: { id: k.keyCheckId, wrappedFileKey: k.keyCheckWrappedFileKey, metadata: k.keyCheckMetadata },
    recoveryKeyConfirmed: row.users.recoveryConfirmedAt !== null,
  };
}

async function requireReauth(deps: AuthDeps, userId: string, input: { loginId: string; finishLoginRequest: string }, ip: string) {
  const result = await finishReauth(deps, userId, input, ip);
  if (result === 'unknown') throw new AppError('not_found', 'confirmation expired or unknown; start again');
  if (result === 'wrong') throw new AppError('unauthorized', 'the current password is not correct');
}

/**
 * Password change (docs/accounts.md): a new OPAQUE record and the root key
 * wrapped under the new KEK replace the old ones in one transaction; nothing
 * below the root key changes. Every session is revoked (the client signs in
 * again with the new password), so a thief holding the old one is cut off.
 */
export async function changePassword(deps: AuthDeps, userId: string, input: z.infer<typeof changePasswordRequest>, ip: string) {
  if (!meetsKdfFloor(input.kdfParams)) throw new AppError('bad_request', 'key-stretching parameters are below the minimum');
  await requireReauth(deps, userId, input, ip);
  await replacePasswordCredentials(deps.db, userId, input);
}

/**
 * A new recovery key, in two steps. This one stores it as pending: the old
 * key keeps working, so a user who closes the tab before writing the new one
 * down is not left with neither. confirmRecoveryKey makes it the key.
 */
export async function regenerateRecoveryKey(deps: AuthDeps, userId: string, input: z.infer<typeof regenerateRecoveryKeyRequest>, ip: string) {
  await requireReauth(deps, userId, input, ip);
  await deps.db.transaction(async (tx) => {
    await tx.update(userKeys).set({ pendingWrappedRootKeyRecovery: input.wrappedRootKeyRecovery, updatedAt: new Date() }).where(eq(userKeys.userId, userId));
    await tx.update(users).set({ pendingRecoveryAuthHash: hashRecoveryAuthToken(input.recoveryAuthToken), updatedAt: new Date() }).where(eq(users.id, userId));
  });
}

/**
 * The user saved the key named by its auth token. A pending key becomes the
 * key (the old one stops working); the current key (sign-up's) is only marked
 * confirmed. Any other token is stale, from a tab showing a replaced key.
 */
export async function confirmRecoveryKey(deps: AuthDeps, userId: string, input: z.infer<typeof confirmRecoveryKeyRequest>): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [row] = await tx.select({ hash: users.recoveryAuthHash, pendingHash: users.pendingRecoveryAuthHash, pendingWrapped: userKeys.pendingWrappedRootKeyRecovery })
      .from(users).innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.id, userId)).for('update');
    if (!row) throw new AppError('not_found', 'account not found');
    const now = new Date();
    if (row.pendingHash !== null && row.pendingWrapped !== null && recoveryAuthTokenMatches(input.recoveryAuthToken, row.pendingHash)) {
      await tx.update(userKeys).set({ wrappedRootKeyRecovery: row.pendingWrapped, pendingWrappedRootKeyRecovery: null, updatedAt: now }).where(eq(userKeys.userId, userId));
      await tx.update(users).set({ recoveryAuthHash: row.pendingHash, pendingRecoveryAuthHash: null, recoveryConfirmedAt: now, updatedAt: now }).where(eq(users.id, userId));
    } else if (recoveryAuthTokenMatches(input.recoveryAuthToken, row.hash)) {
      await tx.update(users).set({ recoveryConfirmedAt: now, updatedAt: now }).where(eq(users.id, userId));
    } else {
      throw new AppError('conflict', 'this recovery key was replaced by a newer one; make a new one and save that');
    }
  });
}

/** Revokes every session of the user, this one included (see [Note: session records]). */
export async function signOutEverywhere(deps: AuthDeps, userId: string): Promise<void> {
  await revokeAllSessions(deps.db, userId);
}
