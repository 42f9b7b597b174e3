import 'server-only';
import { eq, type SQL } from 'drizzle-orm';
import { kdfParamsSchema, type KdfParams } from '@/lib/shared/kdf-params';
import type { Db } from '../db/app-db';
import { opaqueRecords, sessions, userKeys, users } from '../db/schema';

export interface UserLogin {
  userId: string;
  registrationRecord: string;
  kdfParams: KdfParams;
}

async function findUserLogin(db: Db, where: SQL): Promise<UserLogin | undefined> {
  const rows = await db
    .select({ userId: users.id, registrationRecord: opaqueRecords.registrationRecord, kdfParams: users.kdfParams })
    .from(users)
    .innerJoin(opaqueRecords, eq(opaqueRecords.userId, users.id))
    .where(where);
  const row = rows[0];
  return row && { ...row, kdfParams: kdfParamsSchema.parse(row.kdfParams) };
}

export function findUserLoginByEmail(db: Db, email: string): Promise<UserLogin | undefined> {
  return findUserLogin(db, eq(users.email, email));
}

export function findUserLoginById(db: Db, userId: string): Promise<UserLogin | undefined> {
  return findUserLogin(db, eq(users.id, userId));
}

/**
 * A new password (change or recovery): the OPAQUE record, the root key wrapped
 * under the new KEK and the KDF parameters are replaced together, and every
 * session is revoked ([Note: session records]). Nothing below the root key changes.
 */
export async function replacePasswordCredentials(
  db: Db,
  userId: string,
  input: { registrationRecord: string; wrappedRootKeyPassword: string; kdfParams: KdfParams },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(opaqueRecords).set({ registrationRecord: input.registrationRecord, updatedAt: new Date() }).where(eq(opaqueRecords.userId, userId));
    await tx.update(userKeys).set({ wrappedRootKeyPassword: input.wrappedRootKeyPassword, updatedAt: new Date() }).where(eq(userKeys.userId, userId));
    await tx.update(users).set({ kdfParams: input.kdfParams, updatedAt: new Date() }).where(eq(users.id, userId));
    await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
}

