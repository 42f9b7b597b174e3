import 'server-only';
import type { DownloadJson, LayersJson } from '@/lib/shared/files';
import type { FileRow } from '../db/schema-files';
import { AppError } from '../errors';
import { recordSignedBytes } from '../metrics/record';
import { sameKmsKey } from '../storage/kms-key';
import type { ObjectStore, PresignedRequest } from '../storage/object-store';
import { sseMismatch } from '../storage/sse-check';
import type { FilesDeps } from './deps';
import { findOwnedFile } from './records';
import { storageCall } from './s3-errors';
import { headIfExists } from './verify-object';

/**
 * Download URLs live a minute: enough to start the request (S3 checks expiry
 * when a request begins, not while it streams), short if one leaks.
 */
export const DOWNLOAD_URL_SECONDS = 60;
/** The first bytes the "layers" view shows: the file format's header starts there (format.md §1.1). */
export const FIRST_BYTES = 64;

async function readyFile(deps: FilesDeps, ownerId: string, fileId: string): Promise<FileRow> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  if (row.status !== 'ready') throw new AppError('conflict', 'the upload is not complete yet');
  return row;
}

/**
 * A presigned GET of a whole stored file, for its owner, a share's recipient
 * or a link's visitor alike: the one place downloads are signed, so the
 * signed-bytes metric counts each of them.
 */
export async function signDownload(store: ObjectStore, file: Pick<FileRow, 'objectKey' | 'ciphertextSize'>): Promise<PresignedRequest> {
  const signed = await storageCall('signing the download', () => store.presignGet(file.objectKey, DOWNLOAD_URL_SECONDS));
  recordSignedBytes('download', file.ciphertextSize);
  return signed;
}

/** GET /api/files/[id]/download: a presigned GET of the ciphertext (Range requests allowed). */
export async function downloadUrl(deps: FilesDeps, ownerId: string, fileId: string): Promise<DownloadJson> {
  const row = await readyFile(deps, ownerId, fileId);
  const signed = await signDownload(deps.store, row);
  return { url: signed.url, expiresAt: signed.expiresAt, ciphertextSize: row.ciphertextSize, chunkSize: row.chunkSize };
}

/**
 * GET /api/files/[id]/layers: what the bucket reports about the object, read
 * live with HeadObject, and a URL for its first bytes so the browser can show
 * that what is stored is ciphertext. The server never reads the bytes itself.
 */
export async function fileLayers(deps: FilesDeps, ownerId: string, fileId: string): Promise<LayersJson> {
  const row = await readyFile(deps, ownerId, fileId);
  const head = await headIfExists(deps.store, row.objectKey);
  if (!head) throw new AppError('not_found', 'the stored object is missing');
  const firstBytes = await storageCall('signing a ranged read', () =>
    deps.store.presignGetRange(row.objectKey, 0, FIRST_BYTES - 1, DOWNLOAD_URL_SECONDS));
  recordSignedBytes('download', Math.min(FIRST_BYTES, row.ciphertextSize));
  const expectedKey = deps.store.kmsKeyId;
  return {
    storage: {
      mode: deps.store.sseMode,
      sse: head.sse ?? null,
      kmsKeyId: head.kmsKeyId ?? null,
      bucketKeyEnabled: head.bucketKeyEnabled,
      size: head.size,
      expectedKmsKey: expectedKey ? sameKmsKey(head.kmsKeyId, expectedKey) : !head.kmsKeyId,
      matchesMode: sseMismatch(head, deps.store, 'the stored object') === undefined,
    },
    firstBytes: { url: firstBytes.url, headers: firstBytes.headers, expiresAt: firstBytes.expiresAt },
  };
}
