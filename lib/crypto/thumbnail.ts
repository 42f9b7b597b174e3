// Encrypted thumbnails (docs/format.md §13): a small WebP or JPEG image sealed
// under a subkey of the file key, bound to the file id, in the §3/§4 blob
// layout. A random nonce is safe: one thumbnail key seals a handful of
// images at most (one per upload or preview), far below AES-GCM's bound.
import { encodeFields, utf8ToBytes } from './bytes';
import { NONCE_LENGTH, TAG_LENGTH } from './constants';
import { FormatError } from './errors';
import { assertFileKey } from './file-context';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { aesGcmDecrypt, aesGcmEncrypt, hkdfAesGcmKey, randomBytes } from './subtle';

/** The largest sealed thumbnail (§13): the server signs no bigger PUT. */
export const MAX_SEALED_THUMBNAIL_BYTES = 64 * 1024;
/** The largest image a sealed thumbnail can hold: the cap less version, nonce and tag. */
export const MAX_THUMBNAIL_IMAGE_BYTES = MAX_SEALED_THUMBNAIL_BYTES - 1 - NONCE_LENGTH - TAG_LENGTH;

export type ThumbnailType = 'image/webp' | 'image/jpeg';

export interface ThumbnailImage {
  type: ThumbnailType;
  bytes: Uint8Array;
}

const THUMBNAIL_INFO = utf8ToBytes('twofold/v1/thumbnail');

async function thumbnailKey(fileKey: CryptoKey): Promise<CryptoKey> {
  assertFileKey(fileKey);
  return hkdfAesGcmKey(fileKey, new Uint8Array(0), THUMBNAIL_INFO, ['encrypt', 'decrypt']);
}

function assertFileId(fileId: string): void {
  if (typeof fileId !== 'string' || fileId.length === 0) throw new TypeError('fileId must be a non-empty string');
}

/** The image type from its first bytes (§13), or undefined for anything v1 does not allow. */
export function sniffThumbnailType(bytes: Uint8Array): ThumbnailType | undefined {
  const at = (offset: number, ascii: string) => [...ascii].every((c, i) => bytes[offset + i] === c.charCodeAt(0));
  if (bytes.length >= 12 && at(0, 'RIFF') && at(8, 'WEBP')) return 'image/webp';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

export async function sealThumbnail(
  fileKey: CryptoKey, fileId: string, image: Uint8Array, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertFileId(fileId);
  if (!(image instanceof Uint8Array)) throw new TypeError('image must be a Uint8Array');
  if (image.length > MAX_THUMBNAIL_IMAGE_BYTES) throw new RangeError(`a thumbnail image may be at most ${MAX_THUMBNAIL_IMAGE_BYTES} bytes`);
  if (!sniffThumbnailType(image)) throw new TypeError('a thumbnail must be a WebP or JPEG image');
  const nonce = checkUnsafeNonce(unsafeDeterministic) ?? randomBytes(NONCE_LENGTH);
  const ciphertext = await aesGcmEncrypt(await thumbnailKey(fileKey), nonce, encodeFields('twofold/v1/thumbnail', fileId), image);
  return encodeSealedBlob(nonce, ciphertext);
}

/** IntegrityError if the blob was altered, is another file's, or is under another key. */
export async function openThumbnail(fileKey: CryptoKey, fileId: string, blob: Uint8Array): Promise<ThumbnailImage> {
  assertFileId(fileId);
  const { nonce, ciphertext } = parseSealedBlob(blob);
  const bytes = await aesGcmDecrypt(await thumbnailKey(fileKey), nonce, encodeFields('twofold/v1/thumbnail', fileId), ciphertext);
  // Authenticated, but only a writer that ignored §13 could have sealed it.
  const type = sniffThumbnailType(bytes);
  if (!type) throw new FormatError('the thumbnail is neither WebP nor JPEG');
  return { type, bytes };
}
