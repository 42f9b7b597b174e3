// The download engine with its fetch and decryption in the crypto worker, in
// Node: a stand-in Worker runs the real worker protocol
// (lib/crypto/worker-protocol.ts) at the far end of a MessageChannel, so keys,
// plaintext batches and errors cross by structured clone as they do in a browser.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleWorkerRequest, WORKER_READY, type WorkerRequest } from '@/lib/crypto/worker-protocol';
import { concatBytes } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { createEncryptStream } from '@/lib/crypto/encrypt-stream';
import { createFileContext } from '@/lib/crypto/file-context';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { DOWNLOAD_BATCH_BYTES } from '@/lib/crypto/worker-decrypt';
import { FILE_ID } from './fake-store';

const CHUNK = 1024;
const STRIDE = CHUNK + 16;
const HEADER = 74;

/** Runs the worker protocol on the other port of a channel, as lib/crypto/worker.ts does in a browser. */
class ChannelWorker extends EventTarget {
  static instances = 0;
  /** Every op the page asked any stand-in worker for. */
  static ops: string[] = [];
  static failToLoad = false;
  private readonly port: MessagePort;
  constructor() {
    super();
    ChannelWorker.instances++;
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    port1.onmessage = (event) => this.dispatchEvent(new MessageEvent('message', { data: event.data }));
    port2.onmessage = (event: MessageEvent<WorkerRequest>) => {
      ChannelWorker.ops.push(event.data.op);
      void handleWorkerRequest(event.data).then(({ response, transfer }) => port2.postMessage(response, transfer));
    };
    queueMicrotask(() => {
      if (ChannelWorker.failToLoad) this.dispatchEvent(new Event('error'));
      else port2.postMessage(WORKER_READY);
    });
  }
  postMessage(message: unknown, transfer: Transferable[] = []): void {
    this.port.postMessage(message, transfer as never);
  }
  terminate(): void {
    this.port.close();
  }
}

async function encrypt(plaintext: Uint8Array, fileKey: CryptoKey): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(plaintext)]).stream().pipeThrough(createEncryptStream(fileKey, { chunkSize: CHUNK }));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function plaintextOf(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);
}

/** A ciphertext source that records how far it was read and whether it was cancelled. */
function countingSource(object: Uint8Array, piece = 4096) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= object.length) return controller.close();
      const next = object.slice(state.pulled, state.pulled + piece);
      state.pulled += next.length;
      controller.enqueue(next);
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

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

// Fresh modules per test: the page keeps one worker client for its lifetime.
async function load() {
  vi.resetModules();
  const engine = await import('@/lib/client/files/download/download-engine');
  const client = await import('@/lib/client/files/download/decrypt-worker-client');
  const encryptors = await import('@/lib/client/files/upload/encrypt-worker-client');
  const remote = await import('@/lib/client/files/download/remote-plaintext');
  return { ...engine, ...client, remotePartEncryptor: encryptors.remotePartEncryptor, openRemotePlaintext: remote.openRemotePlaintext };
}

/**
 * The store's answer, served by the global fetch: the worker fetches the
 * presigned GET itself, and the stand-in worker shares this realm's globals.
 */
function downloadOptions(source: ReadableStream<Uint8Array>, size: number, status = 200) {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    expect(url).toBe('https://store.test/object');
    expect(init.credentials).toBe('omit'); // the URL is the credential
    return new Response(status === 200 ? source : 'AccessDenied', { status });
  });
  return {
    fileId: FILE_ID,
    api: { downloadUrl: async () => ({ url: 'https://store.test/object', expiresAt: new Date().toISOString(), ciphertextSize: size, chunkSize: CHUNK }) },
  };
}

