import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { ItemRef } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { files, type FileRow } from '../db/schema-files';
import { folders, type FolderRow } from '../db/schema-folders';

/** The caller's rows among the ids of a bulk request; anything else is simply absent (a 404 per item). */
export async function loadItems(db: Db, ownerId: string, items: readonly ItemRef[]): Promise<{ files: Map<string, FileRow>; folders: Map<string, FolderRow> }> {
  const fileIds = items.filter((i) => i.kind === 'file').map((i) => i.id);
  const folderIds = items.filter((i) => i.kind === 'folder').map((i) => i.id);
  const [fileRows, folderRows] = await Promise.all([
    fileIds.length ? db.select().from(files).where(and(eq(files.ownerId, ownerId), inArray(files.id, fileIds))) : [],
    folderIds.length ? db.select().from(folders).where(and(eq(folders.ownerId, ownerId), inArray(folders.id, folderIds))) : [],
  ]);
  return { files: new Map(fileRows.map((r) => [r.id, r])), folders: new Map(folderRows.map((r) => [r.id, r])) };
}

export const NOT_FOUND = { file: 'file not found', folder: 'folder not found' } as const;
