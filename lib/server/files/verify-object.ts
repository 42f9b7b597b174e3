import 'server-only';
import type { FileRow } from '../db/schema-files';
import type { ObjectEncryption, ObjectStore } from '../storage/object-store';
import { sseMismatch, type ExpectedSse } from '../storage/sse-check';
import { isS3Error, storageUnavailable } from './s3-errors';

/** HeadObject, or undefined when there is no object (yet, or any more). */
export async function headIfExists(store: ObjectStore, objectKey: string): Promise<ObjectEncryption | undefined> {
  try {
    return await store.head(objectKey);
  } catch (error) {
    if (isS3Error(error, 'NotFound', 'NoSuchKey')) return undefined;
    throw storageUnavailable('checking the upload', error);
  }
}

/**
 * Why the stored object may not become a ready file, or undefined if it may.
 * The size must be exactly the reserved one (the quota was checked against
 * it), and the bucket must report the deployment's SSE mode (SSE-KMS under
 * its key, or SSE-S3): the second layer is verified, not assumed from the
 * signed headers.
 */
export function objectMismatch(head: ObjectEncryption, row: Pick<FileRow, 'ciphertextSize'>, expected: ExpectedSse): string | undefined {
  if (head.size !== row.ciphertextSize) {
    return `the stored object has ${head.size} bytes but ${row.ciphertextSize} were declared`;
  }
  return sseMismatch(head, expected, 'the stored object');
}
