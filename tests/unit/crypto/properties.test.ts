// fast-check properties (docs/format.md §1): decrypt(encrypt(x)) = x for any
// size and chunk size, and any mutation of a ciphertext is rejected with an
// IntegrityError (FormatError only inside the parsed header fields), never a
// crash, a hang, or released plaintext from the mutated chunk on.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADER_LENGTH, TAG_LENGTH } from '@/lib/crypto/constants';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { encryptFileBytes } from '@/lib/crypto/whole-file';
import { attemptStreamDecrypt, sameBytes } from './helpers';

let fileKey: CryptoKey;
beforeAll(async () => {
  fileKey = await importFileKey(generateFileKeyBytes());
});

const chunkSizeArb = fc.constantFrom(1024, 2048, 4096);

describe('properties', () => {
  it('decrypt(encrypt(x)) = x for random sizes, chunk sizes and piece sizes', async () => {
    await fc.assert(fc.asyncProperty(
      chunkSizeArb, fc.nat(5 * 4096), fc.integer({ min: 1, max: 9000 }), fc.integer({ min: 1, max: 8 }),
      async (chunkSize, length, pieceSize, concurrency) => {
        const plaintext = crypto.getRandomValues(new Uint8Array(length));
        const ciphertext = await encryptFileBytes(fileKey, plaintext, { chunkSize, concurrency });
        const attempt = await attemptStreamDecrypt(fileKey, ciphertext, pieceSize);
        expect(attempt.error).toBeUndefined();
        expect(sameBytes(attempt.emitted, plaintext)).toBe(true);
      },
    ), { numRuns: 60 });
  });

  type Mutation =
    | { kind: 'flip'; at: number; bit: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'insert'; at: number; byte: number }
    | { kind: 'delete'; at: number }
    | { kind: 'overwrite'; at: number; bytes: number[] }
    | { kind: 'move'; from: number; to: number; length: number };

  const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat(7) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), byte: fc.nat(255) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 40 }) }),
    fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat(), length: fc.integer({ min: 1, max: 3000 }) }),
  );

  // Returns the mutated bytes and the first offset that differs from the original.
  function mutate(bytes: Uint8Array, m: Mutation): { out: Uint8Array; firstChanged: number } | undefined {
    const n = bytes.length;
    const at = 'at' in m ? m.at % n : 0;
    switch (m.kind) {
      case 'flip': { const out = bytes.slice(); out[at] = (out[at] as number) ^ (1 << m.bit); return { out, firstChanged: at }; }
      case 'truncate': return { out: bytes.slice(0, at), firstChanged: at };
      case 'insert': return { out: new Uint8Array([...bytes.subarray(0, at), m.byte, ...bytes.subarray(at)]), firstChanged: at };
      case 'delete': return { out: new Uint8Array([...bytes.subarray(0, at), ...bytes.subarray(at + 1)]), firstChanged: at };
      case 'overwrite': {
        const out = bytes.slice();
        out.set(m.bytes.slice(0, n - at), at);
        const first = m.bytes.findIndex((b, i) => at + i < n && b !== bytes[at + i]);
        return first === -1 ? undefined : { out, firstChanged: at + first };
      }
      case 'move': {
        const from = m.from % n;
        const piece = bytes.slice(from, from + m.length);
        const to = m.to % n;
        const out = bytes.slice();
        out.set(piece.subarray(0, n - to), to);
        const first = out.findIndex((b, i) => b !== bytes[i]);
        return first === -1 ? undefined : { out, firstChanged: first };
      }
    }
  }

  it('every mutation is rejected as IntegrityError (FormatError in header fields), releasing nothing from the damaged chunk on', async () => {
    await fc.assert(fc.asyncProperty(chunkSizeArb, fc.nat(4 * 4096), mutationArb, async (chunkSize, length, mutation) => {
      const plaintext = crypto.getRandomValues(new Uint8Array(length));
      const ciphertext = await encryptFileBytes(fileKey, plaintext, { chunkSize });
      const mutated = mutate(ciphertext, mutation);
      if (mutated === undefined) return; // the mutation changed nothing
      const attempt = await attemptStreamDecrypt(fileKey, mutated.out, 1500);
      const allowFormat = mutated.firstChanged < 10;
      const isExpected = attempt.error instanceof IntegrityError || (allowFormat && attempt.error instanceof FormatError);
      expect(isExpected).toBe(true);
      const damagedChunk = Math.max(0, Math.floor((mutated.firstChanged - HEADER_LENGTH) / (chunkSize + TAG_LENGTH)));
      expect(attempt.emitted.length).toBeLessThanOrEqual(damagedChunk * chunkSize);
      expect(sameBytes(attempt.emitted, plaintext.subarray(0, attempt.emitted.length))).toBe(true);
    }), { numRuns: 300 });
  });
});
