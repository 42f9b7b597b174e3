// The Range-reading plaintext source used by revoke and re-encrypt, over a
// real ciphertext (lib/crypto) served by a fake fetch: the byte ranges it asks
// for are exactly the covering chunks of format.md §1.4, any slice equals the
// plaintext, URLs are refreshed before they expire and after a 403, and a
// flipped bit, a short answer or a wrong key fails. Then the upload engine
// re-encrypts from it under a new key, byte-identical on decryption.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openRemotePlaintext, RemoteReadError, type RemotePlaintextOptions } from '@/lib/client/files/download/remote-plaintext';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import { IntegrityError } from '@/lib/crypto/errors';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { decryptFileBytes, encryptFileBytes } from '@/lib/crypto/whole-file';
import { FakeStore } from './fake-store';

const CHUNK = 1024;
const H = 74;
const T = 16;

interface Served {
  ranges: Array<[number, number]>;
  urls: string[];
  signs: number;
}

/** A stored ciphertext behind presigned URLs: each sign() gives a new URL; `status` can script answers. */
async function stored(plaintextSize: number, overrides: Partial<RemotePlaintextOptions> & { status?: (n: number) => number; body?: Uint8Array } = {}) {
  const plaintext = new Uint8Array(randomBytes(plaintextSize));
  const fileKey = await importFileKey(generateFileKeyBytes());
  const ciphertext = overrides.body ?? await encryptFileBytes(fileKey, plaintext, { chunkSize: CHUNK });
  const served: Served = { ranges: [], urls: [], signs: 0 };
  let clock = 1_000_000;
  const fakeFetch = (async (url: string, init?: RequestInit) => {
    const range = /^bytes=(\d+)-(\d+)$/.exec(new Headers(init?.headers).get('Range') ?? '');
    if (!range) throw new Error('every request must carry a Range header');
    const [first, last] = [Number(range[1]), Number(range[2])];
    served.ranges.push([first, last]);
    served.urls.push(url);
    const status = overrides.status?.(served.ranges.length) ?? 206;
    if (status !== 206) return new Response('denied', { status });
    return new Response(new Uint8Array(ciphertext.subarray(first, last + 1)), { status: 206 });
  }) as typeof fetch;
  const options: RemotePlaintextOptions = {
    fileKey,
    ciphertextSize: ciphertext.length,
    chunkSize: CHUNK,
    signGet: async () => {
      served.signs++;
      return { url: `https://store.test/object?v=${served.signs}`, expiresAt: new Date(clock + 60_000).toISOString() };
    },
    fetch: fakeFetch,
    now: () => clock,
    ...overrides,
  };
  return { plaintext, ciphertext, fileKey, served, options, advance: (ms: number) => void (clock += ms) };
}

const chunkStart = (i: number) => H + i * (CHUNK + T);

