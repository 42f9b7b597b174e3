import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { CompleteUploadRequest, FileJson } from '@/lib/shared/files';
import type { Db } from '../db/app-db';
import { files, type FileRow } from '../db/schema-files';
import { AppError } from '../errors';
import type { ObjectStore } from '../storage/object-store';
import type { FilesDeps } from './deps';
import { partCountOf } from './presign-parts';
import { finishedFileFits, lockUserForQuota } from './quota';
import { findOwnedFile, notFound, toFileJson } from './records';
import { isS3Error, storageUnavailable } from './s3-errors';
import { lockReplacedFile, releaseReplacedStorage, swapInReplacement } from './replace-file';
import { releaseStorage } from './storage-cleanup';
import { headIfExists, objectMismatch } from './verify-object';

type Parts = NonNullable<CompleteUploadRequest['parts']>;

function assertEveryPart(parts: Parts | undefined, count: number): Parts {
  const sorted = [...(parts ?? [])].sort((a, b) => a.partNumber - b.partNumber);
  const complete = sorted.length === count && sorted.every((p, i) => p.partNumber === i + 1);
  if (!complete) throw new AppError('bad_request', `expected the ETags of parts 1..${count}, each once`);
  return sorted;
}

/**
 * CompleteMultipartUpload with the client's ETags. NoSuchUpload is not an
 * error here: a retried complete finds the upload already assembled, and
 * HeadObject decides what happened.
 */
async function assembleParts(store: ObjectStore, row: FileRow, parts: Parts): Promise<void> {
  try {
    await store.completeMultipart(row.objectKey, row.uploadId!, parts);
  } catch (error) {
    if (isS3Error(error, 'NoSuchUpload')) return;
    // The client's list does not match what it uploaded. The upload stays
    // pending: re-uploading a part and completing again can still succeed.
    if (isS3Error(error, 'InvalidPart', 'InvalidPartOrder', 'EntityTooSmall')) {
      throw new AppError('bad_request', `the parts do not match the upload (${(error as Error).name})`);
    }
    throw storageUnavailable('completing the upload', error);
  }
}

/** The upload is unusable: drop the row (releasing its reservation) and its storage. */
async function discard(deps: FilesDeps, row: FileRow): Promise<void> {
  await deps.db.delete(files).where(and(eq(files.id, row.id), eq(files.status, 'pending')));
  await releaseStorage(deps.store, row).catch(() => {
    // Left to the bucket's stale-upload expiry; the client still hears why it failed.
  });
}

type Finalised = { ready: FileRow; replaced: FileRow | null } | 'over-quota' | 'gone';

/**
 * Marks the file ready, under the user's quota lock, if it is still pending.
 * A replacing upload swaps in for its file in this same transaction
 * (replace-file.ts), so either both happen or neither.
 */
async function markReady(db: Db, row: FileRow, input: CompleteUploadRequest, quotaBytes: number): Promise<Finalised> {
  return db.transaction(async (tx) => {
    await lockUserForQuota(tx, row.ownerId);
    const replaced = row.replacesFileId ? await lockReplacedFile(tx, row) : null;
    // The replaced file leaves in this transaction: only the difference must fit.
    const addedBytes = row.ciphertextSize - (replaced?.ciphertextSize ?? 0);
    if (!(await finishedFileFits(tx, row.ownerId, row.id, addedBytes, quotaBytes))) return 'over-quota';
    const now = new Date();
    const updated = await tx.update(files)
      .set({
        status: 'ready', wrappedFileKey: input.wrappedFileKey, encryptedMetadata: input.encryptedMetadata,
        uploadId: null, completedAt: now, updatedAt: now,
      })
      .where(and(eq(files.id, row.id), eq(files.status, 'pending')))
      .returning();
    const ready = updated[0];
    if (!ready) return 'gone';
    if (replaced) await swapInReplacement(tx, replaced, ready, input.shares ?? []);
    return { ready, replaced };
  });
}

/**
 * POST /api/files/[id]/complete. Idempotent: a ready file is returned as it
 * is (the first complete's key and metadata stand). The object is checked
 * with HeadObject before the file becomes ready; a wrong size or wrong
 * encryption discards the upload with a 400, a lowered quota with a 413.
 */
export async function completeUpload(deps: FilesDeps, ownerId: string, fileId: string, input: CompleteUploadRequest): Promise<FileJson> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  if (input.shares !== undefined && !row.replacesFileId) throw new AppError('bad_request', 'shares can only be given when re-encrypting a file');
  if (row.status === 'ready') return toFileJson(row);

  if (row.uploadId) {
    await assembleParts(deps.store, row, assertEveryPart(input.parts, partCountOf(row)));
  } else if (input.parts?.length) {
    throw new AppError('bad_request', 'a single-PUT upload has no parts to list');
  }

  const head = await headIfExists(deps.store, row.objectKey);
  if (!head) {
    if (!row.uploadId) throw new AppError('conflict', 'nothing has been uploaded yet');
    // Neither an upload to complete nor an object: the store expired or aborted it.
    await discard(deps, row);
    throw new AppError('conflict', 'the upload expired or was aborted; start again');
  }
  const mismatch = objectMismatch(head, row, deps.store);
  if (mismatch) {
    await discard(deps, row);
    throw new AppError('bad_request', `${mismatch}; the upload was discarded`);
  }

  const outcome = await markReady(deps.db, row, input, deps.quotaBytes);
  if (outcome === 'over-quota') {
    await discard(deps, row);
    throw new AppError('quota_exceeded', 'not enough storage left for this file; the upload was discarded');
  }
  if (outcome === 'gone') {
    // A concurrent complete won (fine), or the row was deleted or swept
    // meanwhile: then this object belongs to nobody and goes too.
    const again = await deps.db.select().from(files).where(and(eq(files.id, row.id), eq(files.ownerId, ownerId)));
    if (again[0]?.status === 'ready') return toFileJson(again[0]);
    await releaseStorage(deps.store, { objectKey: row.objectKey, uploadId: null }).catch(() => {});
    throw notFound();
  }
  if (outcome.replaced) await releaseReplacedStorage(deps.store, outcome.replaced);
  return toFileJson(outcome.ready);
}
