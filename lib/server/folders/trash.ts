import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { BulkResponse, ItemsRequest, RestoreItemsRequest } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { files } from '../db/schema-files';
import { folders } from '../db/schema-folders';
import { lockUserForQuota } from '../files/quota';
import { allOk, keyOf, refuseUnlessAllValid, type ItemFailure } from './bulk-result';
import { loadItems, NOT_FOUND } from './items';
import { loadTree } from './tree';

// The trash (issue 10): trashing sets trashed_at on the item itself; what is
// below a trashed folder is in the trash with it, without a row changing.
// Trashed files keep their objects and still count towards the quota. Shares
// and links of anything in the trash stop working (isFileLive) and work again
// after a restore. [Note: all or nothing] holds for every request here.

/** POST /api/items/trash. Trashing an item already in the trash is a no-op. */
export async function trashItems(db: Db, ownerId: string, input: ItemsRequest): Promise<BulkResponse> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    const tree = await loadTree(tx, ownerId);
    const rows = await loadItems(tx, ownerId, input.items);
    const failures = new Map<string, ItemFailure>();
    for (const item of input.items) {
      const row = item.kind === 'file' ? rows.files.get(item.id) : rows.folders.get(item.id);
      const ready = item.kind === 'folder' || (row && 'status' in row && row.status === 'ready');
      if (!row || !ready) failures.set(keyOf(item), { code: 'not_found', message: NOT_FOUND[item.kind] });
      else if (!row.trashedAt) {
        const parent = 'folderId' in row ? row.folderId : row.parentId;
        if (!tree.isLive(parent)) failures.set(keyOf(item), { code: 'conflict', message: 'it is inside a folder that is already in the trash' });
      }
    }
    refuseUnlessAllValid('move to trash', input.items, failures);
    const now = new Date();
    for (const item of input.items) {
      if (item.kind === 'file') {
        const row = rows.files.get(item.id)!;
        if (!row.trashedAt) await tx.update(files).set({ trashedAt: now, updatedAt: now }).where(and(eq(files.id, item.id), eq(files.ownerId, ownerId)));
      } else {
        const row = rows.folders.get(item.id)!;
        if (!row.trashedAt) await tx.update(folders).set({ trashedAt: now, updatedAt: now }).where(and(eq(folders.id, item.id), eq(folders.ownerId, ownerId)));
      }
    }
    return allOk(input.items);
  });
}

/**
 * POST /api/items/restore: back where it was, if that folder is live. If it
 * is not (in the trash itself), the item goes to the top level, for which the
 * client sends its key wrapped under the root key (`wrappedKey`); without it
 * the item fails with parent_unavailable and nothing changes.
 */
export async function restoreItems(db: Db, ownerId: string, input: RestoreItemsRequest): Promise<BulkResponse> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    const tree = await loadTree(tx, ownerId);
    const rows = await loadItems(tx, ownerId, input.items);
    const failures = new Map<string, ItemFailure>();
    for (const item of input.items) {
      const row = item.kind === 'file' ? rows.files.get(item.id) : rows.folders.get(item.id);
      if (!row) failures.set(keyOf(item), { code: 'not_found', message: NOT_FOUND[item.kind] });
      else if (!row.trashedAt) failures.set(keyOf(item), { code: 'conflict', message: 'it is not in the trash' });
      else {
        const parent = 'folderId' in row ? row.folderId : row.parentId;
        if (!item.wrappedKey && !tree.isLive(parent)) {
          failures.set(keyOf(item), { code: 'conflict', message: 'parent_unavailable: its folder is in the trash, so it can only be restored to the top level' });
        }
      }
    }
    refuseUnlessAllValid('restore', input.items, failures);
    const now = new Date();
    for (const item of input.items) {
      const toTop = item.wrappedKey ? { wrappedKey: item.wrappedKey } : null;
      if (item.kind === 'file') {
        await tx.update(files).set({ trashedAt: null, updatedAt: now, ...(toTop ? { folderId: null, wrappedFileKey: toTop.wrappedKey } : {}) })
          .where(and(eq(files.id, item.id), eq(files.ownerId, ownerId)));
      } else {
        await tx.update(folders).set({ trashedAt: null, updatedAt: now, ...(toTop ? { parentId: null, wrappedFolderKey: toTop.wrappedKey } : {}) })
          .where(and(eq(folders.id, item.id), eq(folders.ownerId, ownerId)));
      }
    }
    return allOk(input.items);
  });
}
