// The byte layout shared by wrapped keys and metadata (docs/format.md §3, §4):
// 01 || nonce (12) || AES-GCM ciphertext with its 16-byte tag.
import { assertBytes, concatBytes } from './bytes';
import { NONCE_LENGTH, TAG_LENGTH } from './constants';
import { FormatError, IntegrityError } from './errors';

const BLOB_VERSION = 1;

export interface UnsafeDeterministicNonce {
  /** Test-only, format.md §9: fixes the 12-byte nonce. Never in production. */
  nonce: Uint8Array;
}

export function encodeSealedBlob(nonce: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return concatBytes(new Uint8Array([BLOB_VERSION]), nonce, ciphertext);
}

export function parseSealedBlob(blob: Uint8Array): { nonce: Uint8Array; ciphertext: Uint8Array } {
  assertBytes(blob, 'blob');
  if (blob.length > 0 && blob[0] !== BLOB_VERSION) throw new FormatError(`unsupported blob version ${blob[0]}`);
  // Too short to hold a tag: a truncated blob, reported like any other tampering.
  if (blob.length < 1 + NONCE_LENGTH + TAG_LENGTH) throw new IntegrityError();
  return { nonce: blob.subarray(1, 1 + NONCE_LENGTH), ciphertext: blob.subarray(1 + NONCE_LENGTH) };
}

export function checkUnsafeNonce(unsafe: UnsafeDeterministicNonce | undefined): Uint8Array | undefined {
  if (unsafe === undefined) return undefined;
  assertBytes(unsafe.nonce, 'unsafeDeterministic.nonce', NONCE_LENGTH);
  return unsafe.nonce;
}