describe('download decryption in the crypto worker', () => {
  beforeEach(() => {
    ChannelWorker.instances = 0;
    ChannelWorker.failToLoad = false;
    vi.stubGlobal('Worker', ChannelWorker);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('decrypts in the worker, byte-identical, and the worker counts what it decrypted', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = plaintextOf(50_003);
    const object = await encrypt(plaintext, fileKey);
    const out = memorySink();
    const progress: number[] = [];
    const before = await m.workerDecryptedBytes(); // the stand-in worker's module outlives resetModules
    await m.downloadFile({ ...downloadOptions(countingSource(object).stream, object.length), fileKey, sink: out.sink, onProgress: (p) => progress.push(p.doneBytes) });
    expect(Buffer.from(out.bytes()).equals(Buffer.from(plaintext))).toBe(true);
    expect(out.state.closed).toBe(true);
    expect(m.decryptionThread()).toBe('worker');
    expect(await m.workerDecryptedBytes() - before).toBe(plaintext.length);
    expect(progress.at(-1)).toBe(object.length);
  });

  it('tampering, truncation and the wrong key still end in DamagedFileError, with nothing past the bad chunk released', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const object = await encrypt(plaintextOf(20 * CHUNK), fileKey);
    const badChunk = 12;
    const flipped = object.slice();
    flipped[HEADER + badChunk * STRIDE + 5]! ^= 0x01;
    for (const [label, bytes, key, releasedAtMost] of [
      ['bit flip in chunk 12', flipped, fileKey, badChunk * CHUNK],
      ['truncated', object.subarray(0, object.length - 1), fileKey, object.length],
      ['header damaged', Uint8Array.of(0, ...object.subarray(1)), fileKey, 0],
      ['wrong key', object, await importFileKey(generateFileKeyBytes()), 0],
    ] as const) {
      const out = memorySink();
      const error = await m.downloadFile({ ...downloadOptions(countingSource(bytes).stream, bytes.length), fileKey: key, sink: out.sink })
        .then(() => undefined, (e: unknown) => e);
      expect(error, label).toBeInstanceOf(m.DamagedFileError);
      expect((error as Error).message).toBe(m.DAMAGED_FILE_MESSAGE);
      // The crypto error that crossed keeps its name (worker-protocol.ts sends name and message).
      expect(['IntegrityError', 'FormatError'], label).toContain(((error as Error).cause as Error).name);
      expect(out.state.closed, label).toBe(false);
      expect(out.state.aborted, label).toBeDefined();
      expect(out.bytes().length, label).toBeLessThanOrEqual(releasedAtMost);
    }
    expect(m.decryptionThread()).toBe('worker');
  });

  it('reads ahead only a bounded window while the sink is slow', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    // Well past the batches the page may hold (DECRYPT_BATCH_BYTES each).
    const object = await encrypt(plaintextOf(10 * DOWNLOAD_BATCH_BYTES), fileKey);
    const source = countingSource(object, 64 * 1024);
    let written = 0;
    let release = () => {};
    const stall = new Promise<void>((resolve) => (release = resolve));
    const sink = new WritableStream<Uint8Array>({
      async write(piece) {
        written += piece.length;
        await stall;
      },
    }, { highWaterMark: 1 });
    const done = m.downloadFile({ ...downloadOptions(source.stream, object.length), fileKey, sink });
    await vi.waitFor(() => expect(written).toBeGreaterThan(0));
    // Let the pipes settle, then the page must have stopped reading well short of the file:
    // the batches in flight, the one being gathered, and what the pipes buffer.
    for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 2));
    expect(source.state.pulled).toBeLessThanOrEqual((m.DOWNLOAD_BATCHES_IN_FLIGHT + 3) * DOWNLOAD_BATCH_BYTES);
    expect(source.state.pulled).toBeLessThan(object.length / 2);
    release();
    await done;
    expect(source.state.pulled).toBe(object.length);
  });

  it('leaves no download open in the worker after a download ends, fails or is cancelled', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const object = await encrypt(plaintextOf(3 * DOWNLOAD_BATCH_BYTES + 5), fileKey);
    const base = await m.workerOpenDownloads(); // the stand-in worker's module outlives resetModules
    await m.downloadFile({ ...downloadOptions(countingSource(object, 65_536).stream, object.length), fileKey, sink: memorySink().sink });
    expect(await m.workerOpenDownloads()).toBe(base);
    const flipped = object.slice();
    flipped[HEADER + 5]! ^= 0x01;
    await expect(m.downloadFile({ ...downloadOptions(countingSource(flipped, 65_536).stream, flipped.length), fileKey, sink: memorySink().sink }))
      .rejects.toBeInstanceOf(m.DamagedFileError);
    expect(await m.workerOpenDownloads()).toBe(base);
    const controller = new AbortController();
    const sink = new WritableStream<Uint8Array>({ write: () => controller.abort() });
    await expect(m.downloadFile({ ...downloadOptions(countingSource(object, 65_536).stream, object.length), fileKey, sink, signal: controller.signal }))
      .rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(async () => expect(await m.workerOpenDownloads()).toBe(base));
  });

  it('a refused GET (HTTP 403) says the download failed, saves nothing and holds nothing open', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const base = await m.workerOpenDownloads();
    const out = memorySink();
    const error = await m.downloadFile({ ...downloadOptions(countingSource(new Uint8Array(10)).stream, 10, 403), fileKey, sink: out.sink })
      .then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).toBe('The download failed (HTTP 403); nothing was saved.');
    expect(error).not.toBeInstanceOf(m.DamagedFileError);
    expect(out.state.aborted).toBeDefined();
    expect(out.bytes().length).toBe(0);
    expect(await m.workerOpenDownloads()).toBe(base);
  });

  it('an abort cancels the worker’s work and the ciphertext stream', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const object = await encrypt(plaintextOf(8 * DOWNLOAD_BATCH_BYTES), fileKey);
    const source = countingSource(object, 65_536);
    const controller = new AbortController();
    const out = memorySink();
    let writes = 0;
    const sink = new WritableStream<Uint8Array>({
      write: () => {
        if (++writes === 1) controller.abort();
      },
      abort: (reason) => void (out.state.aborted = reason),
    });
    const error = await m.downloadFile({ ...downloadOptions(source.stream, object.length), fileKey, sink, signal: controller.signal })
      .then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).toBe('AbortError');
    expect(out.state.aborted).toBeDefined();
    await vi.waitFor(() => expect(source.state.cancelled).toBe(true));
    expect(source.state.pulled).toBeLessThan(object.length);
  });

  it('the store unreachable while the app answers: the worker’s failed fetch is reported as the storage service, not the connection', async () => {
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    vi.stubGlobal('fetch', async (url: string) => {
      if (url === '/api/health/live') return new Response('{"ok":true}');
      throw new TypeError('Failed to fetch'); // what Chromium's fetch gives when nothing answers
    });
    const out = memorySink();
    const error = await m.downloadFile({
      fileId: FILE_ID, fileKey, sink: out.sink,
      api: { downloadUrl: async () => ({ url: 'https://store.test/object', expiresAt: new Date().toISOString(), ciphertextSize: 100, chunkSize: CHUNK }) },
    }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).name).toBe('StorageUnavailableError');
    expect((error as Error).message).toMatch(/storage service is not answering/);
    expect(((error as Error).cause as Error)).toBeInstanceOf(TypeError); // rebuilt as itself after crossing
    expect(out.state.aborted).toBeDefined();
    expect(m.decryptionThread()).toBe('worker');
  });

  it('re-encryption parts are read from the store, decrypted and re-encrypted in the worker; a refused URL is renewed once', async () => {
    const m = await load();
    const oldKey = await importFileKey(generateFileKeyBytes());
    const plaintext = plaintextOf(5 * CHUNK + 77);
    const object = await encrypt(plaintext, oldKey);
    let requests = 0;
    let signs = 0;
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      requests++;
      // The worker's first read of the part (after the page's header read) is refused, as an expired URL would be.
      if (requests === 2) return new Response('expired', { status: 403 });
      const [, first, last] = /^bytes=(\d+)-(\d+)$/.exec(new Headers(init.headers).get('Range')!)!.map(Number) as [number, number, number];
      expect(url).toMatch(/^https:\/\/store\.test\/object\?v=\d+$/);
      return new Response(object.slice(first, last + 1), { status: 206 });
    });
    const source = await m.openRemotePlaintext({
      fileKey: oldKey, ciphertextSize: object.length, chunkSize: CHUNK,
      signGet: async () => ({ url: `https://store.test/object?v=${++signs}`, expiresAt: new Date(Date.now() + 600_000).toISOString() }),
    });
    const newKey = await importFileKey(generateFileKeyBytes());
    const { headerBytes } = await createFileContext(newKey, CHUNK);
    const total = ciphertextSizeFromPlaintextSize(plaintext.length, CHUNK);
    ChannelWorker.ops = [];
    const result = await m.remotePartEncryptor(source).encrypt({ fileKey: newKey, headerBytes, source, byteStart: 0, byteEnd: total, skipHash: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(ChannelWorker.ops.filter((op) => op === 'encryptRemotePart')).toHaveLength(2); // refused once, then renewed
    expect(signs).toBe(2);
    const reencrypted = new Uint8Array(await result.ciphertext.arrayBuffer());
    expect(Buffer.from(await decryptFileBytes(newKey, reencrypted)).equals(Buffer.from(plaintext))).toBe(true);
  });

  it('falls back to this thread only when the worker cannot run', async () => {
    ChannelWorker.failToLoad = true;
    const m = await load();
    const fileKey = await importFileKey(generateFileKeyBytes());
    const plaintext = plaintextOf(10_000);
    const object = await encrypt(plaintext, fileKey);
    const out = memorySink();
    await m.downloadFile({ ...downloadOptions(countingSource(object).stream, object.length), fileKey, sink: out.sink });
    expect(Buffer.from(out.bytes()).equals(Buffer.from(plaintext))).toBe(true);
    expect(m.decryptionThread()).toBe('page');
    expect(ChannelWorker.instances).toBe(1);
  });
});
