// Streaming behaviour: arbitrary piece sizes, any concurrency, the whole-file
// helpers, and the worker protocol (run in-process).
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@/lib/crypto/bytes';
import { DEFAULT_CHUNK_SIZE } from '@/lib/crypto/constants';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { decryptFileBytes, encryptFileBytes } from '@/lib/crypto/whole-file';
import { handleWorkerRequest, type WorkerOp } from '@/lib/crypto/worker-protocol';
import { patternPlaintext } from '@/tests/vectors/build';
import { attemptStreamDecrypt, sameBytes } from './helpers';

async function encryptInPieces(fileKey: CryptoKey, plaintext: Uint8Array, pieceSize: number, concurrency: number): Promise<Uint8Array> {
  const stream = createEncryptStream(fileKey, { chunkSize: 1024, concurrency });
  const writer = stream.writable.getWriter();
  void (async () => {
    for (let i = 0; i < plaintext.length; i += pieceSize) await writer.write(plaintext.subarray(i, i + pieceSize));
    await writer.close();
  })();
  const out: Uint8Array[] = [];
  for await (const piece of stream.readable as unknown as AsyncIterable<Uint8Array>) out.push(piece);
  return concatBytes(...out);
}

describe('streams', () => {
  it('round-trip for every piece size and concurrency', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(4 * 1024 + 17);
    for (const concurrency of [1, 2, 4, 16]) {
      for (const pieceSize of [1, 100, 1023, 1024, 1025, 5000]) {
        const ciphertext = await encryptInPieces(fileKey, plaintext, pieceSize, concurrency);
        expect(ciphertext.length).toBe(ciphertextSizeFromPlaintextSize(plaintext.length, 1024));
        const attempt = await attemptStreamDecrypt(fileKey, ciphertext, pieceSize);
        expect(attempt.error).toBeUndefined();
        expect(sameBytes(attempt.emitted, plaintext)).toBe(true);
      }
    }
  });

  it('reject non-byte input and bad options at the boundary', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    expect(() => createEncryptStream(fileKey, { chunkSize: 1000 })).toThrow(RangeError);
    expect(() => createEncryptStream(fileKey, { concurrency: 0 })).toThrow(RangeError);
    expect(() => createEncryptStream({} as CryptoKey)).toThrow(TypeError);
    const stream = createEncryptStream(fileKey);
    const reader = stream.readable.getReader();
    expect((await reader.read()).value?.length).toBe(74); // the header
    const writing = stream.writable.getWriter().write('text' as unknown as Uint8Array);
    await expect(reader.read()).rejects.toBeInstanceOf(TypeError);
    await expect(writing).rejects.toBeInstanceOf(TypeError);
    await expect(encryptFileBytes(fileKey, [1, 2] as unknown as Uint8Array)).rejects.toBeInstanceOf(TypeError);
  });

  it('use the default chunk size when none is given', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(3 * DEFAULT_CHUNK_SIZE + 1);
    const ciphertext = await encryptFileBytes(fileKey, plaintext);
    expect(new DataView(ciphertext.buffer).getUint32(6)).toBe(DEFAULT_CHUNK_SIZE);
    expect(sameBytes(await decryptFileBytes(fileKey, ciphertext), plaintext)).toBe(true);
  });
});

describe('worker protocol', () => {
  const call = (op: WorkerOp, args: unknown[]) => handleWorkerRequest({ id: 7, op, args });

  it('forwards calls and transfers result buffers', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(3000);
    const encrypted = await call('encryptFileBytes', [fileKey, plaintext, { chunkSize: 1024 }]);
    expect(encrypted.response.ok).toBe(true);
    const ciphertext = (encrypted.response as { result: Uint8Array }).result;
    expect(encrypted.transfer).toEqual([ciphertext.buffer]);
    const decrypted = await call('decryptFileBytes', [fileKey, ciphertext]);
    expect(sameBytes((decrypted.response as { result: Uint8Array }).result, plaintext)).toBe(true);
    const range = await call('decryptChunkRange', [fileKey, ciphertext.subarray(0, 74), ciphertext.length, 1, ciphertext.subarray(74 + 1040, 74 + 2080)]);
    expect(sameBytes((range.response as { result: Uint8Array }).result, plaintext.subarray(1024, 2048))).toBe(true);
  });

  it('reports errors by name with the generic message', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const { response } = await call('decryptFileBytes', [fileKey, new Uint8Array(200)]);
    expect(response).toMatchObject({ id: 7, ok: false, error: { name: 'FormatError' } });
    const ciphertext = await encryptFileBytes(fileKey, new Uint8Array(10));
    ciphertext[ciphertext.length - 1] = (ciphertext[ciphertext.length - 1] as number) ^ 1;
    const tampered = await call('decryptFileBytes', [fileKey, ciphertext]);
    expect(tampered.response).toMatchObject({ ok: false, error: { name: 'IntegrityError' } });
    const unknown = await call('constructor' as WorkerOp, []);
    expect(unknown.response).toMatchObject({ ok: false, error: { name: 'TypeError' } });
  });
});
