import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { BulkResponse, MoveItemsRequest } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { files } from '../db/schema-files';
import { folders } from '../db/schema-folders';
import { AppError } from '../errors';
import { lockUserForQuota } from '../files/quota';
import { allOk, keyOf, refuseUnlessAllValid, type ItemFailure } from './bulk-result';
import { loadItems, NOT_FOUND } from './items';
import { folderNotFound } from './records';
import { loadTree } from './tree';

/**
 * POST /api/items/move: files and folders into `parentId` (null: the top
 * level), each with its key re-wrapped by the client for the new place
 * (format.md §2.1). Content and objects are never touched. A folder cannot
 * move into itself or below itself (409), checked under the user's lock so
 * two concurrent moves cannot build a cycle between them. [Note: all or nothing]
 */
export async function moveItems(db: Db, ownerId: string, input: MoveItemsRequest): Promise<BulkResponse> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    const tree = await loadTree(tx, ownerId);
    const target = input.parentId;
    if (target !== null && !tree.has(target)) throw folderNotFound();
    if (!tree.isLive(target)) throw new AppError('conflict', 'the destination folder is in the trash; restore it first');
    const rows = await loadItems(tx, ownerId, input.items);
    const failures = new Map<string, ItemFailure>();
    for (const item of input.items) {
      const fail = (failure: ItemFailure) => failures.set(keyOf(item), failure);
      if (item.kind === 'file') {
        const row = rows.files.get(item.id);
        if (!row || row.status !== 'ready') fail({ code: 'not_found', message: NOT_FOUND.file });
        else if (row.trashedAt || !tree.isLive(row.folderId)) fail({ code: 'conflict', message: 'the file is in the trash' });
      } else {
        const row = rows.folders.get(item.id);
        if (!row) fail({ code: 'not_found', message: NOT_FOUND.folder });
        else if (!tree.isLive(row.id)) fail({ code: 'conflict', message: 'the folder is in the trash' });
        else if (tree.isWithin(target, row.id)) fail({ code: 'conflict', message: 'a folder cannot move into itself or one of its subfolders' });
      }
    }
    refuseUnlessAllValid('move', input.items, failures);
    const now = new Date();
    for (const item of input.items) {
      if (item.kind === 'file') {
        await tx.update(files).set({ folderId: target, wrappedFileKey: item.wrappedKey, updatedAt: now })
          .where(and(eq(files.id, item.id), eq(files.ownerId, ownerId)));
      } else {
        await tx.update(folders).set({ parentId: target, wrappedFolderKey: item.wrappedKey, updatedAt: now })
          .where(and(eq(folders.id, item.id), eq(folders.ownerId, ownerId)));
      }
    }
    return allOk(input.items);
  });
}
