import 'server-only';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ShareJson } from '@/lib/shared/shares';
import { shareIdSchema } from '@/lib/shared/shares';
import type { Db } from '../db/app-db';
import { userKeys, users } from '../db/schema';
import { shares, type ShareRow } from '../db/schema-shares';
import { AppError } from '../errors';
import { findOwnedFile } from '../files/records';

// The owner's side of sharing. Every function starts from findOwnedFile, so a
// recipient or a stranger gets the files' [Note: not found, never forbidden] 404.

function shareNotFound(): AppError {
  return new AppError('not_found', 'share not found');
}

/** POST /api/files/[id]/shares: stores an envelope the owner sealed to the recipient (format.md §5). */
export async function createShare(
  db: Db, ownerId: string, fileId: string, recipientId: string, envelope: string,
  permissions: { canReshare?: boolean; canDelete?: boolean } = {},
): Promise<ShareJson> {
  const file = await findOwnedFile(db, ownerId, fileId);
  if (file.status !== 'ready') throw new AppError('conflict', 'the upload is not complete yet');
  if (recipientId === ownerId) throw new AppError('bad_request', 'you already own this file');
  const recipient = (await db.select({ email: users.email }).from(users)
    .innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.id, recipientId)))[0];
  if (!recipient) throw new AppError('not_found', 'recipient not found');
  const inserted = await db.insert(shares).values({
    fileId: file.id, ownerId, recipientId, sharedBy: ownerId, envelope,
    canReshare: permissions.canReshare ?? false, canDelete: permissions.canDelete ?? false,
  }).onConflictDoNothing().returning();
  const row = inserted[0];
  if (!row) throw new AppError('conflict', 'the file is already shared with this person; revoke first to re-share');
  return toShareJson(row, recipient.email, null);
}

/** GET /api/files/[id]/shares: who holds an envelope for this file, for the owner's audit view. */
export async function listShares(db: Db, ownerId: string, fileId: string): Promise<ShareJson[]> {
  const file = await findOwnedFile(db, ownerId, fileId);
  return selectShares(db, ownerId, and(eq(shares.fileId, file.id), eq(shares.ownerId, ownerId)));
}

const sharer = alias(users, 'sharer');

/** The owner's shares matching `where`, oldest first, with the recipient's and any re-sharer's email. */
async function selectShares(db: Db, ownerId: string, where: SQL | undefined): Promise<ShareJson[]> {
  const rows = await db.select({ share: shares, email: users.email, sharedByEmail: sharer.email }).from(shares)
    .innerJoin(users, eq(users.id, shares.recipientId))
    .innerJoin(sharer, eq(sharer.id, shares.sharedBy))
    .where(where)
    .orderBy(asc(shares.createdAt), asc(shares.id));
  return rows.map(({ share, email, sharedByEmail }) => toShareJson(share, email, share.sharedBy === ownerId ? null : sharedByEmail));
}

function toShareJson(share: ShareRow, recipientEmail: string, sharedByEmail: string | null): ShareJson {
  return {
    id: share.id, fileId: share.fileId, recipientId: share.recipientId, recipientEmail, sharedByEmail,
    canReshare: share.canReshare, canDelete: share.canDelete, createdAt: share.createdAt.toISOString(),
  };
}

/** Every share the owner made, for the sharing-activity page. */
export async function listOwnerShares(db: Db, ownerId: string): Promise<ShareJson[]> {
  return selectShares(db, ownerId, eq(shares.ownerId, ownerId));
}

/** Share counts of all the owner's files (the Layers panel and the file list). */
export async function shareCounts(db: Db, ownerId: string): Promise<Record<string, number>> {
  const rows = await db.select({ fileId: shares.fileId }).from(shares).where(eq(shares.ownerId, ownerId));
  const counts: Record<string, number> = {};
  for (const { fileId } of rows) counts[fileId] = (counts[fileId] ?? 0) + 1;
  return counts;
}

/**
 * DELETE /api/files/[id]/shares/[shareId]: deletes the envelope, so the
 * recipient can no longer fetch the ciphertext through us. It cannot undo a
 * copy already downloaded; re-encrypting the file is the stronger revoke.
 */
export async function revokeShare(db: Db, ownerId: string, fileId: string, shareId: string): Promise<void> {
  const file = await findOwnedFile(db, ownerId, fileId);
  if (!shareIdSchema.safeParse(shareId).success) throw shareNotFound();
  const deleted = await db.delete(shares)
    .where(and(eq(shares.id, shareId), eq(shares.fileId, file.id), eq(shares.ownerId, ownerId))).returning({ id: shares.id });
  if (!deleted[0]) throw shareNotFound();
}
