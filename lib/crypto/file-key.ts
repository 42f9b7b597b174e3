// File keys: 32 random bytes per file (docs/format.md §2). They exist as bytes
// only while being generated, wrapped, or sealed for sharing ([Note: file keys
// are bytes at the edges]); for encryption they are imported as
// non-extractable HKDF keys.
import { assertBytes } from './bytes';
import { KEY_LENGTH } from './constants';
import { IntegrityError } from './errors';
import type { UnsafeDeterministicNonce } from './sealed-blob';
import { importHkdfKey, randomBytes } from './subtle';
import { unwrapKeyBytes, wrapKeyBytes } from './wrap';

export function generateFileKeyBytes(): Uint8Array {
  return randomBytes(KEY_LENGTH);
}

export async function importFileKey(fileKeyBytes: Uint8Array): Promise<CryptoKey> {
  assertBytes(fileKeyBytes, 'fileKeyBytes', KEY_LENGTH);
  return importHkdfKey(fileKeyBytes);
}

// Wrapped under the owner's root key, bound to owner and file (format.md §3).
export async function wrapFileKey(
  rootKey: CryptoKey, fileKeyBytes: Uint8Array, ownerId: string, fileId: string,
  unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(fileKeyBytes, 'fileKeyBytes', KEY_LENGTH);
  return wrapKeyBytes(rootKey, fileKeyBytes, { purpose: 'file-key', ids: [ownerId, fileId] }, unsafeDeterministic);
}

// Bytes are needed only to re-share the key (format.md §5, §6).
export async function unwrapFileKeyBytes(rootKey: CryptoKey, wrapped: Uint8Array, ownerId: string, fileId: string): Promise<Uint8Array> {
  const bytes = await unwrapKeyBytes(rootKey, wrapped, { purpose: 'file-key', ids: [ownerId, fileId] });
  if (bytes.length !== KEY_LENGTH) throw new IntegrityError();
  return bytes;
}

// For encrypting/decrypting: the bytes are imported and dropped at once.
export async function unwrapFileKey(rootKey: CryptoKey, wrapped: Uint8Array, ownerId: string, fileId: string): Promise<CryptoKey> {
  const bytes = await unwrapFileKeyBytes(rootKey, wrapped, ownerId, fileId);
  try {
    return await importFileKey(bytes);
  } finally {
    bytes.fill(0); // best effort: JS cannot promise the bytes were not copied
  }
}
