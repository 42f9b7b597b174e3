// The bucket's server-side encryption, the second layer (docs/architecture.md,
// "The second layer: SSE-KMS or SSE-S3"). The values are S3's own
// x-amz-server-side-encryption values, so they go into headers, policies and
// bucket configuration unchanged.
export const SSE_MODES = ['aws:kms', 'AES256'] as const;
export type SseMode = (typeof SSE_MODES)[number];
export const DEFAULT_SSE_MODE: SseMode = 'aws:kms';

export function isSseMode(value: unknown): value is SseMode {
  return typeof value === 'string' && (SSE_MODES as readonly string[]).includes(value);
}

/** The names people use for the modes: AWS's documentation calls them SSE-KMS and SSE-S3. */
export const SSE_MODE_LABEL: Record<SseMode, string> = { 'aws:kms': 'SSE-KMS', AES256: 'SSE-S3' };
