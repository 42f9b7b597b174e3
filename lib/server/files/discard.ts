import 'server-only';
import { and, eq } from 'drizzle-orm';
import { files } from '../db/schema-files';
import type { FilesDeps } from './deps';
import { findOwnedFile } from './records';
import { storageCall } from './s3-errors';
import { releaseStorage } from './storage-cleanup';

/**
 * DELETE /api/files/[id]: aborts a pending upload or deletes a ready file,
 * and with the row goes its quota. Storage goes first: if it fails the row
 * stays and the client can retry; a row without storage after a crash is
 * removed by the next retry, since releasing is idempotent. The row is
 * deleted whatever its status, so a complete racing this delete cannot leave
 * a ready row behind (it finds its row gone and answers 404).
 */
export async function deleteFile(deps: FilesDeps, ownerId: string, fileId: string): Promise<void> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  await storageCall('deleting the file', () => releaseStorage(deps.store, row));
  await deps.db.delete(files).where(and(eq(files.id, row.id), eq(files.ownerId, ownerId)));
}
