import 'server-only';
import { and, eq, inArray, isNotNull, lt } from 'drizzle-orm';
import type { BulkResponse, ItemRef, ItemsRequest } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { files } from '../db/schema-files';
import { folders } from '../db/schema-folders';
import type { FilesDeps } from '../files/deps';
import { lockUserForQuota } from '../files/quota';
import { storageCall } from '../files/s3-errors';
import { releaseStorage } from '../files/storage-cleanup';
import { allOk, keyOf, refuseUnlessAllValid, type ItemFailure } from './bulk-result';
import { loadItems, NOT_FOUND } from './items';
import { loadTree } from './tree';

/** How long items stay in the trash before the sweeper deletes them for good (TWOFOLD_TRASH_DAYS). */
export const DEFAULT_TRASH_DAYS = 30;

/** Every file and folder id a set of trash entries stands for, subtrees included. */
async function expand(db: Db, ownerId: string, items: readonly ItemRef[]): Promise<{ fileIds: string[]; folderIds: string[] }> {
  const tree = await loadTree(db, ownerId);
  const folderIds = [...new Set(items.filter((i) => i.kind === 'folder').flatMap((i) => tree.subtree(i.id)))];
  const inFolders = folderIds.length
    ? (await db.select({ id: files.id }).from(files).where(and(eq(files.ownerId, ownerId), inArray(files.folderId, folderIds)))).map((r) => r.id)
    : [];
  const fileIds = [...new Set([...items.filter((i) => i.kind === 'file').map((i) => i.id), ...inFolders])];
  return { fileIds, folderIds };
}

/**
 * Deletes trash entries for good: objects first (like deleting one file,
 * lib/server/files/discard.ts), then the rows, which frees the quota. If
 * storage fails part-way, the rows stay and a retry finishes the job, since
 * releasing storage is idempotent.
 */
async function destroy(deps: FilesDeps, ownerId: string, items: readonly ItemRef[]): Promise<{ files: number; folders: number }> {
  const { fileIds, folderIds } = await expand(deps.db, ownerId, items);
  const rows = fileIds.length
    ? await deps.db.select().from(files).where(and(eq(files.ownerId, ownerId), inArray(files.id, fileIds)))
    : [];
  for (const row of rows) await storageCall('deleting a file in the trash', () => releaseStorage(deps.store, row));
  await deps.db.transaction(async (tx) => {
    if (fileIds.length) await tx.delete(files).where(and(eq(files.ownerId, ownerId), inArray(files.id, fileIds)));
    // Subfolders go with their parents (ON DELETE CASCADE); their files are already gone.
    if (folderIds.length) await tx.delete(folders).where(and(eq(folders.ownerId, ownerId), inArray(folders.id, folderIds)));
  });
  return { files: rows.length, folders: folderIds.length };
}

/** POST /api/items/delete: only what is in the trash can be deleted for good. [Note: all or nothing] */
export async function deleteForever(deps: FilesDeps, ownerId: string, input: ItemsRequest): Promise<BulkResponse> {
  await deps.db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    const rows = await loadItems(tx, ownerId, input.items);
    const failures = new Map<string, ItemFailure>();
    for (const item of input.items) {
      const row = item.kind === 'file' ? rows.files.get(item.id) : rows.folders.get(item.id);
      if (!row) failures.set(keyOf(item), { code: 'not_found', message: NOT_FOUND[item.kind] });
      else if (!row.trashedAt) failures.set(keyOf(item), { code: 'conflict', message: 'move it to the trash first' });
    }
    refuseUnlessAllValid('delete forever', input.items, failures);
  });
  await destroy(deps, ownerId, input.items);
  return allOk(input.items);
}

async function trashEntries(db: Db, ownerId: string | null, before?: Date): Promise<{ ownerId: string; item: ItemRef }[]> {
  const fileWhere = and(isNotNull(files.trashedAt), eq(files.status, 'ready'), ownerId ? eq(files.ownerId, ownerId) : undefined, before ? lt(files.trashedAt, before) : undefined);
  const folderWhere = and(isNotNull(folders.trashedAt), ownerId ? eq(folders.ownerId, ownerId) : undefined, before ? lt(folders.trashedAt, before) : undefined);
  const [f, d] = await Promise.all([
    db.select({ id: files.id, ownerId: files.ownerId }).from(files).where(fileWhere),
    db.select({ id: folders.id, ownerId: folders.ownerId }).from(folders).where(folderWhere),
  ]);
  return [
    ...f.map((r) => ({ ownerId: r.ownerId, item: { kind: 'file' as const, id: r.id } })),
    ...d.map((r) => ({ ownerId: r.ownerId, item: { kind: 'folder' as const, id: r.id } })),
  ];
}

/** POST /api/trash/empty: everything in the caller's trash, for good. */
export async function emptyTrash(deps: FilesDeps, ownerId: string): Promise<{ files: number; folders: number }> {
  const entries = await trashEntries(deps.db, ownerId);
  if (entries.length === 0) return { files: 0, folders: 0 };
  return destroy(deps, ownerId, entries.map((e) => e.item));
}

/** The sweeper's part: trash entries older than the retention, every user's. Returns the entries purged. */
export async function purgeExpiredTrash(deps: FilesDeps, olderThan: Date): Promise<number> {
  const entries = await trashEntries(deps.db, null, olderThan);
  const byOwner = new Map<string, ItemRef[]>();
  for (const e of entries) byOwner.set(e.ownerId, [...(byOwner.get(e.ownerId) ?? []), e.item]);
  for (const [ownerId, items] of byOwner) await destroy(deps, ownerId, items);
  return entries.length;
}

