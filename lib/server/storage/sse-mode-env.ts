import 'server-only';
import { z } from 'zod';
import { DEFAULT_SSE_MODE, isSseMode, type SseMode } from '../../shared/sse-mode';

// [Note: no SSE-C] With SSE-C the bucket encrypts under a key the client
// sends in every request (x-amz-server-side-encryption-customer-key): the
// key would travel with every presigned PUT and GET, protected only by TLS,
// and the app would have to hand it to every browser. AWS blocks SSE-C by
// default on new buckets since April 2026. Twofold refuses it at start-up
// rather than accepting a value it would silently not honour.
export const SSE_C_REFUSAL =
  'selects SSE-C, which Twofold refuses: the key would travel with every request, over TLS only, and AWS blocks SSE-C by default on new buckets since April 2026; use aws:kms (SSE-KMS) or AES256 (SSE-S3)';

/**
 * The spellings people use for SSE-C, compared without case or punctuation:
 * "SSE-C", "sse_c", "ssec", "SSE-C:AES256", "AES256-C", "customer",
 * "customer-provided", and S3's own header names (…-customer-algorithm).
 */
export function looksLikeSseC(value: string): boolean {
  const squashed = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  return squashed.startsWith('ssec') || squashed.includes('customer') || squashed === 'aes256c' || squashed === 'c';
}

/** SSE_MODE: aws:kms (the default) or AES256; SSE-C gets its own one-line refusal. */
export const sseModeEnv = z
  .string()
  .transform((value, ctx): SseMode => {
    if (isSseMode(value)) return value;
    ctx.addIssue({ code: 'custom', message: looksLikeSseC(value) ? SSE_C_REFUSAL : 'must be aws:kms (SSE-KMS, the default) or AES256 (SSE-S3)' });
    return z.NEVER;
  })
  .default(DEFAULT_SSE_MODE);
