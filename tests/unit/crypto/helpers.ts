// Test helpers: drive the streaming decryptor the way a download does, and
// record exactly what plaintext it released before failing.
import { concatBytes } from '@/lib/crypto/bytes';
import { createDecryptStream } from '@/lib/crypto/decrypt-stream';
import { FormatError, IntegrityError } from '@/lib/crypto/errors';
import { expect } from 'vitest';

export interface DecryptAttempt {
  emitted: Uint8Array;
  error: unknown;
}

export async function attemptStreamDecrypt(fileKey: CryptoKey, ciphertext: Uint8Array, pieceSize = ciphertext.length || 1): Promise<DecryptAttempt> {
  const stream = createDecryptStream(fileKey);
  const writer = stream.writable.getWriter();
  const writing = (async () => {
    for (let i = 0; i < ciphertext.length; i += pieceSize) await writer.write(ciphertext.subarray(i, i + pieceSize));
    await writer.close();
  })();
  writing.catch(() => undefined); // the failure is observed on the readable side
  const reader = stream.readable.getReader();
  const pieces: Uint8Array[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { emitted: concatBytes(...pieces), error: undefined };
      pieces.push(value);
    }
  } catch (error) {
    return { emitted: concatBytes(...pieces), error };
  }
}

// The rejection must be an IntegrityError (or a FormatError where the test
// says so), and nothing may have been released from `firstBadChunk` on: the
// released bytes must be exactly whole authenticated chunks before it.
export function expectRejected(
  attempt: DecryptAttempt, plaintext: Uint8Array, chunkSize: number, firstBadChunk: number,
  kind: typeof IntegrityError | typeof FormatError = IntegrityError,
): void {
  expect(attempt.error).toBeInstanceOf(kind);
  expect(attempt.emitted.length).toBeLessThanOrEqual(firstBadChunk * chunkSize);
  expect(attempt.emitted.length % chunkSize).toBe(0);
  // Byte comparison by hand: deep toEqual over large arrays dominates run time.
  expect(sameBytes(attempt.emitted, plaintext.subarray(0, attempt.emitted.length))).toBe(true);
}

export function flipBit(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7));
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
