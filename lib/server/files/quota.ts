import 'server-only';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { UsageJson } from '@/lib/shared/files';
import type { Db } from '../db/app-db';
import { users } from '../db/schema';
import { files } from '../db/schema-files';
import { AppError } from '../errors';

const sumSize = sql<number>`coalesce(sum(${files.ciphertextSize}), 0)::bigint`.mapWith(Number);

/** Ready bytes and pending reservations of one user. */
export async function usageOf(db: Db, ownerId: string): Promise<{ usedBytes: number; reservedBytes: number }> {
  const rows = await db.select({ status: files.status, bytes: sumSize }).from(files).where(eq(files.ownerId, ownerId)).groupBy(files.status);
  return {
    usedBytes: rows.find((r) => r.status === 'ready')?.bytes ?? 0,
    reservedBytes: rows.find((r) => r.status === 'pending')?.bytes ?? 0,
  };
}

export async function getUsage(db: Db, ownerId: string, quotaBytes: number): Promise<UsageJson> {
  return { ...(await usageOf(db, ownerId)), quotaBytes };
}

/**
 * Serialises quota decisions per user: two concurrent creates each seeing
 * the same free space could otherwise both reserve it. Call inside the
 * transaction that reserves or finalises.
 */
export async function lockUserForQuota(tx: Db, ownerId: string): Promise<void> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for('update');
  if (rows.length === 0) throw new AppError('unauthorized', 'sign in first');
}

export function quotaExceeded(needed: number, available: number): AppError {
  return new AppError('quota_exceeded', `not enough storage left: this upload needs ${needed} bytes, ${Math.max(0, available)} are free`);
}

/** At create: everything stored or reserved, plus the new reservation, must fit. */
export async function assertReservationFits(tx: Db, ownerId: string, ciphertextSize: number, quotaBytes: number): Promise<void> {
  const { usedBytes, reservedBytes } = await usageOf(tx, ownerId);
  const available = quotaBytes - usedBytes - reservedBytes;
  if (ciphertextSize > available) throw quotaExceeded(ciphertextSize, available);
}

/**
 * At complete: the finished file must fit next to the files already ready.
 * Other pending reservations are checked when they complete, so a lowered
 * quota is enforced without one upload blocking another.
 */
export async function finishedFileFits(tx: Db, ownerId: string, fileId: string, ciphertextSize: number, quotaBytes: number): Promise<boolean> {
  const rows = await tx.select({ bytes: sumSize }).from(files)
    .where(and(eq(files.ownerId, ownerId), eq(files.status, 'ready'), ne(files.id, fileId)));
  return (rows[0]?.bytes ?? 0) + ciphertextSize <= quotaBytes;
}
