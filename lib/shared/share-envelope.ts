import { z } from '@/lib/shared/zod';
import { b64urlExact } from './base64url';

// The sharing envelope as the APIs carry it: shares.ts (sharing) and
// files.ts (re-encryption carries envelopes over) both need it.

/** format.md §5: version (1) || HPKE enc (65) || sealed file key (48) || Ed25519 signature (64). */
export const ENVELOPE_BYTES = 178;
/**
 * The server issues user ids (randomUUID at sign-up). Enforcing the format
 * also keeps control characters out: PostgreSQL refuses a NUL byte in text,
 * which would otherwise surface as a 500 instead of a 400.
 */
export const userIdSchema = z.uuid();
export const envelopeSchema = b64urlExact(ENVELOPE_BYTES, 'a sharing envelope');
