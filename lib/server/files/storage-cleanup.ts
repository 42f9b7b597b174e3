import 'server-only';
import type { FileRow } from '../db/schema-files';
import type { ObjectStore } from '../storage/object-store';
import { isS3Error } from './s3-errors';
import { thumbnailObjectKey } from './thumbnail';

/**
 * Removes whatever storage a file row stands for: its unfinished multipart
 * upload (parts are invisible to HeadObject but still stored), its object
 * and its thumbnail ([Note: thumbnails are objects beside the file]).
 * Both calls are no-ops when there is nothing left, so retrying is safe.
 */
export async function releaseStorage(store: ObjectStore, row: Pick<FileRow, 'objectKey' | 'uploadId'>): Promise<void> {
  if (row.uploadId) {
    try {
      await store.abortMultipart(row.objectKey, row.uploadId);
    } catch (error) {
      // Already completed, aborted, or expired by the store: nothing to abort.
      if (!isS3Error(error, 'NoSuchUpload')) throw error;
    }
  }
  // The thumbnail first: if the process dies between the two, the file's
  // object is still there and the next retry of this function gets both.
  await store.delete(thumbnailObjectKey(row.objectKey));
  await store.delete(row.objectKey);
}
