import 'server-only';
import { eq } from 'drizzle-orm';
import type { PresignedPart } from '@/lib/shared/files';
import { files, type FileRow } from '../db/schema-files';
import { AppError } from '../errors';
import { recordSignedBytes } from '../metrics/record';
import type { ObjectStore } from '../storage/object-store';
import type { FilesDeps } from './deps';
import { findOwnedFile, notFound } from './records';
import { storageCall } from './s3-errors';

export function partCountOf(row: Pick<FileRow, 'ciphertextSize' | 'partSize'>): number {
  return Math.ceil(row.ciphertextSize / row.partSize);
}

/** Bytes in part `partNumber` (1-based): every part is partSize but the last. */
export function partSizeOf(row: Pick<FileRow, 'ciphertextSize' | 'partSize'>, partNumber: number): number {
  return Math.min(row.partSize, row.ciphertextSize - (partNumber - 1) * row.partSize);
}

/**
 * URLs for the given parts of a pending upload. A single-PUT upload is
 * "part 1 of 1" and gets the PUT URL with its signed SSE-KMS headers, so a
 * client refreshes an expired URL the same way for both kinds.
 */
export async function presignPartUrls(store: ObjectStore, row: FileRow, partNumbers: number[]): Promise<PresignedPart[]> {
  const parts = await storageCall('signing upload URLs', () =>
    Promise.all(partNumbers.map(async (partNumber) => {
      const signed = row.uploadId
        ? await store.presignPart(row.objectKey, row.uploadId, partNumber, partSizeOf(row, partNumber))
        : await store.presignPut(row.objectKey, row.ciphertextSize);
      return { partNumber, url: signed.url, headers: signed.headers, expiresAt: signed.expiresAt };
    })),
  );
  // Each URL is bound to its part's exact size ([Note: size-bound, single-use writes]); a refreshed URL counts again.
  const bytes = row.uploadId ? partNumbers.reduce((sum, n) => sum + partSizeOf(row, n), 0) : row.ciphertextSize * partNumbers.length;
  recordSignedBytes('upload', bytes);
  return parts;
}

/** POST /api/files/[id]/parts: more part URLs, only for the owner's pending upload. */
export async function presignParts(deps: FilesDeps, ownerId: string, fileId: string, partNumbers: number[]): Promise<PresignedPart[]> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  // A finished file takes no more parts; it is not "missing", so say so.
  if (row.status !== 'pending') throw new AppError('conflict', 'this upload is already complete');
  const count = partCountOf(row);
  const outOfRange = partNumbers.find((n) => n < 1 || n > count);
  if (outOfRange !== undefined) throw new AppError('bad_request', `part ${outOfRange} is outside 1..${count}`);
  // Activity keeps a slow upload from being swept while it is still going.
  const touched = await deps.db.update(files).set({ updatedAt: new Date() }).where(eq(files.id, row.id)).returning({ id: files.id });
  if (touched.length === 0) throw notFound();
  return presignPartUrls(deps.store, row, partNumbers);
}
