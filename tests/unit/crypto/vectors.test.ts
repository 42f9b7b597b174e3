// Known answers: the committed vectors decrypt to what they record, and the
// same fixed inputs still encrypt to the committed bytes.
import { describe, expect, it } from 'vitest';
import { toHex } from '@/lib/crypto/bytes';
import { sha256Bytes } from '@/lib/crypto/subtle';
import { buildAllVectors, patternPlaintext } from '@/tests/vectors/build';
import { checkVectors, expectedResults } from '@/tests/vectors/check';
import { loadVectors } from '@/tests/vectors/load';

const vectors = loadVectors();

describe('committed vectors', () => {
  it('cover the required file shapes at two chunk sizes', () => {
    const names = vectors.file.cases.map((c) => c.name);
    for (const size of [1024, 65536]) {
      for (const label of ['empty', 'one-byte', 'one-chunk', 'one-chunk-plus-one', 'three-chunks-and-tail']) {
        expect(names).toContain(`${size}/${label}`);
      }
    }
  });

  it('record plaintext hashes that follow the documented rule', async () => {
    for (const c of vectors.file.cases) {
      expect(toHex(await sha256Bytes(patternPlaintext(c.plaintextLength)))).toBe(c.plaintextSha256Hex);
    }
  });

  it('decrypt to the recorded answers', async () => {
    expect(await checkVectors(vectors)).toEqual(expectedResults(vectors));
  });

  it('are reproduced byte for byte from the same fixed inputs', async () => {
    expect(await buildAllVectors()).toEqual(vectors);
  });
});
