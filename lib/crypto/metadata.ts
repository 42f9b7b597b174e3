// Encrypted file metadata (docs/format.md §4): name, type, size and mtime as
// JSON under a subkey of the file key, bound to the file id.
import { bytesToUtf8, encodeFields, utf8ToBytes } from './bytes';
import { NONCE_LENGTH } from './constants';
import { FormatError } from './errors';
import { assertFileKey } from './file-context';
import { parseFlatJsonObject } from './metadata-json';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { aesGcmDecrypt, aesGcmEncrypt, hkdfAesGcmKey, randomBytes } from './subtle';

export interface FileMetadata {
  name: string;
  /** MIME type; may be empty when unknown. */
  type: string;
  size: number;
  /** Milliseconds since the Unix epoch. */
  mtime: number;
}

const MAX_NAME_BYTES = 1024;
const MAX_TYPE_BYTES = 255;
const METADATA_INFO = utf8ToBytes('twofold/v1/metadata');

function isValid(value: unknown): value is FileMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort().join(',');
  return keys === 'mtime,name,size,type'
    && typeof record.name === 'string' && utf8ToBytes(record.name).length <= MAX_NAME_BYTES
    && typeof record.type === 'string' && utf8ToBytes(record.type).length <= MAX_TYPE_BYTES
    && Number.isSafeInteger(record.size) && (record.size as number) >= 0
    && Number.isSafeInteger(record.mtime);
}

async function metadataKey(fileKey: CryptoKey): Promise<CryptoKey> {
  assertFileKey(fileKey);
  return hkdfAesGcmKey(fileKey, new Uint8Array(0), METADATA_INFO, ['encrypt', 'decrypt']);
}

function assertFileId(fileId: string): void {
  if (typeof fileId !== 'string' || fileId.length === 0) throw new TypeError('fileId must be a non-empty string');
}

export async function encryptMetadata(
  fileKey: CryptoKey, fileId: string, metadata: FileMetadata, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertFileId(fileId);
  // Fixed key order so equal metadata always serialises alike.
  const clean = { name: metadata.name, type: metadata.type, size: metadata.size, mtime: metadata.mtime };
  if (!isValid(clean)) throw new TypeError('metadata must have name, type (strings within limits), size and mtime (integers)');
  const nonce = checkUnsafeNonce(unsafeDeterministic) ?? randomBytes(NONCE_LENGTH);
  const ciphertext = await aesGcmEncrypt(await metadataKey(fileKey), nonce, encodeFields('twofold/v1/metadata', fileId), utf8ToBytes(JSON.stringify(clean)));
  return encodeSealedBlob(nonce, ciphertext);
}

export async function decryptMetadata(fileKey: CryptoKey, fileId: string, blob: Uint8Array): Promise<FileMetadata> {
  assertFileId(fileId);
  const { nonce, ciphertext } = parseSealedBlob(blob);
  const plaintext = await aesGcmDecrypt(await metadataKey(fileKey), nonce, encodeFields('twofold/v1/metadata', fileId), ciphertext);
  let text: string;
  try {
    text = bytesToUtf8(plaintext);
  } catch (cause) {
    throw new FormatError('metadata is not valid UTF-8', { cause });
  }
  // Strict: duplicate keys, fractions, exponents and unsafe integers are
  // FormatErrors, not whatever JSON.parse would make of them (format.md §4).
  const parsed = parseFlatJsonObject(text);
  if (!isValid(parsed)) throw new FormatError('metadata does not have the v1 fields');
  return { name: parsed.name, type: parsed.type, size: parsed.size, mtime: parsed.mtime };
}
