// Per-encryption keys and the key commitment (docs/format.md §1.2). A
// FileContext is what the chunk functions need: the payload key and the AAD
// that binds every chunk to this header.
import { assertBytes, encodeFields, equalBytesConstantTime, utf8ToBytes } from './bytes';
import { COMMITMENT_LENGTH, HEADER_LENGTH, SALT_LENGTH } from './constants';
import { IntegrityError } from './errors';
import { assertChunkSize } from './file-format';
import { encodeHeader, encodeHeaderPrefix, parseHeader, type FileHeader } from './header';
import { hkdfAesGcmKey, hkdfBytes, randomBytes, sha256Bytes } from './subtle';

export interface FileContext {
  header: FileHeader;
  headerBytes: Uint8Array;
  payloadKey: CryptoKey;
  /** SHA-256 of the header: the AAD of every chunk (format.md §1.3). */
  aad: Uint8Array;
}

/** Test-only: see docs/format.md §9. Never pass this in production. */
export interface UnsafeDeterministicSalt {
  salt: Uint8Array;
}

const PAYLOAD_INFO = utf8ToBytes('twofold/v1/payload');

export function assertFileKey(fileKey: CryptoKey): void {
  if (!(fileKey instanceof CryptoKey) || fileKey.algorithm.name !== 'HKDF') {
    throw new TypeError('fileKey must be an HKDF CryptoKey (see importFileKey)');
  }
}

async function deriveCommitment(fileKey: CryptoKey, salt: Uint8Array, prefix: Uint8Array): Promise<Uint8Array> {
  return hkdfBytes(fileKey, salt, encodeFields('twofold/v1/commitment', prefix), COMMITMENT_LENGTH);
}

async function finish(fileKey: CryptoKey, header: FileHeader, headerBytes: Uint8Array): Promise<FileContext> {
  const payloadKey = await hkdfAesGcmKey(fileKey, header.salt, PAYLOAD_INFO, ['encrypt', 'decrypt']);
  return { header, headerBytes, payloadKey, aad: await sha256Bytes(headerBytes) };
}

export async function createFileContext(
  fileKey: CryptoKey, chunkSize: number, unsafeDeterministic?: UnsafeDeterministicSalt,
): Promise<FileContext> {
  assertFileKey(fileKey);
  assertChunkSize(chunkSize);
  if (unsafeDeterministic !== undefined) assertBytes(unsafeDeterministic.salt, 'unsafeDeterministic.salt', SALT_LENGTH);
  // A fresh salt per encryption makes the payload key single-use, which is
  // what lets chunk nonces be a plain counter (format.md §1.2).
  const salt = unsafeDeterministic?.salt ?? randomBytes(SALT_LENGTH);
  const prefix = encodeHeaderPrefix(chunkSize, salt);
  const headerBytes = encodeHeader(prefix, await deriveCommitment(fileKey, salt, prefix));
  return finish(fileKey, parseHeader(headerBytes), headerBytes);
}

// Verifies the commitment before any chunk is decrypted: FormatError if the
// header cannot be parsed, IntegrityError if the key or header is wrong.
export async function openFileContext(fileKey: CryptoKey, headerBytes: Uint8Array): Promise<FileContext> {
  assertFileKey(fileKey);
  assertBytes(headerBytes, 'headerBytes', HEADER_LENGTH);
  const header = parseHeader(headerBytes);
  const expected = await deriveCommitment(fileKey, header.salt, header.prefix);
  if (!equalBytesConstantTime(expected, header.commitment)) throw new IntegrityError();
  return finish(fileKey, header, headerBytes.slice());
}
