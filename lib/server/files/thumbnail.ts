import 'server-only';
import type { ThumbnailJson, ThumbnailUploadJson } from '@/lib/shared/thumbnails';
import { MAX_THUMBNAIL_BYTES } from '@/lib/shared/thumbnails';
import type { FileRow } from '../db/schema-files';
import { AppError } from '../errors';
import { recordSignedBytes } from '../metrics/record';
import type { ObjectStore } from '../storage/object-store';
import { sseMismatch } from '../storage/sse-check';
import type { FilesDeps } from './deps';
import { findOwnedFile } from './records';
import { storageCall } from './s3-errors';
import { headIfExists } from './verify-object';

// [Note: thumbnails are objects beside the file] A file's sealed thumbnail
// (format.md §13) is the object `<objectKey>.thumb`: derived from the file's
// own random key, so it needs no column, no migration and no id of its own,
// and whatever releases a file's storage (storage-cleanup.ts) releases it
// too. It is not counted against the quota: at most one per file, capped at
// MAX_THUMBNAIL_BYTES, which is under 0.1 % of even a 64 MiB file.

/** Thumbnail URLs live a minute, like download URLs: enough to start, short if one leaks. */
export const THUMBNAIL_URL_SECONDS = 60;

export function thumbnailObjectKey(objectKey: string): string {
  return `${objectKey}.thumb`;
}

async function readyFile(deps: FilesDeps, ownerId: string, fileId: string): Promise<FileRow> {
  const row = await findOwnedFile(deps.db, ownerId, fileId);
  if (row.status !== 'ready') throw new AppError('conflict', 'the upload is not complete yet');
  return row;
}

/**
 * POST /api/files/[id]/thumbnail: a PUT of exactly `size` bytes under the
 * deployment's SSE, create-only ([Note: size-bound, single-use writes]), so
 * a thumbnail once stored cannot be swapped for another by a leaked URL.
 */
export async function presignThumbnailUpload(deps: FilesDeps, ownerId: string, fileId: string, size: number): Promise<ThumbnailUploadJson> {
  const row = await readyFile(deps, ownerId, fileId);
  const key = thumbnailObjectKey(row.objectKey);
  if (await headIfExists(deps.store, key)) throw new AppError('conflict', 'this file already has a thumbnail');
  const signed = await storageCall('signing the thumbnail upload', () => deps.store.presignPut(key, size, THUMBNAIL_URL_SECONDS));
  recordSignedBytes('upload', size);
  return { upload: { url: signed.url, headers: signed.headers, expiresAt: signed.expiresAt } };
}

/**
 * A presigned GET of a file's thumbnail, or null when there is none. Read
 * live: an object the bucket stored without the deployment's SSE, or larger
 * than any signed PUT allows, is not handed out.
 */
export async function signThumbnail(store: ObjectStore, file: Pick<FileRow, 'objectKey'>): Promise<ThumbnailJson> {
  const key = thumbnailObjectKey(file.objectKey);
  const head = await headIfExists(store, key);
  if (!head || head.size > MAX_THUMBNAIL_BYTES || sseMismatch(head, store, 'the thumbnail') !== undefined) return { thumbnail: null };
  const signed = await storageCall('signing the thumbnail', () => store.presignGet(key, THUMBNAIL_URL_SECONDS));
  recordSignedBytes('download', head.size);
  return { thumbnail: { url: signed.url, expiresAt: signed.expiresAt } };
}

/** GET /api/files/[id]/thumbnail: the owner's. */
export async function thumbnailUrl(deps: FilesDeps, ownerId: string, fileId: string): Promise<ThumbnailJson> {
  return signThumbnail(deps.store, await readyFile(deps, ownerId, fileId));
}
