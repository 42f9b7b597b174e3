// Size arithmetic, header parsing and random access (docs/format.md §1.1, §1.4).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEADER_LENGTH } from '@/lib/crypto/constants';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { openFileContext } from '@/lib/crypto/file-context';
import {
  chunkCiphertextLength, chunkCiphertextOffset, chunkCountFromPlaintextSize, ciphertextSizeFromPlaintextSize,
  isAllowedChunkSize, plaintextSizeFromCiphertextSize,
} from '@/lib/crypto/file-format';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { parseHeader } from '@/lib/crypto/header';
import { ciphertextRangeForPlaintextRange, decryptChunkRange } from '@/lib/crypto/range';
import { encryptFileBytes } from '@/lib/crypto/whole-file';
import { patternPlaintext } from '@/tests/vectors/build';
import { sameBytes } from './helpers';

describe('sizes', () => {
  it('match the spec examples', () => {
    expect(ciphertextSizeFromPlaintextSize(0, 1024)).toBe(74 + 16);
    expect(ciphertextSizeFromPlaintextSize(1024, 1024)).toBe(74 + 1024 + 16);
    expect(ciphertextSizeFromPlaintextSize(1025, 1024)).toBe(74 + 1025 + 32);
    expect(chunkCountFromPlaintextSize(0, 1024)).toBe(1);
  });

  it('invert for every plaintext size (property)', () => {
    fc.assert(fc.property(fc.nat(2 ** 40), fc.integer({ min: 10, max: 24 }), (size, log2) => {
      const chunkSize = 2 ** log2;
      expect(plaintextSizeFromCiphertextSize(ciphertextSizeFromPlaintextSize(size, chunkSize), chunkSize)).toBe(size);
    }), { numRuns: 500 });
  });

  it('reject impossible ciphertext sizes', () => {
    for (const bad of [0, 73, 74, 89, 74 + 1040 + 1, 74 + 1040 + 16]) {
      expect(() => plaintextSizeFromCiphertextSize(bad, 1024)).toThrow(RangeError);
    }
    // every size that decodes must be produced by exactly one plaintext size
    for (let s = 74; s < 74 + 3 * 1040; s++) {
      let p: number | undefined;
      try { p = plaintextSizeFromCiphertextSize(s, 1024); } catch { continue; }
      expect(ciphertextSizeFromPlaintextSize(p, 1024)).toBe(s);
    }
  });

  it('validate chunk sizes and inputs at the boundary', () => {
    expect(isAllowedChunkSize(1024)).toBe(true);
    expect(isAllowedChunkSize(16 * 1024 * 1024)).toBe(true);
    for (const bad of [0, 512, 1000, 1536, 32 * 1024 * 1024, Number.NaN]) expect(isAllowedChunkSize(bad)).toBe(false);
    expect(() => ciphertextSizeFromPlaintextSize(-1, 1024)).toThrow(RangeError);
    expect(() => ciphertextSizeFromPlaintextSize(1, 1000)).toThrow(RangeError);
    expect(() => ciphertextSizeFromPlaintextSize('1' as unknown as number, 1024)).toThrow(TypeError);
  });

  it('offsets and lengths tile the ciphertext', () => {
    const size = 3 * 1024 + 100;
    const count = chunkCountFromPlaintextSize(size, 1024);
    let end = HEADER_LENGTH;
    for (let i = 0; i < count; i++) {
      expect(chunkCiphertextOffset(i, 1024)).toBe(end);
      end += chunkCiphertextLength(i, 1024, size);
    }
    expect(end).toBe(ciphertextSizeFromPlaintextSize(size, 1024));
  });
});

describe('header parsing', () => {
  it('is a FormatError for wrong lengths of fields it knows', () => {
    const header = new Uint8Array(HEADER_LENGTH);
    expect(() => parseHeader(header)).toThrow(FormatError);
    expect(() => parseHeader(new Uint8Array(10))).toThrow(RangeError);
  });
});

describe('random access', () => {
  it('decrypts any plaintext range from just its chunks (property)', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(5 * 1024 + 321);
    const ciphertext = await encryptFileBytes(fileKey, plaintext, { chunkSize: 1024 });
    const context = await openFileContext(fileKey, ciphertext.subarray(0, HEADER_LENGTH));
    await fc.assert(fc.asyncProperty(fc.nat(plaintext.length - 1), fc.integer({ min: 1, max: 3000 }), async (start, span) => {
      const end = Math.min(plaintext.length, start + span);
      const r = ciphertextRangeForPlaintextRange(start, end, 1024, plaintext.length);
      const chunks = await decryptChunkRange(context, ciphertext.length, r.firstChunk, ciphertext.subarray(r.byteStart, r.byteEndInclusive + 1));
      expect(sameBytes(chunks.subarray(r.plaintextOffset, r.plaintextOffset + end - start), plaintext.subarray(start, end))).toBe(true);
    }), { numRuns: 60 });
  });

  it('rejects lies about the total size, misplaced chunks and short ranges', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(3 * 1024 + 5);
    const ciphertext = await encryptFileBytes(fileKey, plaintext, { chunkSize: 1024 });
    const context = await openFileContext(fileKey, ciphertext.subarray(0, HEADER_LENGTH));
    const r = ciphertextRangeForPlaintextRange(1024, 2048, 1024, plaintext.length); // chunk 1 only
    const bytes = ciphertext.subarray(r.byteStart, r.byteEndInclusive + 1);
    const rejects = (p: Promise<unknown>) => expect(p).rejects.toBeInstanceOf(IntegrityError);
    await rejects(decryptChunkRange(context, 74 + 2 * 1040, 1, bytes)); // claims chunk 1 is final
    await rejects(decryptChunkRange(context, ciphertext.length + 1040, 3, ciphertext.subarray(74 + 3 * 1040))); // final presented as middle
    await rejects(decryptChunkRange(context, ciphertext.length, 2, bytes)); // chunk 1 presented as chunk 2
    await rejects(decryptChunkRange(context, ciphertext.length, 1, bytes.subarray(0, 1000)));
    await rejects(decryptChunkRange(context, 74 + 3 * 1040 + 10, 1, bytes)); // impossible size: a partial tag
    await rejects(decryptChunkRange(context, ciphertext.length, 4, bytes)); // beyond the last chunk
  });
});
