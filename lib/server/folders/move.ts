import 'server-only';
import { sql } from 'drizzle-orm';
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
    await rewrapInPlace(tx, ownerId, target, input.items);
    return allOk(input.items);
  });
}

// One UPDATE ... FROM (VALUES ...) per table and batch instead of one per item:
// each row gets its own re-wrapped key, and a thousand round trips were most of
// a thousand-file move's time. Batches keep the bind parameters well under
// PostgreSQL's 65,535.
const BATCH = 500;

async function rewrapInPlace(tx: Db, ownerId: string, target: string | null, items: MoveItemsRequest['items']): Promise<void> {
  for (const [table, kind, parentColumn, keyColumn] of [
    [files, 'file', 'folder_id', 'wrapped_file_key'],
    [folders, 'folder', 'parent_id', 'wrapped_folder_key'],
  ] as const) {
    const ofKind = items.filter((item) => item.kind === kind);
    for (let i = 0; i < ofKind.length; i += BATCH) {
      const rows = sql.join(ofKind.slice(i, i + BATCH).map((item) => sql`(${item.id}::uuid, ${item.wrappedKey})`), sql`, `);
      await tx.execute(sql`UPDATE ${table} SET ${sql.identifier(parentColumn)} = ${target}::uuid, ${sql.identifier(keyColumn)} = v.wrapped_key, updated_at = now()
        FROM (VALUES ${rows}) AS v(id, wrapped_key) WHERE ${table.id} = v.id AND ${table.ownerId} = ${ownerId}`);
    }
  }
}
