// One chunk of the STREAM construction (docs/format.md §1.3).
import { assertBytes } from './bytes';
import { MAX_CHUNK_COUNT, NONCE_LENGTH, TAG_LENGTH } from './constants';
import { IntegrityError } from './errors';
import type { FileContext } from './file-context';
import { aesGcmDecrypt, aesGcmEncrypt } from './subtle';

// 7 zero bytes || u32 index || final flag. Unique per chunk under a key that
// is itself unique per encryption, so it never repeats.
export function chunkNonce(chunkIndex: number, isFinal: boolean): Uint8Array {
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= MAX_CHUNK_COUNT) {
    throw new RangeError('chunk index out of range');
  }
  const nonce = new Uint8Array(NONCE_LENGTH);
  new DataView(nonce.buffer).setUint32(7, chunkIndex, false);
  nonce[11] = isFinal ? 1 : 0;
  return nonce;
}

export async function encryptChunk(context: FileContext, chunkIndex: number, isFinal: boolean, plaintext: Uint8Array): Promise<Uint8Array<ArrayBuffer>> {
  assertBytes(plaintext, 'plaintext');
  const { chunkSize } = context.header;
  // Only a final chunk may be short, and only the single chunk of an empty
  // file may be empty: this keeps sizes invertible (format.md §1.4).
  const valid = isFinal
    ? plaintext.length <= chunkSize && (plaintext.length > 0 || chunkIndex === 0)
    : plaintext.length === chunkSize;
  if (!valid) throw new RangeError('chunk has the wrong length for its position');
  return aesGcmEncrypt(context.payloadKey, chunkNonce(chunkIndex, isFinal), context.aad, plaintext);
}

// Returns plaintext only after the tag verified (AES-GCM decrypt in WebCrypto
// is all-or-nothing), so no unauthenticated byte ever leaves this function.
export async function decryptChunk(context: FileContext, chunkIndex: number, isFinal: boolean, ciphertext: Uint8Array): Promise<Uint8Array> {
  assertBytes(ciphertext, 'ciphertext');
  const { chunkSize } = context.header;
  const length = ciphertext.length - TAG_LENGTH;
  const valid = isFinal
    ? length >= 0 && length <= chunkSize && (length > 0 || chunkIndex === 0)
    : length === chunkSize;
  if (!valid) throw new IntegrityError();
  return aesGcmDecrypt(context.payloadKey, chunkNonce(chunkIndex, isFinal), context.aad, ciphertext);
}
