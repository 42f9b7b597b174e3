import 'server-only';
import { eq } from 'drizzle-orm';
import { isAllowedChunkSize, plaintextSizeFromCiphertextSize } from '@/lib/crypto/file-format';
import type { CreateUploadRequest, CreateUploadResponse } from '@/lib/shared/files';
import { files } from '../db/schema-files';
import { AppError } from '../errors';
import { ObjectStore } from '../storage/object-store';
import type { FilesDeps } from './deps';
import { presignPartUrls } from './presign-parts';
import { assertReservationFits, lockUserForQuota } from './quota';
import { assertReplaceable } from './replace-file';
import { storageCall } from './s3-errors';
import { maybeSweep } from './sweeper';
import { planParts } from './upload-plan';
import { folderNotFound } from '../folders/records';
import { loadTree } from '../folders/tree';

/** Part URLs handed out with the create answer; the client asks /parts for the rest. */
const FIRST_BATCH = 8;

function assertPossibleCiphertext(ciphertextSize: number, chunkSize: number): void {
  if (!isAllowedChunkSize(chunkSize)) throw new AppError('bad_request', 'chunkSize must be a power of two from 1 KiB to 16 MiB');
  try {
    // Only sizes an encoder can produce (format.md §1.4) are accepted, so a
    // reservation always corresponds to some real file.
    plaintextSizeFromCiphertextSize(ciphertextSize, chunkSize);
  } catch {
    throw new AppError('bad_request', 'ciphertextSize is not a possible size for this chunk size');
  }
}

/**
 * POST /api/files: reserves the ciphertext size against the quota, records a
 * pending file under a random object key, and returns where to upload it.
 */
export async function createUpload(deps: FilesDeps, ownerId: string, input: CreateUploadRequest): Promise<CreateUploadResponse> {
  assertPossibleCiphertext(input.ciphertextSize, input.chunkSize);
  // A re-encryption reserves its full size like any upload: until it
  // completes, the old and the new copy are both stored.
  const folderId = input.replaces ? await assertReplaceable(deps.db, ownerId, input.replaces) : (input.folderId ?? null);
  if (input.replaces && input.folderId !== undefined && input.folderId !== folderId) {
    throw new AppError('bad_request', 'a re-encrypted file stays in its folder; omit folderId');
  }
  await maybeSweep(deps);
  const plan = planParts(input.ciphertextSize, deps.partLimits);

  // Check and reservation in one transaction under the user's row lock.
  const row = await deps.db.transaction(async (tx) => {
    await lockUserForQuota(tx, ownerId);
    await assertReservationFits(tx, ownerId, input.ciphertextSize, deps.quotaBytes);
    if (folderId !== null) {
      // The client wraps the file key for this folder (format.md §2.1); it must be the caller's and live.
      const tree = await loadTree(tx, ownerId);
      if (!tree.has(folderId)) throw folderNotFound();
      if (!tree.isLive(folderId)) throw new AppError('conflict', 'that folder is in the trash; restore it first');
    }
    const inserted = await tx.insert(files).values({
      ownerId,
      objectKey: ObjectStore.newObjectKey(),
      status: 'pending',
      chunkSize: input.chunkSize,
      ciphertextSize: input.ciphertextSize,
      partSize: plan.partSize,
      replacesFileId: input.replaces ?? null,
      folderId,
    }).returning();
    return inserted[0]!;
  });

  if (plan.kind === 'multipart') {
    // Created after the reservation so a refused upload costs no S3 call. If
    // the process dies between the two, the row has no upload id: the sweeper
    // drops the row and the bucket's stale-upload expiry drops the upload.
    try {
      row.uploadId = await storageCall('starting the upload', () => deps.store.createMultipart(row.objectKey));
      await deps.db.update(files).set({ uploadId: row.uploadId }).where(eq(files.id, row.id));
    } catch (error) {
      await deps.db.delete(files).where(eq(files.id, row.id));
      if (row.uploadId) await deps.store.abortMultipart(row.objectKey, row.uploadId).catch(() => {});
      throw error;
    }
  }

  const first = Array.from({ length: Math.min(plan.partCount, FIRST_BATCH) }, (_, i) => i + 1);
  return { id: row.id, upload: { ...plan, parts: await presignPartUrls(deps.store, row, first) } };
}
