import 'server-only';
import type { FileRow } from '../db/schema-files';
import { sameKmsKey } from '../storage/kms-key';
import type { ObjectEncryption, ObjectStore } from '../storage/object-store';
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
 * it), and the bucket must report SSE-KMS under the deployment's key: the
 * second layer is verified, not assumed from the signed headers.
 */
export function objectMismatch(head: ObjectEncryption, row: Pick<FileRow, 'ciphertextSize'>, expectedKmsKeyId: string): string | undefined {
  if (head.size !== row.ciphertextSize) {
    return `the stored object has ${head.size} bytes but ${row.ciphertextSize} were declared`;
  }
  if (head.sse !== 'aws:kms') return 'the stored object is not encrypted with SSE-KMS';
  if (!sameKmsKey(head.kmsKeyId, expectedKmsKeyId)) return 'the stored object is encrypted under another KMS key';
  return undefined;
}
