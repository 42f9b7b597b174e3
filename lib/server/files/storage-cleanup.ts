import 'server-only';
import type { FileRow } from '../db/schema-files';
import type { ObjectStore } from '../storage/object-store';
import { isS3Error } from './s3-errors';

/**
 * Removes whatever storage a file row stands for: its unfinished multipart
 * upload (parts are invisible to HeadObject but still stored) and its object.
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
  await store.delete(row.objectKey);
}
