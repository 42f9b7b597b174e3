import 'server-only';
import { and, eq } from 'drizzle-orm';
import { fileIdSchema, type FileJson } from '@/lib/shared/files';
import type { Db } from '../db/app-db';
import { files, type FileRow } from '../db/schema-files';
import { AppError } from '../errors';

// [Note: not found, never forbidden] A file id that is malformed, unknown or
// someone else's gets the same 404 with the same message: a client cannot
// tell "exists but not yours" from "does not exist", so ids leak nothing.
export function notFound(): AppError {
  return new AppError('not_found', 'file not found');
}

/** The caller's file, or the [Note: not found, never forbidden] 404. */
export async function findOwnedFile(db: Db, ownerId: string, fileId: string): Promise<FileRow> {
  // Checked before the query: a malformed id would make PostgreSQL's uuid cast fail with a 500.
  if (!fileIdSchema.safeParse(fileId).success) throw notFound();
  const rows = await db.select().from(files).where(and(eq(files.id, fileId), eq(files.ownerId, ownerId)));
  const row = rows[0];
  if (!row) throw notFound();
  return row;
}

export function toFileJson(row: FileRow): FileJson {
  return {
    id: row.id,
    status: row.status,
    ciphertextSize: row.ciphertextSize,
    chunkSize: row.chunkSize,
    encryptedMetadata: row.encryptedMetadata,
    wrappedFileKey: row.wrappedFileKey,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    folderId: row.folderId,
    trashedAt: row.trashedAt?.toISOString() ?? null,
  };
}
