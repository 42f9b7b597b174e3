// Known answers: the committed vectors decrypt to what they record, and the
// same fixed inputs still encrypt to the committed bytes.
import { describe, expect, it } from 'vitest';
import { toHex } from '@/lib/crypto/bytes';
import { sha256Bytes } from '@/lib/crypto/subtle';
import { buildAllVectors, patternPlaintext } from '@/tests/vectors/build';
import { checkVectors, expectedResults } from '@/tests/vectors/check';
import { buildNegativeVectors } from '@/tests/vectors/negative-build';
import { checkNegativeVectors, expectedNegativeResults } from '@/tests/vectors/negative-check';
import { loadNegativeVectors, loadVectors } from '@/tests/vectors/load';

const vectors = loadVectors();
const negative = loadNegativeVectors();

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

  it('include a folder chain: top-level folder, a child under it, a file in the child', () => {
    const [top, child] = vectors.folders.folders;
    expect(top?.parentId).toBeNull();
    expect(child?.parentId).toBe(top?.folderId);
    expect(vectors.folders.file.folderId).toBe(child?.folderId);
  });

  it('decrypt to the recorded answers', async () => {
    expect(await checkVectors(vectors)).toEqual(expectedResults(vectors));
  });

  it('are reproduced byte for byte from the same fixed inputs', async () => {
    expect(await buildAllVectors()).toEqual(vectors);
  });
});

describe('negative vectors (age-style labels)', () => {
  it('cover every labelled failure the brief of format.md names', () => {
    const names = (list: { name: string }[]) => list.map((c) => c.name);
    expect(names(negative.files)).toEqual(expect.arrayContaining([
      'bad magic', 'unknown version 02', 'chunk size not a power of two (1000)', 'flipped commitment bit', 'flipped bit in chunk 1',
      'truncated last chunk (one byte short)', 'chunk appended (copy of chunk 1)', 'wrong key',
    ]));
    expect(names(negative.wrappedKeys)).toEqual(expect.arrayContaining(['file key unwrapped as link-file-key', 'another file id', 'wrong root key']));
    expect(names(negative.metadata)).toEqual(expect.arrayContaining(['duplicate key name', 'size 2^53', 'size in exponent form']));
    expect(names(negative.folders)).toEqual(expect.arrayContaining([
      'file key moved to another folder', 'folder key grafted under another parent', 'folder metadata swapped between folders', 'folder name with a "/"',
    ]));
    expect(names(negative.base64url)).toContain('non-canonical trailing bits: AB (AA is the one form of byte 00)');
  });

  it('each fails at the labelled stage with the labelled error class', async () => {
    expect(await checkNegativeVectors(negative)).toEqual(expectedNegativeResults(negative));
  });

  it('are reproduced byte for byte from the positive vectors', async () => {
    expect(await buildNegativeVectors(vectors.file, vectors.keys, vectors.folders, vectors.envelope)).toEqual(negative);
  });
});
