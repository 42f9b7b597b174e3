import 'server-only';
import { and, eq } from 'drizzle-orm';
import { folderIdSchema, type FolderJson } from '@/lib/shared/folders';
import type { Db } from '../db/app-db';
import { folders, type FolderRow } from '../db/schema-folders';
import { AppError } from '../errors';

/** [Note: not found, never forbidden] (lib/server/files/records.ts), for folders. */
export function folderNotFound(): AppError {
  return new AppError('not_found', 'folder not found');
}

export async function findOwnedFolder(db: Db, ownerId: string, folderId: string): Promise<FolderRow> {
  if (!folderIdSchema.safeParse(folderId).success) throw folderNotFound();
  const rows = await db.select().from(folders).where(and(eq(folders.id, folderId), eq(folders.ownerId, ownerId)));
  if (!rows[0]) throw folderNotFound();
  return rows[0];
}

export function toFolderJson(row: FolderRow): FolderJson {
  return {
    id: row.id,
    parentId: row.parentId,
    wrappedFolderKey: row.wrappedFolderKey,
    encryptedMetadata: row.encryptedMetadata,
    trashedAt: row.trashedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
