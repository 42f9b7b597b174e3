import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import type { CreateFolderRequest, FolderJson } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { folders } from '../db/schema-folders';
import { AppError } from '../errors';
import { lockUserForQuota } from '../files/quota';
import { findOwnedFolder, folderNotFound, toFolderJson } from './records';
import { loadTree } from './tree';

/** GET /api/folders: all of the caller's folders, live and trashed; the client builds the tree. */
export async function listFolders(db: Db, ownerId: string): Promise<FolderJson[]> {
  const rows = await db.select().from(folders).where(eq(folders.ownerId, ownerId)).orderBy(asc(folders.createdAt), asc(folders.id));
  return rows.map(toFolderJson);
}

/**
 * POST /api/folders. The client picks the id, because the wrapped key and the
 * encrypted name are bound to it (format.md §2.1) before the row exists. An id
 * already taken, by anyone, is a 409 that says nothing about whose it is.
 */
export async function createFolder(db: Db, ownerId: string, input: CreateFolderRequest): Promise<FolderJson> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    if (input.parentId !== null) {
      const tree = await loadTree(tx, ownerId);
      if (!tree.has(input.parentId)) throw folderNotFound();
      if (!tree.isLive(input.parentId)) throw new AppError('conflict', 'that folder is in the trash; restore it first');
    }
    const inserted = await tx.insert(folders).values({
      id: input.id, ownerId, parentId: input.parentId,
      wrappedFolderKey: input.wrappedFolderKey, encryptedMetadata: input.encryptedMetadata,
    }).onConflictDoNothing().returning();
    if (!inserted[0]) throw new AppError('conflict', 'that folder id is already in use; pick a new one');
    return toFolderJson(inserted[0]);
  });
}

/** PATCH /api/folders/[id]: a new name is a new metadata blob under the same folder key. */
export async function renameFolder(db: Db, ownerId: string, folderId: string, encryptedMetadata: string): Promise<FolderJson> {
  const row = await findOwnedFolder(db, ownerId, folderId);
  const updated = await db.update(folders).set({ encryptedMetadata, updatedAt: new Date() })
    .where(and(eq(folders.id, row.id), eq(folders.ownerId, ownerId))).returning();
  if (!updated[0]) throw folderNotFound();
  return toFolderJson(updated[0]);
}

export async function getFolder(db: Db, ownerId: string, folderId: string): Promise<FolderJson> {
  return toFolderJson(await findOwnedFolder(db, ownerId, folderId));
}
