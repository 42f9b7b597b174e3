import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { FolderShareJson } from '@/lib/shared/folder-shares';
import { shareIdSchema } from '@/lib/shared/shares';
import type { Db } from '../db/app-db';
import { userKeys, users } from '../db/schema';
import { folderShares, type FolderShareRow } from '../db/schema-folder-sharing';
import { AppError } from '../errors';
import { findOwnedFolder } from '../folders/records';
import { loadTree } from '../folders/tree';

// The owner's side of folder sharing (docs/format.md §2.1). Every function
// starts from findOwnedFolder, so anyone else gets the folders'
// [Note: not found, never forbidden] 404.

function shareNotFound(): AppError {
  return new AppError('not_found', 'share not found');
}

/** POST /api/folders/[id]/shares: stores a folder-share envelope the owner sealed to the recipient. */
export async function createFolderShare(db: Db, ownerId: string, folderId: string, recipientId: string, envelope: string): Promise<FolderShareJson> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  if (!(await loadTree(db, ownerId)).isLive(folder.id)) throw new AppError('conflict', 'that folder is in the trash; restore it first');
  if (recipientId === ownerId) throw new AppError('bad_request', 'you already own this folder');
  const recipient = (await db.select({ email: users.email }).from(users)
    .innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.id, recipientId)))[0];
  if (!recipient) throw new AppError('not_found', 'recipient not found');
  const inserted = await db.insert(folderShares).values({ folderId: folder.id, ownerId, recipientId, envelope })
    .onConflictDoNothing().returning();
  if (!inserted[0]) throw new AppError('conflict', 'the folder is already shared with this person; revoke first to re-share');
  return toFolderShareJson(inserted[0], recipient.email);
}

/** GET /api/folders/[id]/shares: who holds an envelope for this folder. */
export async function listFolderShares(db: Db, ownerId: string, folderId: string): Promise<FolderShareJson[]> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  const rows = await db.select({ share: folderShares, email: users.email }).from(folderShares)
    .innerJoin(users, eq(users.id, folderShares.recipientId))
    .where(and(eq(folderShares.folderId, folder.id), eq(folderShares.ownerId, ownerId)))
    .orderBy(asc(folderShares.createdAt), asc(folderShares.id));
  return rows.map(({ share, email }) => toFolderShareJson(share, email));
}

/**
 * DELETE /api/folders/[id]/shares/[shareId]: deletes the envelope, so the
 * server stops handing the recipient the subtree at once. It cannot take back
 * the folder key or files they already opened (docs/threat-model.md).
 */
export async function revokeFolderShare(db: Db, ownerId: string, folderId: string, shareId: string): Promise<void> {
  const folder = await findOwnedFolder(db, ownerId, folderId);
  if (!shareIdSchema.safeParse(shareId).success) throw shareNotFound();
  const deleted = await db.delete(folderShares)
    .where(and(eq(folderShares.id, shareId), eq(folderShares.folderId, folder.id), eq(folderShares.ownerId, ownerId)))
    .returning({ id: folderShares.id });
  if (!deleted[0]) throw shareNotFound();
}

function toFolderShareJson(row: FolderShareRow, recipientEmail: string): FolderShareJson {
  return { id: row.id, folderId: row.folderId, recipientId: row.recipientId, recipientEmail, createdAt: row.createdAt.toISOString() };
}
