// The upload engine's scheduling against an in-memory store: parts,
// bounded concurrency and memory, retry with backoff, URL refresh, cancel.
import { describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, DEFAULT_RETRY, isRetryableStatus } from '@/lib/client/files/net/backoff';
import { inThreadPartEncryptor, type PartEncryptor } from '@/lib/client/files/upload/part-encryptor';
import type { PutPart } from '@/lib/client/files/upload/s3-put';
import { uploadFile, type UploadOptions } from '@/lib/client/files/upload/upload-engine';
import { toBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { FakeStore, FILE_ID } from './fake-store';

const CHUNK = 1024;
const sealed = async () => ({ wrappedFileKey: new Uint8Array(61).fill(1), encryptedMetadata: new Uint8Array(40).fill(2) });
const fastRetry = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 };

function bytes(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
}

/** Identity "encryption" of the right length would need the format; the real encryptor is cheap at 1 KiB chunks. */
async function options(store: FakeStore, plaintext: Uint8Array, extra: Partial<UploadOptions> = {}): Promise<UploadOptions> {
  return {
    source: new Blob([new Uint8Array(plaintext)]),
    fileKey: await importFileKey(generateFileKeyBytes()),
    api: store.api,
    seal: sealed,
    chunkSize: CHUNK,
    putPart: store.putPart,
    retry: fastRetry,
    random: () => 1,
    ...extra,
  };
}

