import 'server-only';
import { MAX_PART_COUNT } from '@/lib/shared/files';

const MiB = 1024 * 1024;
/** Up to this size one presigned PUT carries the whole ciphertext (memory in the browser stays bounded by it). */
export const SINGLE_PUT_MAX_BYTES = 16 * MiB;
export const DEFAULT_PART_SIZE = 16 * MiB;
/** S3 refuses non-final parts below 5 MiB. */
export const MIN_PART_SIZE = 5 * MiB;

export interface PartLimits {
  singlePutMaxBytes: number;
  partSize: number;
}

export const DEFAULT_PART_LIMITS: PartLimits = { singlePutMaxBytes: SINGLE_PUT_MAX_BYTES, partSize: DEFAULT_PART_SIZE };

export interface PartPlan {
  kind: 'single' | 'multipart';
  partSize: number;
  partCount: number;
}

/**
 * Parts of DEFAULT_PART_SIZE, grown in whole MiB when a file would need more
 * than S3's 10,000 parts (5 TiB needs 525 MiB parts). The browser holds
 * about parallelism × partSize, so parts stay as small as S3 allows.
 */
export function planParts(ciphertextSize: number, limits: PartLimits = DEFAULT_PART_LIMITS): PartPlan {
  if (!Number.isSafeInteger(ciphertextSize) || ciphertextSize <= 0) throw new RangeError('ciphertextSize must be a positive integer');
  if (ciphertextSize <= limits.singlePutMaxBytes) return { kind: 'single', partSize: ciphertextSize, partCount: 1 };
  const needed = Math.ceil(ciphertextSize / MAX_PART_COUNT);
  const partSize = Math.max(limits.partSize, MIN_PART_SIZE, Math.ceil(needed / MiB) * MiB);
  return { kind: 'multipart', partSize, partCount: Math.ceil(ciphertextSize / partSize) };
}
