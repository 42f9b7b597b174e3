// Attacks on encrypted files (docs/format.md §1.5). Every one must be an
// IntegrityError (FormatError only for unparseable header fields), with no
// plaintext released for the chunk that was attacked or any after it.
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, fromBase64Url, fromHex } from '@/lib/crypto/bytes';
import { encryptChunk } from '@/lib/crypto/chunk';
import { HEADER_LENGTH, TAG_LENGTH } from '@/lib/crypto/constants';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { openFileContext } from '@/lib/crypto/file-context';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { encryptFileBytes } from '@/lib/crypto/whole-file';
import { patternPlaintext } from '@/tests/vectors/build';
import { loadVectors } from '@/tests/vectors/load';
import { attemptStreamDecrypt, expectRejected, flipBit, sameBytes } from './helpers';

const vectors = loadVectors();
const vector = vectors.file.cases.find((c) => c.name === '1024/three-chunks-and-tail');
if (!vector) throw new Error('vector missing');
const C = vector.chunkSize;
const STRIDE = C + TAG_LENGTH;
const ciphertext = fromBase64Url(vector.ciphertextBase64Url);
const plaintext = patternPlaintext(vector.plaintextLength);
const chunkStart = (i: number) => HEADER_LENGTH + i * STRIDE;
const lastChunk = 3;
let fileKey: CryptoKey;

beforeAll(async () => {
  fileKey = await importFileKey(fromHex(vectors.file.fileKeyHex));
});

describe('the untouched vector', () => {
  it('decrypts, in one piece and in odd-sized pieces', async () => {
    for (const pieceSize of [ciphertext.length, 1, 7, 1040, 1041]) {
      const attempt = await attemptStreamDecrypt(fileKey, ciphertext, pieceSize);
      expect(attempt.error).toBeUndefined();
      expect(sameBytes(attempt.emitted, plaintext)).toBe(true);
    }
  });
});

describe('single-bit flips', () => {
  it('in the header: FormatError for magic/version/suite/chunk size, IntegrityError for salt and commitment; nothing released', async () => {
    for (let bit = 0; bit < HEADER_LENGTH * 8; bit++) {
      const attempt = await attemptStreamDecrypt(fileKey, flipBit(ciphertext, bit));
      expectRejected(attempt, plaintext, C, 0, bit < 10 * 8 ? FormatError : IntegrityError);
    }
  });

  it('in every bit of the first chunk', async () => {
    for (let bit = chunkStart(0) * 8; bit < chunkStart(1) * 8; bit++) {
      expectRejected(await attemptStreamDecrypt(fileKey, flipBit(ciphertext, bit)), plaintext, C, 0);
    }
  });

  it('in every bit of the last chunk', async () => {
    for (let bit = chunkStart(lastChunk) * 8; bit < ciphertext.length * 8; bit++) {
      expectRejected(await attemptStreamDecrypt(fileKey, flipBit(ciphertext, bit)), plaintext, C, lastChunk);
    }
  });
});

describe('truncation and extension', () => {
  it('at every byte offset (so at every chunk boundary too)', async () => {
    for (let length = 0; length < ciphertext.length; length++) {
      const attempt = await attemptStreamDecrypt(fileKey, ciphertext.subarray(0, length));
      const firstBad = length <= HEADER_LENGTH ? 0 : Math.min(lastChunk, Math.floor((length - HEADER_LENGTH) / STRIDE));
      expectRejected(attempt, plaintext, C, firstBad);
    }
  });

  it('at sampled offsets of a multi-chunk 64 KiB vector', async () => {
    const big = vectors.file.cases.find((c) => c.name === '65536/three-chunks-and-tail');
    if (!big) throw new Error('vector missing');
    const bytes = fromBase64Url(big.ciphertextBase64Url);
    const bigPlain = patternPlaintext(big.plaintextLength);
    const bigStride = big.chunkSize + TAG_LENGTH;
    const offsets = new Set<number>([0, 1, HEADER_LENGTH - 1, HEADER_LENGTH, bytes.length - 1]);
    for (let i = 1; i <= 3; i++) for (const d of [-17, -16, -1, 0, 1, 15, 16]) offsets.add(HEADER_LENGTH + i * bigStride + d);
    for (let k = 0; k < 40; k++) offsets.add(Math.floor((bytes.length * k) / 40));
    for (const length of offsets) {
      const firstBad = length <= HEADER_LENGTH ? 0 : Math.min(3, Math.floor((length - HEADER_LENGTH) / bigStride));
      expectRejected(await attemptStreamDecrypt(fileKey, bytes.subarray(0, length), 32768), bigPlain, big.chunkSize, firstBad);
    }
  });

  it('a dropped final chunk', async () => {
    expectRejected(await attemptStreamDecrypt(fileKey, ciphertext.subarray(0, chunkStart(lastChunk))), plaintext, C, lastChunk - 1);
  });

  it('bytes appended after the final chunk', async () => {
    for (const extra of [new Uint8Array(1), new Uint8Array(16), ciphertext.subarray(chunkStart(lastChunk)), ciphertext.subarray(chunkStart(0), chunkStart(1))]) {
      expectRejected(await attemptStreamDecrypt(fileKey, concatBytes(ciphertext, extra)), plaintext, C, lastChunk);
    }
  });

  it('a full-chunk file whose last chunk lacks the final flag', async () => {
    const context = await openFileContext(fileKey, ciphertext.subarray(0, HEADER_LENGTH));
    const body = [0, 1].map((i) => encryptChunk(context, i, false, plaintext.subarray(i * C, (i + 1) * C)));
    const forged = concatBytes(context.headerBytes, ...(await Promise.all(body)));
    expectRejected(await attemptStreamDecrypt(fileKey, forged), plaintext, C, 1);
  });
});

