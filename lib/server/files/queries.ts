import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import type { FileJson } from '@/lib/shared/files';
import { files } from '../db/schema-files';
import { AppError } from '../errors';
import type { FilesDeps } from './deps';
import { findOwnedFile, notFound, toFileJson } from './records';

/** GET /api/files: the caller's ready files, newest first. Pending uploads only count towards usage. */
export async function listFiles(deps: FilesDeps, ownerId: string): Promise<FileJson[]> {
  const rows = await deps.db.select().from(files)
    .where(and(eq(files.ownerId, ownerId), eq(files.status, 'ready')))
    .orderBy(desc(files.completedAt), desc(files.id));
  return rows.map(toFileJson);
}

/** GET /api/files/[id]: one file of the caller's, pending or ready. */
export async function getFile(deps: FilesDeps, ownerId: string, fileId: string): Promise<FileJson> {
  return toFileJson(await findOwnedFile(deps.db, ownerId, fileId));
}

/**
 * PATCH /api/files/[id]: a rename is a new metadata blob (format.md §4),
 * encrypted by the client; the server cannot read either blob.
 */
export async function renameFile(deps: FilesDeps, ownerId: string, fileId: string, encryptedMetadata: string): Promise<FileJson> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  if (row.status !== 'ready') throw new AppError('conflict', 'the upload is not complete yet');
  const updated = await deps.db.update(files)
    .set({ encryptedMetadata, updatedAt: new Date() })
    .where(and(eq(files.id, row.id), eq(files.ownerId, ownerId), eq(files.status, 'ready')))
    .returning();
  if (!updated[0]) throw notFound();
  return toFileJson(updated[0]);
}
