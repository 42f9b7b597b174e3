import 'server-only';
import { SSE_MODE_LABEL, type SseMode } from '../../shared/sse-mode';
import { sameKmsKey } from './kms-key';

/** What the store reports about an object or the bucket default. */
export interface ReportedSse {
  sse: string | undefined;
  kmsKeyId: string | undefined;
}

/** What the deployment expects: ObjectStore's sseMode and kmsKeyId. */
export interface ExpectedSse {
  sseMode: SseMode;
  kmsKeyId: string | undefined;
}

/**
 * Why `reported` is not the deployment's second layer, or undefined if it is.
 * `what` names the thing checked ("the stored object", "the bucket default").
 * SSE-KMS must name the deployment's key; SSE-S3 must name no KMS key at all,
 * since a KMS key there would mean another mode is in force.
 */
export function sseMismatch(reported: ReportedSse, expected: ExpectedSse, what: string): string | undefined {
  const label = `${SSE_MODE_LABEL[expected.sseMode]} (${expected.sseMode})`;
  if (reported.sse !== expected.sseMode) return `${what} is encrypted with ${reported.sse ?? 'nothing'}, expected ${label}`;
  if (expected.sseMode === 'aws:kms') {
    if (!expected.kmsKeyId || !sameKmsKey(reported.kmsKeyId, expected.kmsKeyId)) {
      return `${what} is encrypted under ${reported.kmsKeyId ?? 'no key'}, expected the KMS key ${expected.kmsKeyId ?? '(none configured)'}`;
    }
  } else if (reported.kmsKeyId) {
    return `${what} names the KMS key ${reported.kmsKeyId}, expected ${label} with no KMS key`;
  }
  return undefined;
}
