// End to end in Node, no network: upload engine (real encryption) → in-memory
// store → download engine (real decryption) gives back the same bytes; any
// change to the stored bytes aborts the sink with the user-facing message.
import { describe, expect, it } from 'vitest';
import { DAMAGED_FILE_MESSAGE, DamagedFileError, downloadFile } from '@/lib/client/files/download/download-engine';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import { concatBytes } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { FakeStore, FILE_ID } from './fake-store';

const CHUNK = 1024;

function randomPlaintext(n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out;
}

/** A sink that keeps what it is given and records how it ended. */
function memorySink() {
  const pieces: Uint8Array[] = [];
  const state = { closed: false, aborted: undefined as unknown };
  const sink = new WritableStream<Uint8Array>({
    write: (piece) => void pieces.push(piece.slice()),
    close: () => void (state.closed = true),
    abort: (reason) => void (state.aborted = reason ?? 'aborted'),
  });
  return { sink, state, bytes: () => concatBytes(...pieces) };
}

async function upload(plaintext: Uint8Array, partSize: number) {
  const store = new FakeStore(partSize);
  const fileKey = await importFileKey(generateFileKeyBytes());
  await uploadFile({
    source: new Blob([new Uint8Array(plaintext)]),
    fileKey,
    api: store.api,
    seal: async () => ({ wrappedFileKey: new Uint8Array(61), encryptedMetadata: new Uint8Array(30) }),
    chunkSize: CHUNK,
    putPart: store.putPart,
    parallelism: 3,
  });
  return { store, fileKey };
}

async function download(object: Uint8Array, fileKey: CryptoKey) {
  const out = memorySink();
  const api = {
    downloadUrl: async () => ({ url: 'https://store.test/object', expiresAt: new Date().toISOString(), ciphertextSize: object.length, chunkSize: CHUNK }),
  };
  const fakeFetch = (async () => new Response(new Blob([new Uint8Array(object)]).stream())) as typeof fetch;
  const error = await downloadFile({ fileId: FILE_ID, fileKey, api, sink: out.sink, fetch: fakeFetch }).then(() => undefined, (e: unknown) => e);
  return { ...out, error };
}

describe('upload engine → store → download engine', () => {
  for (const [size, partSize] of [[0, 5000], [1, 5000], [1024, 5000], [4 * 1024, 1090], [100_003, 7777], [300_000, 65_536]] as const) {
    it(`returns ${size} bytes byte-identical (parts of ${partSize})`, async () => {
      const plaintext = randomPlaintext(size);
      const { store, fileKey } = await upload(plaintext, partSize);
      const result = await download(store.object(), fileKey);
      expect(result.error).toBeUndefined();
      expect(result.state.closed).toBe(true);
      expect(Buffer.from(result.bytes()).equals(Buffer.from(plaintext))).toBe(true);
    });
  }

  it('a flipped bit, a truncation or the wrong key aborts the sink and says nothing was saved', async () => {
    const plaintext = randomPlaintext(20_000);
    const { store, fileKey } = await upload(plaintext, 5000);
    const object = store.object();
    const flipped = object.slice();
    flipped[15_000]! ^= 0x01;
    const wrongKey = await importFileKey(generateFileKeyBytes());
    for (const [label, bytes, key] of [
      ['bit flip', flipped, fileKey],
      ['truncated', object.subarray(0, object.length - 1), fileKey],
      ['last chunk dropped', object.subarray(0, object.length - 560), fileKey],
      ['wrong key', object, wrongKey],
      ['header damaged', Uint8Array.of(0, ...object.subarray(1)), fileKey],
    ] as const) {
      const result = await download(bytes, key);
      expect(result.error, label).toBeInstanceOf(DamagedFileError);
      expect((result.error as Error).message).toBe(DAMAGED_FILE_MESSAGE);
      expect(result.state.closed, label).toBe(false);
      expect(result.state.aborted, label).toBeDefined();
    }
  });

  it('aborts the sink when the store answers an error', async () => {
    const out = memorySink();
    const api = { downloadUrl: async () => ({ url: 'https://store.test/x', expiresAt: new Date().toISOString(), ciphertextSize: 90, chunkSize: CHUNK }) };
    const fakeFetch = (async () => new Response('<Error/>', { status: 403 })) as typeof fetch;
    const fileKey = await importFileKey(generateFileKeyBytes());
    await expect(downloadFile({ fileId: FILE_ID, fileKey, api, sink: out.sink, fetch: fakeFetch })).rejects.toThrow(/HTTP 403/);
    expect(out.state.aborted).toBeDefined();
  });
});
