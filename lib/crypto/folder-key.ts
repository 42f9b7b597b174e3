// Folder keys (docs/format.md §2.1): 32 random bytes per folder, wrapped under
// the parent's key and bound to (parent, folder). Like file keys they are
// bytes only at the edges: generated, wrapped, unwrapped, or sealed for a
// share or link. In use they are an HKDF key from which the folder's wrap key
// and metadata key are derived, so the one secret never serves two algorithms.
import { assertBytes, bytesToUtf8, encodeFields, utf8ToBytes } from './bytes';
import { KEY_LENGTH, NONCE_LENGTH } from './constants';
import { FormatError, IntegrityError } from './errors';
import { parseFlatJsonObject } from './metadata-json';
import { folderKeyContext, parentWrappingKey, type FolderKeys, type KeyParent } from './key-parent';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { aesGcmDecrypt, aesGcmEncrypt, hkdfAesGcmKey, importHkdfKey, randomBytes } from './subtle';
import { unwrapKeyBytes, wrapKeyBytes } from './wrap';

const WRAP_INFO = utf8ToBytes('twofold/v1/folder/wrap');
const METADATA_INFO = utf8ToBytes('twofold/v1/folder/metadata');
const EMPTY = new Uint8Array(0);

export function generateFolderKeyBytes(): Uint8Array {
  return randomBytes(KEY_LENGTH);
}

function assertFolderId(folderId: string): void {
  if (typeof folderId !== 'string' || folderId.length === 0) throw new TypeError('folderId must be a non-empty string');
}

/** Derives the folder's two working keys; the bytes may be zeroed afterwards. */
export async function importFolderKeys(folderKeyBytes: Uint8Array, folderId: string): Promise<FolderKeys> {
  assertBytes(folderKeyBytes, 'folderKeyBytes', KEY_LENGTH);
  assertFolderId(folderId);
  const ikm = await importHkdfKey(folderKeyBytes);
  const [wrapKey, metadataKey] = await Promise.all([
    hkdfAesGcmKey(ikm, EMPTY, WRAP_INFO, ['encrypt', 'decrypt']),
    hkdfAesGcmKey(ikm, EMPTY, METADATA_INFO, ['encrypt', 'decrypt']),
  ]);
  return { folderId, wrapKey, metadataKey };
}

export async function wrapFolderKey(
  parent: KeyParent, folderKeyBytes: Uint8Array, folderId: string, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(folderKeyBytes, 'folderKeyBytes', KEY_LENGTH);
  assertFolderId(folderId);
  return wrapKeyBytes(parentWrappingKey(parent), folderKeyBytes, folderKeyContext(parent, folderId), unsafeDeterministic);
}

/** Bytes are needed only to re-wrap (move), share or link the folder. */
export async function unwrapFolderKeyBytes(parent: KeyParent, wrapped: Uint8Array, folderId: string): Promise<Uint8Array> {
  assertFolderId(folderId);
  const bytes = await unwrapKeyBytes(parentWrappingKey(parent), wrapped, folderKeyContext(parent, folderId));
  if (bytes.length !== KEY_LENGTH) throw new IntegrityError();
  return bytes;
}

export async function unwrapFolderKeys(parent: KeyParent, wrapped: Uint8Array, folderId: string): Promise<FolderKeys> {
  const bytes = await unwrapFolderKeyBytes(parent, wrapped, folderId);
  try {
    return await importFolderKeys(bytes, folderId);
  } finally {
    bytes.fill(0); // best effort, as for file keys
  }
}

/**
 * Moving a folder: the same key, unwrapped from its old place and wrapped for
 * the new one. Nothing under the folder changes (format.md §2.1).
 */
export async function rewrapFolderKey(from: KeyParent, to: KeyParent, wrapped: Uint8Array, folderId: string): Promise<Uint8Array> {
  const bytes = await unwrapFolderKeyBytes(from, wrapped, folderId);
  try {
    return await wrapFolderKey(to, bytes, folderId);
  } finally {
    bytes.fill(0);
  }
}

// ── Folder metadata (format.md §2.1): {"name", "mtime"} under the folder's metadata key.

export interface FolderMetadata {
  name: string;
  /** Milliseconds since the Unix epoch: when the folder was created or renamed. */
  mtime: number;
}

export const MAX_FOLDER_NAME_BYTES = 255;

function isValidFolderMetadata(value: unknown): value is FolderMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (Object.keys(record).sort().join(',') !== 'mtime,name') return false;
  return typeof record.name === 'string' && isValidFolderName(record.name) && Number.isSafeInteger(record.mtime);
}

/**
 * format.md §2.1: 1..255 UTF-8 bytes, no "/" (paths in zips and uploads use
 * it), no C0 control characters or DEL, no leading or trailing whitespace,
 * and not "." or "..".
 */
export function isValidFolderName(name: string): boolean {
  const bytes = utf8ToBytes(name).length;
  return bytes >= 1 && bytes <= MAX_FOLDER_NAME_BYTES && !/[/\u0000-\u001f\u007f]/.test(name) && name.trim() === name && name !== '.' && name !== '..';
}

function metadataAad(folderId: string): Uint8Array {
  return encodeFields('twofold/v1/folder-metadata', folderId);
}

export async function encryptFolderMetadata(
  folder: FolderKeys, metadata: FolderMetadata, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  const clean = { name: metadata.name, mtime: metadata.mtime };
  if (!isValidFolderMetadata(clean)) throw new TypeError('folder metadata must have a valid name and an integer mtime');
  const nonce = checkUnsafeNonce(unsafeDeterministic) ?? randomBytes(NONCE_LENGTH);
  return encodeSealedBlob(nonce, await aesGcmEncrypt(folder.metadataKey, nonce, metadataAad(folder.folderId), utf8ToBytes(JSON.stringify(clean))));
}

export async function decryptFolderMetadata(folder: FolderKeys, blob: Uint8Array): Promise<FolderMetadata> {
  const { nonce, ciphertext } = parseSealedBlob(blob);
  const plaintext = await aesGcmDecrypt(folder.metadataKey, nonce, metadataAad(folder.folderId), ciphertext);
  let text: string;
  try {
    text = bytesToUtf8(plaintext);
  } catch (cause) {
    throw new FormatError('folder metadata is not valid UTF-8', { cause });
  }
  // The strict reader of file metadata (format.md §4, §2.1): one document
  // must not give two decoders two names, so duplicate keys, fractions,
  // exponents and unsafe integers are FormatErrors.
  const parsed = parseFlatJsonObject(text);
  if (!isValidFolderMetadata(parsed)) throw new FormatError('folder metadata does not have the v1 fields');
  return { name: parsed.name, mtime: parsed.mtime };
}
