import 'server-only';
import { and, eq } from 'drizzle-orm';
import { shareIdSchema, type ShareJson } from '@/lib/shared/shares';
import type { Db } from '../db/app-db';
import { userKeys, users } from '../db/schema';
import { files } from '../db/schema-files';
import { shares, type ShareRow } from '../db/schema-shares';
import { AppError } from '../errors';
import type { FilesDeps } from '../files/deps';
import { storageCall } from '../files/s3-errors';
import { releaseStorage } from '../files/storage-cleanup';
import { isFileLive } from '../folders/tree';

// [Note: recipient permissions] What an owner may allow a recipient (issue 6):
// re-sharing and deleting. The server enforces both, and that is all they can
// be: a recipient holds the file key, so a recipient determined to pass the
// file on can always do so outside Twofold. What the flags do control is
// Twofold's own record: nobody appears as a recipient, and no file disappears,
// unless the owner allowed it. Re-shares carry no permissions onward, and
// the owner sees each one (with who re-shared it) and can revoke it.

function shareNotFound(): AppError {
  return new AppError('not_found', 'share not found');
}

/** The caller's own share of a ready file, or the 404 everyone else gets. */
async function ownShare(db: Db, recipientId: string, shareId: string): Promise<ShareRow> {
  if (!shareIdSchema.safeParse(shareId).success) throw shareNotFound();
  const rows = await db.select({ share: shares, file: files }).from(shares)
    .innerJoin(files, eq(files.id, shares.fileId))
    .where(and(eq(shares.id, shareId), eq(shares.recipientId, recipientId), eq(files.status, 'ready')));
  const share = rows[0]?.share;
  const file = rows[0]?.file;
  if (!share || !file || !(await isFileLive(db, file))) throw shareNotFound();
  return share;
}

/** POST /api/shared/[shareId]/shares: the caller seals the file key to someone else, if the owner allowed it. */
export async function reshare(db: Db, callerId: string, shareId: string, recipientId: string, envelope: string): Promise<ShareJson> {
  const share = await ownShare(db, callerId, shareId);
  if (!share.canReshare) throw new AppError('forbidden', 'the owner did not allow you to share this file');
  if (recipientId === callerId || recipientId === share.ownerId) throw new AppError('bad_request', 'that person already has this file');
  const recipient = (await db.select({ email: users.email }).from(users)
    .innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.id, recipientId)))[0];
  if (!recipient) throw new AppError('not_found', 'recipient not found');
  const inserted = await db.insert(shares).values({
    fileId: share.fileId, ownerId: share.ownerId, recipientId, sharedBy: callerId, envelope, canReshare: false, canDelete: false,
  }).onConflictDoNothing().returning();
  const row = inserted[0];
  if (!row) throw new AppError('conflict', 'the file is already shared with this person');
  const sharedByEmail = (await db.select({ email: users.email }).from(users).where(eq(users.id, callerId)))[0]?.email ?? null;
  return {
    id: row.id, fileId: row.fileId, recipientId, recipientEmail: recipient.email, sharedByEmail,
    canReshare: false, canDelete: false, createdAt: row.createdAt.toISOString(),
  };
}

/**
 * DELETE /api/shared/[shareId]/file: deletes the owner's file for everyone,
 * if the owner allowed this recipient to. Storage first, as the owner's
 * delete does (lib/server/files/discard.ts): a failure leaves the row to retry.
 */
export async function deleteSharedFile(deps: FilesDeps, callerId: string, shareId: string): Promise<void> {
  const share = await ownShare(deps.db, callerId, shareId);
  if (!share.canDelete) throw new AppError('forbidden', 'the owner did not allow you to delete this file');
  const file = (await deps.db.select().from(files).where(eq(files.id, share.fileId)))[0];
  if (!file) throw shareNotFound();
  await storageCall('deleting the file', () => releaseStorage(deps.store, file));
  await deps.db.delete(files).where(eq(files.id, file.id));
}
