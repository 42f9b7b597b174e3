import 'server-only';
import { eq } from 'drizzle-orm';
import { kdfParamsSchema, type KdfParams } from '@/lib/shared/kdf-params';
import type { Db } from '../db/app-db';
import { opaqueRecords, users } from '../db/schema';

export interface UserLogin {
  userId: string;
  registrationRecord: string;
  kdfParams: KdfParams;
}

export async function findUserLoginByEmail(db: Db, email: string): Promise<UserLogin | undefined> {
  const rows = await db
    .select({ userId: users.id, registrationRecord: opaqueRecords.registrationRecord, kdfParams: users.kdfParams })
    .from(users)
    .innerJoin(opaqueRecords, eq(opaqueRecords.userId, users.id))
    .where(eq(users.email, email));
  const row = rows[0];
  return row && { ...row, kdfParams: kdfParamsSchema.parse(row.kdfParams) };
}

export async function findUserLoginById(db: Db, userId: string): Promise<UserLogin | undefined> {
  const rows = await db
    .select({ userId: users.id, registrationRecord: opaqueRecords.registrationRecord, kdfParams: users.kdfParams })
    .from(users)
    .innerJoin(opaqueRecords, eq(opaqueRecords.userId, users.id))
    .where(eq(users.id, userId));
  const row = rows[0];
  return row && { ...row, kdfParams: kdfParamsSchema.parse(row.kdfParams) };
}

export async function sessionVersionOf(db: Db, userId: string): Promise<number | undefined> {
  const rows = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId));
  return rows[0]?.v;
}