describe('reordered, duplicated and spliced chunks', () => {
  const chunk = (i: number, from = ciphertext) => from.subarray(chunkStart(i), i === lastChunk ? from.length : chunkStart(i + 1));
  const header = ciphertext.subarray(0, HEADER_LENGTH);

  it('swapped chunks', async () => {
    const swapped = concatBytes(header, chunk(1), chunk(0), chunk(2), chunk(3));
    expectRejected(await attemptStreamDecrypt(fileKey, swapped), plaintext, C, 0);
  });

  it('a duplicated chunk', async () => {
    const duplicated = concatBytes(header, chunk(0), chunk(0), chunk(1), chunk(2), chunk(3));
    expectRejected(await attemptStreamDecrypt(fileKey, duplicated), plaintext, C, 1);
  });

  it('a chunk spliced in from another file under the same key, at the same index', async () => {
    const other = await encryptFileBytes(fileKey, plaintext, { chunkSize: C });
    const spliced = concatBytes(header, chunk(0), chunk(1, other), chunk(2), chunk(3));
    expectRejected(await attemptStreamDecrypt(fileKey, spliced), plaintext, C, 1);
  });

  it('the header of another encryption in front of these chunks', async () => {
    const other = await encryptFileBytes(fileKey, plaintext, { chunkSize: C });
    const spliced = concatBytes(other.subarray(0, HEADER_LENGTH), ciphertext.subarray(HEADER_LENGTH));
    expectRejected(await attemptStreamDecrypt(fileKey, spliced), plaintext, C, 0);
  });
});

describe('keys and header fields', () => {
  it('a wrong key: IntegrityError before any chunk', async () => {
    const wrong = await importFileKey(generateFileKeyBytes());
    expectRejected(await attemptStreamDecrypt(wrong, ciphertext), plaintext, C, 0);
  });

  it('the commitment alone rejects a wrong key or any header change, before any chunk exists', async () => {
    const header = ciphertext.subarray(0, HEADER_LENGTH);
    await expect(openFileContext(fileKey, header)).resolves.toBeDefined();
    await expect(openFileContext(await importFileKey(generateFileKeyBytes()), header)).rejects.toBeInstanceOf(IntegrityError);
    for (let bit = 10 * 8; bit < HEADER_LENGTH * 8; bit++) {
      await expect(openFileContext(fileKey, flipBit(header, bit))).rejects.toBeInstanceOf(IntegrityError);
    }
  });

  it('a tampered commitment', async () => {
    const tampered = ciphertext.slice();
    tampered.set(new Uint8Array(32), 42);
    expectRejected(await attemptStreamDecrypt(fileKey, tampered), plaintext, C, 0);
  });

  it('a chunk size changed to another allowed value', async () => {
    for (const size of [2048, 512 * 1024]) {
      const tampered = ciphertext.slice();
      new DataView(tampered.buffer).setUint32(6, size, false);
      expectRejected(await attemptStreamDecrypt(fileKey, tampered), plaintext, C, 0);
    }
  });

  it('a chunk size outside the allowed set is a FormatError', async () => {
    for (const size of [0, 512, 1000, 3072, 32 * 1024 * 1024]) {
      const tampered = ciphertext.slice();
      new DataView(tampered.buffer).setUint32(6, size, false);
      expectRejected(await attemptStreamDecrypt(fileKey, tampered), plaintext, C, 0, FormatError);
    }
  });

  it('another version, suite or magic is a FormatError', async () => {
    for (const [offset, value] of [[4, 2], [4, 0], [5, 2], [0, 0x55]] as const) {
      const tampered = ciphertext.slice();
      tampered[offset] = value;
      expectRejected(await attemptStreamDecrypt(fileKey, tampered), plaintext, C, 0, FormatError);
    }
  });
});
