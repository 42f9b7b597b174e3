import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AccountJson, changePasswordRequest, regenerateRecoveryKeyRequest } from '@/lib/shared/accounts';
import { kdfParamsSchema, meetsKdfFloor } from '@/lib/shared/kdf-params';
import { userKeys, users } from '../db/schema';
import { AppError } from '../errors';
import type { AuthDeps } from './deps';
import { replacePasswordCredentials } from './users';
import { finishReauth } from './login';
import { hashRecoveryAuthToken } from './recovery-hash';
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

/** New recovery key: the old wrapped root key and auth hash are replaced, so the old key stops working. */
export async function regenerateRecoveryKey(deps: AuthDeps, userId: string, input: z.infer<typeof regenerateRecoveryKeyRequest>, ip: string) {
  await requireReauth(deps, userId, input, ip);
  await deps.db.transaction(async (tx) => {
    await tx.update(userKeys).set({ wrappedRootKeyRecovery: input.wrappedRootKeyRecovery, updatedAt: new Date() }).where(eq(userKeys.userId, userId));
    await tx.update(users).set({ recoveryAuthHash: hashRecoveryAuthToken(input.recoveryAuthToken), updatedAt: new Date() }).where(eq(users.id, userId));
  });
}

/** Revokes every session of the user, this one included (see [Note: session records]). */
export async function signOutEverywhere(deps: AuthDeps, userId: string): Promise<void> {
  await revokeAllSessions(deps.db, userId);
}