describe('remote plaintext source', () => {
  it('reads any slice as the plaintext, requesting exactly the covering chunks', async () => {
    const size = 5 * CHUNK + 300; // 6 chunks, the last short
    const { plaintext, served, options } = await stored(size);
    const source = await openRemotePlaintext(options);
    expect(source.size).toBe(size);
    expect(served.ranges).toEqual([[0, 73]]);

    const cases: Array<[number, number, [number, number]]> = [
      [0, CHUNK, [chunkStart(0), chunkStart(1) - 1]],
      [CHUNK - 1, CHUNK + 1, [chunkStart(0), chunkStart(2) - 1]],
      [2 * CHUNK + 5, 4 * CHUNK, [chunkStart(2), chunkStart(4) - 1]],
      [5 * CHUNK, size, [chunkStart(5), chunkStart(5) + 300 + T - 1]],
      [17, size, [chunkStart(0), chunkStart(5) + 300 + T - 1]],
    ];
    for (const [start, end, expected] of cases) {
      const bytes = new Uint8Array(await source.slice(start, end).arrayBuffer());
      expect(Buffer.from(bytes).equals(Buffer.from(plaintext.subarray(start, end))), `${start}..${end}`).toBe(true);
      expect(served.ranges.at(-1)).toEqual(expected);
    }
    // Clamped like Blob.slice, and an empty slice costs no request.
    const before = served.ranges.length;
    expect((await source.slice(size - 3, size + 100).arrayBuffer()).byteLength).toBe(3);
    expect((await source.slice(10, 10).arrayBuffer()).byteLength).toBe(0);
    expect(served.ranges.length).toBe(before + 1);
    // One URL served every request while it was fresh.
    expect(served.signs).toBe(1);
  });

  it('asks for a new URL before the current one expires, once for concurrent reads', async () => {
    const { served, options, advance } = await stored(4 * CHUNK);
    const source = await openRemotePlaintext(options);
    advance(55_000); // 5 s left: inside the margin
    await Promise.all([0, 1, 2, 3].map((i) => source.slice(i * CHUNK, (i + 1) * CHUNK).arrayBuffer()));
    expect(served.signs).toBe(2);
    expect(served.urls.slice(1).every((u) => u.endsWith('v=2'))).toBe(true);
  });

  it('retries once with a fresh URL after a 403, and reports other failures', async () => {
    const refused = await stored(2 * CHUNK, { status: (n) => (n === 2 ? 403 : 206) });
    const source = await openRemotePlaintext(refused.options);
    const bytes = new Uint8Array(await source.slice(0, 2 * CHUNK).arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(refused.plaintext))).toBe(true);
    expect(refused.served.signs).toBe(2);

    const missing = await stored(2 * CHUNK, { status: (n) => (n === 1 ? 206 : 404) });
    const gone = await openRemotePlaintext(missing.options);
    await expect(gone.slice(0, 10).arrayBuffer()).rejects.toBeInstanceOf(RemoteReadError);
  });

  it('fails with IntegrityError on a flipped bit, a short answer or the wrong key', async () => {
    const good = await stored(3 * CHUNK);
    const flipped = good.ciphertext.slice();
    flipped[chunkStart(1) + 7]! ^= 1;
    const tampered = await openRemotePlaintext({ ...good.options, fetch: (await stored(0, { body: flipped })).options.fetch });
    await expect(tampered.slice(0, CHUNK).arrayBuffer()).resolves.toBeDefined();
    await expect(tampered.slice(CHUNK, CHUNK + 1).arrayBuffer()).rejects.toBeInstanceOf(IntegrityError);

    const short = (async () => new Response(new Uint8Array(10), { status: 206 })) as unknown as typeof fetch;
    await expect(openRemotePlaintext({ ...good.options, fetch: short })).rejects.toBeInstanceOf(IntegrityError);

    const otherKey = await importFileKey(generateFileKeyBytes());
    await expect(openRemotePlaintext({ ...good.options, fileKey: otherKey })).rejects.toBeInstanceOf(IntegrityError);
  });

  it('feeds the upload engine: re-encrypted under a new key and salt, it decrypts to the same bytes', async () => {
    const { plaintext, ciphertext, options } = await stored(9 * CHUNK + 77);
    const source = await openRemotePlaintext(options);
    // Parts of 3000 bytes cut across chunk boundaries, three at a time.
    const store = new FakeStore(3000);
    const newKey = await importFileKey(generateFileKeyBytes());
    await uploadFile({
      source, fileKey: newKey, chunkSize: CHUNK, api: store.api, putPart: store.putPart, parallelism: 3,
      seal: async () => ({ wrappedFileKey: new Uint8Array(61), encryptedMetadata: new Uint8Array(40) }),
    });
    const reencrypted = store.object();
    expect(reencrypted.length).toBe(ciphertext.length);
    expect(Buffer.from(reencrypted.subarray(10, 42)).equals(Buffer.from(ciphertext.subarray(10, 42)))).toBe(false); // a new salt
    expect(Buffer.from(await decryptFileBytes(newKey, reencrypted)).equals(Buffer.from(plaintext))).toBe(true);
    await expect(decryptFileBytes(options.fileKey, reencrypted)).rejects.toBeInstanceOf(IntegrityError);
  });
});
