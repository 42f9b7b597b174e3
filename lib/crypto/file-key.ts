// File keys: 32 random bytes per file (docs/format.md §2). They exist as bytes
// only while being generated, wrapped, or sealed for sharing ([Note: file keys
// are bytes at the edges]); for encryption they are imported as
// non-extractable HKDF keys. This module owns a file key's whole life: a new
// key is made by createFileKey, wrapped for its place (key-parent.ts), lent
// out for sealing, and zeroed; upload and re-encrypt both go through it.
import { assertBytes } from './bytes';
import { KEY_LENGTH } from './constants';
import { IntegrityError } from './errors';
import { fileKeyContext, parentWrappingKey, type KeyParent } from './key-parent';
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

// Wrapped under the parent's key, bound to the parent and the file (format.md §2.1, §3).
export async function wrapFileKey(
  parent: KeyParent, fileKeyBytes: Uint8Array, fileId: string, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(fileKeyBytes, 'fileKeyBytes', KEY_LENGTH);
  return wrapKeyBytes(parentWrappingKey(parent), fileKeyBytes, fileKeyContext(parent, fileId), unsafeDeterministic);
}

// Bytes are needed only to re-share or move the key (format.md §2.1, §5, §6).
export async function unwrapFileKeyBytes(parent: KeyParent, wrapped: Uint8Array, fileId: string): Promise<Uint8Array> {
  const bytes = await unwrapKeyBytes(parentWrappingKey(parent), wrapped, fileKeyContext(parent, fileId));
  if (bytes.length !== KEY_LENGTH) throw new IntegrityError();
  return bytes;
}

// For encrypting/decrypting: the bytes are imported and dropped at once.
export async function unwrapFileKey(parent: KeyParent, wrapped: Uint8Array, fileId: string): Promise<CryptoKey> {
  const bytes = await unwrapFileKeyBytes(parent, wrapped, fileId);
  try {
    return await importFileKey(bytes);
  } finally {
    bytes.fill(0); // best effort: JS cannot promise the bytes were not copied
  }
}

/** Moving a file: one key re-wrapped for its new place; the content is not touched (format.md §2.1). */
export async function rewrapFileKey(from: KeyParent, to: KeyParent, wrapped: Uint8Array, fileId: string): Promise<Uint8Array> {
  const bytes = await unwrapFileKeyBytes(from, wrapped, fileId);
  try {
    return await wrapFileKey(to, bytes, fileId);
  } finally {
    bytes.fill(0);
  }
}

/** A new file key between generation and its last wrap: the raw bytes never leave this object. */
export interface NewFileKey {
  /** Non-extractable HKDF key for encrypting content and metadata. */
  readonly key: CryptoKey;
  wrap(parent: KeyParent, fileId: string): Promise<Uint8Array>;
  /** Lends the bytes to a sealer (share envelope, link); they must not be kept. */
  lend<T>(borrower: (fileKeyBytes: Uint8Array) => Promise<T>): Promise<T>;
  /** Zeroes the bytes; wrap and lend fail afterwards. Idempotent. */
  zero(): void;
}

export async function createFileKey(): Promise<NewFileKey> {
  const bytes = generateFileKeyBytes();
  const key = await importFileKey(bytes);
  let zeroed = false;
  const live = (): Uint8Array => {
    if (zeroed) throw new Error('the new file key was already zeroed');
    return bytes;
  };
  return {
    key,
    wrap: (parent, fileId) => wrapFileKey(parent, live(), fileId),
    lend: (borrower) => borrower(live()),
    zero: () => {
      zeroed = true;
      bytes.fill(0);
    },
  };
}
