// Streaming behaviour: arbitrary piece sizes, any concurrency, the whole-file
// helpers, and the worker protocol (run in-process).
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@/lib/crypto/bytes';
import { DEFAULT_CHUNK_SIZE } from '@/lib/crypto/constants';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { createFileContext } from '@/lib/crypto/file-context';
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
    const { headerBytes } = await createFileContext(fileKey, 1024);
    const total = ciphertextSizeFromPlaintextSize(3000, 1024);
    const request = { fileKey, headerBytes, source: new Blob([plaintext as Uint8Array<ArrayBuffer>]), byteStart: 0, byteEnd: total };
    const encrypted = await call('encryptFilePart', [request]);
    expect(encrypted.response.ok).toBe(true);
    const result = (encrypted.response as { result: { ok: boolean; ciphertext: Blob; plaintextSha256: Uint8Array } }).result;
    expect(result.ciphertext.size).toBe(total);
    expect(encrypted.transfer).toEqual([result.plaintextSha256.buffer]);
  });

  it('skipHash gives the same ciphertext without the plaintext hash; expectedSha256 still hashes', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = patternPlaintext(3000);
    const { headerBytes } = await createFileContext(fileKey, 1024);
    const total = ciphertextSizeFromPlaintextSize(3000, 1024);
    const base = { fileKey, headerBytes, source: new Blob([plaintext as Uint8Array<ArrayBuffer>]), byteStart: 0, byteEnd: total };
    const resultOf = async (request: object) => (
      (await call('encryptFilePart', [request])).response as { result: { ok: boolean; ciphertext: Blob; plaintextSha256: Uint8Array } }
    ).result;
    const hashed = await resultOf(base);
    const unhashed = await resultOf({ ...base, skipHash: true });
    expect(hashed.plaintextSha256.length).toBe(32);
    expect(unhashed.plaintextSha256.length).toBe(0);
    expect(sameBytes(new Uint8Array(await unhashed.ciphertext.arrayBuffer()), new Uint8Array(await hashed.ciphertext.arrayBuffer()))).toBe(true);
    // A resume's check is never skipped: a wrong expected hash still refuses to encrypt.
    const refused = await resultOf({ ...base, skipHash: true, expectedSha256: new Uint8Array(32) });
    expect(refused.ok).toBe(false);
  });

  it('answers only the ops production calls', async () => {
    for (const op of ['encryptFileBytes', 'decryptFileBytes', 'unwrapFileKey', 'wrapFileKey', 'openShareEnvelope', 'constructor']) {
      const { response } = await call(op as WorkerOp, []);
      expect(response).toMatchObject({ ok: false, error: { name: 'TypeError' } });
    }
  });

  it('reports errors by name with the generic message', async () => {
    const fileKey = await importFileKey(generateFileKeyBytes());
    const { response } = await call('encryptFilePart', [{ fileKey, headerBytes: new Uint8Array(74), source: new Blob([]), byteStart: 0, byteEnd: 0 }]);
    expect(response).toMatchObject({ id: 7, ok: false, error: { name: 'FormatError' } });
  });
});
