// Thumbnails (format.md §13): the committed vector, a round trip, and every
// way a server could hand back something else: each must be refused.
import { describe, expect, it } from 'vitest';
import { encodeFields, fromBase64Url, fromHex, toHex, utf8ToBytes } from '@/lib/crypto/bytes';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { encodeSealedBlob } from '@/lib/crypto/sealed-blob';
import { MAX_SEALED_THUMBNAIL_BYTES, MAX_THUMBNAIL_IMAGE_BYTES, openThumbnail, sealThumbnail } from '@/lib/crypto/thumbnail';
import { aesGcmEncrypt, hkdfAesGcmKey } from '@/lib/crypto/subtle';
import { loadVectors } from '@/tests/vectors/load';

const vector = loadVectors().keys.thumbnail;
const fileId = '0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b';
// A JPEG needs only its magic for §13; the pixels are the browser's business.
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...utf8ToBytes('marker-pixels'), 0xff, 0xd9]);

async function newKey(): Promise<CryptoKey> {
  return importFileKey(generateFileKeyBytes());
}

const rejectsWith = (kind: typeof IntegrityError | typeof FormatError, promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(kind);

describe('thumbnail vector (keys.json)', () => {
  it('opens to the recorded WebP and is reproduced byte for byte', async () => {
    const fileKey = await importFileKey(fromHex(vector.fileKeyHex));
    const opened = await openThumbnail(fileKey, vector.fileId, fromBase64Url(vector.blobBase64Url));
    expect(opened.type).toBe('image/webp');
    expect(toHex(opened.bytes)).toBe(vector.imageHex);
    const again = await sealThumbnail(fileKey, vector.fileId, fromHex(vector.imageHex), { nonce: fromHex(vector.nonceHex) });
    expect(again).toEqual(fromBase64Url(vector.blobBase64Url));
  });
});

describe('sealThumbnail / openThumbnail', () => {
  it('round-trips a JPEG and hides its bytes', async () => {
    const fileKey = await newKey();
    const blob = await sealThumbnail(fileKey, fileId, jpeg);
    expect(blob.length).toBe(1 + 12 + jpeg.length + 16);
    expect(Buffer.from(blob).includes(Buffer.from('marker-pixels'))).toBe(false);
    expect(Buffer.from(blob).subarray(13, 16)).not.toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(await openThumbnail(fileKey, fileId, blob)).toEqual({ type: 'image/jpeg', bytes: jpeg });
  });

  it('uses a fresh nonce each time', async () => {
    const fileKey = await newKey();
    expect(await sealThumbnail(fileKey, fileId, jpeg)).not.toEqual(await sealThumbnail(fileKey, fileId, jpeg));
  });

  it('refuses every flipped bit, every truncation and an appended byte', async () => {
    const fileKey = await newKey();
    const blob = await sealThumbnail(fileKey, fileId, jpeg);
    for (let i = 1; i < blob.length; i++) {
      const bad = blob.slice();
      bad[i]! ^= 0x01;
      await rejectsWith(IntegrityError, openThumbnail(fileKey, fileId, bad));
    }
    for (let n = 1; n < blob.length; n++) await rejectsWith(IntegrityError, openThumbnail(fileKey, fileId, blob.subarray(0, n)));
    await rejectsWith(IntegrityError, openThumbnail(fileKey, fileId, new Uint8Array([...blob, 0])));
    // Byte 0 is the public version: another one is a FormatError, as for every §3 blob.
    const version = blob.slice();
    version[0] = 2;
    await rejectsWith(FormatError, openThumbnail(fileKey, fileId, version));
  });

  it('refuses another file id, another file key, and a metadata blob of the same file', async () => {
    const fileKey = await newKey();
    const blob = await sealThumbnail(fileKey, fileId, jpeg);
    await rejectsWith(IntegrityError, openThumbnail(fileKey, '0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5c', blob));
    await rejectsWith(IntegrityError, openThumbnail(fileKey, fileId.toUpperCase(), blob));
    await rejectsWith(IntegrityError, openThumbnail(await newKey(), fileId, blob));
    const metadata = await encryptMetadata(fileKey, fileId, { name: 'a.jpg', type: 'image/jpeg', size: 1, mtime: 0 });
    await rejectsWith(IntegrityError, openThumbnail(fileKey, fileId, metadata));
  });

  it('refuses an authenticated blob that holds no WebP or JPEG', async () => {
    // Sealed exactly as §13 says, by hand, around bytes that are not an image.
    const fileKey = await newKey();
    const key = await hkdfAesGcmKey(fileKey, new Uint8Array(0), utf8ToBytes('twofold/v1/thumbnail'), ['encrypt']);
    const nonce = new Uint8Array(12);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const blob = encodeSealedBlob(nonce, await aesGcmEncrypt(key, nonce, encodeFields('twofold/v1/thumbnail', fileId), png));
    await rejectsWith(FormatError, openThumbnail(fileKey, fileId, blob));
  });

  it('validates its inputs before sealing', async () => {
    const fileKey = await newKey();
    await expect(sealThumbnail(fileKey, fileId, new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).rejects.toBeInstanceOf(TypeError);
    await expect(sealThumbnail(fileKey, '', jpeg)).rejects.toBeInstanceOf(TypeError);
    const big = new Uint8Array(MAX_THUMBNAIL_IMAGE_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    await expect(sealThumbnail(fileKey, fileId, big)).rejects.toBeInstanceOf(RangeError);
    const largest = await sealThumbnail(fileKey, fileId, big.subarray(0, MAX_THUMBNAIL_IMAGE_BYTES));
    expect(largest.length).toBe(MAX_SEALED_THUMBNAIL_BYTES);
    // An AES key is not a file key: only lib/crypto's HKDF file keys derive subkeys.
    await expect(sealThumbnail(await key32(), fileId, jpeg)).rejects.toBeInstanceOf(TypeError);
  });
});

async function key32(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt']);
}