describe('backoff', () => {
  it('grows exponentially up to the cap, with full jitter', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((a) => backoffDelayMs(a, DEFAULT_RETRY, () => 1));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffDelayMs(3, DEFAULT_RETRY, () => 0.5)).toBe(1000);
    expect(backoffDelayMs(3, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('retries timeouts, throttling and server errors only', () => {
    expect([408, 429, 500, 502, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 413].some(isRetryableStatus)).toBe(false);
  });
});

describe('uploadFile', () => {
  it('cuts the ciphertext into the server’s parts and completes with every ETag in order', async () => {
    const store = new FakeStore(5000);
    const plaintext = bytes(23_456);
    const file = await uploadFile(await options(store, plaintext));
    const size = ciphertextSizeFromPlaintextSize(plaintext.length, CHUNK);
    expect(store.created).toEqual({ ciphertextSize: size, chunkSize: CHUNK });
    expect(store.object().length).toBe(size);
    expect([...store.bodies.values()].map((b) => b.length)).toEqual(expect.arrayContaining([5000, 5000, 5000, 5000, size - 20_000]));
    expect(store.completed?.parts).toEqual([1, 2, 3, 4, 5].map((n) => ({ partNumber: n, etag: `"etag-${n}"` })));
    expect(store.completed?.wrappedFileKey).toBe(toBase64Url(new Uint8Array(61).fill(1)));
    expect(file.status).toBe('ready');
    expect(store.removed).toEqual([]);
  });

  it('sends a small file as one PUT and lists no parts at complete', async () => {
    const store = new FakeStore(1 << 20);
    await uploadFile(await options(store, bytes(100)));
    expect(store.putCalls).toHaveLength(1);
    expect(store.completed?.parts).toBeUndefined();
  });

  it('takes a 412 on a retried single PUT as "already stored" and completes', async () => {
    // The first try stored the object but its answer was lost; the create-only
    // URL then answers 412 Precondition Failed instead of overwriting.
    const store = new FakeStore(1 << 20);
    store.script.set(1, ['network', 412]);
    const file = await uploadFile(await options(store, bytes(100)));
    expect(store.putCalls).toHaveLength(2);
    expect(file.status).toBe('ready');
    expect(store.removed).toEqual([]);
  });

  it('does not take a 412 on a multipart part as success', async () => {
    const store = new FakeStore(3000);
    store.script.set(1, [412]);
    await expect(uploadFile(await options(store, bytes(5000)))).rejects.toThrow(/refused the upload \(HTTP 412\)/);
  });

  it('uploads an empty file (one empty final chunk)', async () => {
    const store = new FakeStore(1 << 20);
    await uploadFile(await options(store, new Uint8Array()));
    expect(store.object().length).toBe(ciphertextSizeFromPlaintextSize(0, CHUNK));
  });

  it('keeps at most `parallelism` parts in flight and in memory, and uses all of them', async () => {
    const partSize = 4096;
    for (const parallelism of [1, 3]) {
      const store = new FakeStore(partSize, 1);
      const plaintext = bytes(64 * 1024);
      // A part is alive from the moment its encryption starts until its PUT
      // returns: that is when its plaintext span and ciphertext are in memory.
      let alive = 0;
      let worst = 0;
      const encryptor: PartEncryptor = {
        ...inThreadPartEncryptor,
        encrypt: (request) => {
          worst = Math.max(worst, ++alive);
          return inThreadPartEncryptor.encrypt(request);
        },
      };
      const putPart: PutPart = async (...args) => {
        try {
          return await store.putPart(...args);
        } finally {
          alive--;
        }
      };
      store.onPut = () => new Promise((r) => setTimeout(r, 5));
      await uploadFile(await options(store, plaintext, { parallelism, encryptor, putPart }));
      expect(store.maxInFlight).toBe(parallelism);
      // Each alive part holds at most partSize + 2 chunks of plaintext and partSize of ciphertext.
      expect(worst).toBe(parallelism);
    }
  });

  it('fetches more part URLs in batches ahead of use', async () => {
    const store = new FakeStore(2000, 2);
    await uploadFile(await options(store, bytes(40_000), { parallelism: 2 }));
    const requested = store.presignCalls.flat().sort((a, b) => a - b);
    expect(requested).toEqual(Array.from({ length: store.partCount() - 2 }, (_, i) => i + 3));
    expect(store.presignCalls.length).toBeLessThan(store.partCount() - 2);
  });

  it('retries failed parts with backoff: server errors, network errors, and 403 with a fresh URL', async () => {
    const store = new FakeStore(3000);
    store.script.set(1, [403]);
    store.script.set(2, [503, 500]);
    store.script.set(3, ['network']);
    const plaintext = bytes(12_000);
    await uploadFile(await options(store, plaintext));
    const tries = (n: number) => store.putCalls.filter((c) => c.partNumber === n);
    expect(tries(1)).toHaveLength(2);
    expect(tries(1)[1]!.url).not.toBe(tries(1)[0]!.url); // refreshed after the 403
    expect(store.presignCalls).toContainEqual(expect.arrayContaining([1]));
    expect(tries(2)).toHaveLength(3);
    expect(tries(2)[1]!.url).toBe(tries(2)[0]!.url); // a 5xx keeps its (still valid) URL
    expect(tries(3)).toHaveLength(2);
    expect(store.object().length).toBe(ciphertextSizeFromPlaintextSize(plaintext.length, CHUNK));
  });

  it('waits longer after each failure', async () => {
    const store = new FakeStore(1 << 20);
    store.script.set(1, [503, 503, 503]);
    const times: number[] = [];
    store.onPut = () => void times.push(performance.now());
    await uploadFile(await options(store, bytes(10), { retry: { attempts: 4, baseDelayMs: 40, maxDelayMs: 1000 } }));
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 40, 80, 160 ms (random = 1), plus the fake's own 2 ms per try.
    expect(gaps[0]).toBeGreaterThanOrEqual(38);
    expect(gaps[1]).toBeGreaterThanOrEqual(78);
    expect(gaps[2]).toBeGreaterThanOrEqual(158);
  });

  it('gives up after the last attempt, stops the other parts and aborts the upload on the server', async () => {
    const store = new FakeStore(3000);
    store.script.set(2, [503, 503, 503, 503]);
    await expect(uploadFile(await options(store, bytes(30_000), { parallelism: 2 }))).rejects.toThrow(/part 2 failed after 4 attempts/);
    expect(store.removed).toEqual([FILE_ID]);
    expect(store.completed).toBeUndefined();
  });

  it('a part that never got an HTTP answer says whose side failed: the storage service when the app answers, the network when not', async () => {
    for (const [appUp, why] of [[true, 'the storage service did not answer; your connection works'], [false, 'network error']] as const) {
      vi.stubGlobal('fetch', async (url: string) => {
        if (url === '/api/health/live' && appUp) return new Response('{"ok":true}');
        throw new TypeError('fetch failed');
      });
      const store = new FakeStore(3000);
      store.script.set(1, ['network', 'network', 'network', 'network']);
      await expect(uploadFile(await options(store, bytes(5000)))).rejects.toThrow(`part 1 failed after 4 attempts: ${why}`);
      vi.unstubAllGlobals();
    }
  });

  it('fails clearly when the store hides a part’s ETag (CORS), without retrying', async () => {
    const store = new FakeStore(3000);
    const hiding: typeof store.putPart = async (...args) => ({ ...(await store.putPart(...args)), etag: null });
    await expect(uploadFile(await options(store, bytes(5000), { putPart: hiding }))).rejects.toThrow(/must expose ETag/);
    expect(store.putCalls.filter((c) => c.partNumber === 1)).toHaveLength(1);
    expect(store.removed).toEqual([FILE_ID]);
  });

  it('does not retry a client error', async () => {
    const store = new FakeStore(3000);
    store.script.set(1, [400]);
    await expect(uploadFile(await options(store, bytes(5000)))).rejects.toThrow(/refused the upload \(HTTP 400\)/);
    expect(store.putCalls.filter((c) => c.partNumber === 1)).toHaveLength(1);
    expect(store.removed).toEqual([FILE_ID]);
  });

  it('cancels: in-flight PUTs see the abort, nothing completes, the server upload is aborted', async () => {
    const store = new FakeStore(3000);
    const controller = new AbortController();
    const aborted: number[] = [];
    let started = 0;
    // Cancel once two PUTs are in flight, whichever parts the scheduler started first.
    store.onPut = (n, signal) => new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => {
        aborted.push(n);
        resolve();
      });
      if (++started === 2) controller.abort();
    });
    const error = await uploadFile(await options(store, bytes(30_000), { signal: controller.signal })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(aborted.length).toBeGreaterThanOrEqual(2);
    expect(store.completed).toBeUndefined();
    expect(store.removed).toEqual([FILE_ID]);
  });

  it('refuses when the source yields fewer bytes than it declared', async () => {
    const store = new FakeStore(3000);
    const plaintext = bytes(9000);
    // Declares 9000 bytes but yields 8000: a file truncated on disk after it was picked.
    const short = new Blob([new Uint8Array(plaintext.subarray(0, 8000))]);
    const liar = { size: 9000, slice: (start?: number, end?: number) => short.slice(start, end) } as unknown as Blob;
    await expect(uploadFile(await options(store, plaintext, { source: liar }))).rejects.toThrow(/changed while it was being uploaded/);
    expect(store.removed).toEqual([FILE_ID]);
  });

  it('reports progress up to the ciphertext size, with a speed and an ETA', async () => {
    const store = new FakeStore(3000);
    const reports: Array<{ doneBytes: number; etaSeconds: number | null }> = [];
    await uploadFile(await options(store, bytes(20_000), { onProgress: (p) => reports.push(p), parallelism: 1 }));
    const size = ciphertextSizeFromPlaintextSize(20_000, CHUNK);
    expect(reports.at(-1)).toMatchObject({ doneBytes: size, totalBytes: size, etaSeconds: 0 });
    expect(reports.map((r) => r.doneBytes)).toEqual([...reports.map((r) => r.doneBytes)].sort((a, b) => a - b));
    expect(reports.some((r) => (r as { bytesPerSecond?: number }).bytesPerSecond! > 0)).toBe(true);
  });
});
