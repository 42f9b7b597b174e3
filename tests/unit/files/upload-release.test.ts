// PartEncryptor.release ([Note: OPFS staging]): every encrypted part is
// released exactly once, only after its PUT has settled, whether the PUT
// succeeded, failed or was cancelled; and staged parts, like parts in
// memory, never number more than `parallelism`. Plus the sweep's rule for
// which staging directories belong to no living page.
import { describe, expect, it } from 'vitest';
import { orphanedStagingDirs, stagingLockName } from '@/lib/client/files/upload/opfs-staging';
import { inThreadPartEncryptor, type FilePartResult, type PartEncryptor } from '@/lib/client/files/upload/part-encryptor';
import type { PutPart } from '@/lib/client/files/upload/s3-put';
import { uploadFile, type UploadOptions } from '@/lib/client/files/upload/upload-engine';
import { generateFileKeyBytes, importFileKey } from '@/lib/crypto/file-key';
import { FakeStore, FILE_ID } from './fake-store';

const CHUNK = 1024;
const PART = 3000;

/** Records, per part, when it was encrypted, when its PUT settled and when it was released. */
function tracked(store: FakeStore) {
  const events: string[] = [];
  let staged = 0;
  let worstStaged = 0;
  const encryptor: PartEncryptor = {
    ...inThreadPartEncryptor,
    encrypt: async (request) => {
      const result = await inThreadPartEncryptor.encrypt(request);
      const n = request.byteStart / PART + 1;
      events.push(`encrypted ${n}`);
      worstStaged = Math.max(worstStaged, ++staged);
      return result.ok ? { ...result, staged: `part-${n}` } : result;
    },
    release: async (result: FilePartResult) => {
      await new Promise((r) => setTimeout(r, 1)); // an asynchronous delete, as OPFS's is
      staged--;
      events.push(`released ${result.ok ? result.staged!.slice(5) : '?'}`);
    },
  };
  const putPart: PutPart = async (part, ...rest) => {
    try {
      return await store.putPart(part, ...rest);
    } finally {
      events.push(`settled ${part.partNumber}`);
    }
  };
  return { events, encryptor, putPart, worst: () => worstStaged, staged: () => staged };
}

async function options(store: FakeStore, size: number, extra: Partial<UploadOptions>): Promise<UploadOptions> {
  return {
    source: new Blob([new Uint8Array(size).fill(7)]),
    fileKey: await importFileKey(generateFileKeyBytes()),
    api: store.api,
    seal: async () => ({ wrappedFileKey: new Uint8Array(61), encryptedMetadata: new Uint8Array(40) }),
    chunkSize: CHUNK,
    retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
    random: () => 1,
    ...extra,
  };
}

/** Each encrypted part is released once, and after the last settling of its PUT (retries included). */
function expectReleasedAfterPut(events: string[]): void {
  const encrypted = events.filter((e) => e.startsWith('encrypted ')).map((e) => e.slice(10));
  expect(encrypted.length).toBeGreaterThan(0);
  for (const n of encrypted) {
    expect(events.filter((e) => e === `released ${n}`)).toHaveLength(1);
    expect(events.indexOf(`released ${n}`)).toBeGreaterThan(events.lastIndexOf(`settled ${n}`));
  }
}

describe('PartEncryptor.release', () => {
  it('releases every part after its PUT, with at most `parallelism` unreleased at once', async () => {
    const store = new FakeStore(PART, 1);
    store.script.set(2, [503]); // a retried part is released after its last try only
    store.onPut = () => new Promise((r) => setTimeout(r, 3));
    const t = tracked(store);
    await uploadFile(await options(store, 20_000, { parallelism: 2, encryptor: t.encryptor, putPart: t.putPart }));
    expectReleasedAfterPut(t.events);
    expect(t.events.filter((e) => e.startsWith('released'))).toHaveLength(store.partCount());
    expect(t.worst()).toBe(2);
    expect(t.staged()).toBe(0);
  });

  it('releases a part whose PUT failed, and the others that were stopped with it', async () => {
    const store = new FakeStore(PART);
    store.script.set(2, [400]);
    const t = tracked(store);
    await expect(uploadFile(await options(store, 20_000, { parallelism: 2, encryptor: t.encryptor, putPart: t.putPart }))).rejects.toThrow(/HTTP 400/);
    expectReleasedAfterPut(t.events);
    expect(t.events).toContain('released 2');
    expect(t.staged()).toBe(0);
  });

  it('releases parts cancelled mid-PUT', async () => {
    const store = new FakeStore(PART);
    const controller = new AbortController();
    let started = 0;
    store.onPut = (_, signal) => new Promise<void>((resolve) => {
      signal.addEventListener('abort', () => resolve());
      if (++started === 2) controller.abort();
    });
    const t = tracked(store);
    const error = await uploadFile(await options(store, 20_000, { parallelism: 2, encryptor: t.encryptor, putPart: t.putPart, signal: controller.signal })).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe('AbortError');
    expect(store.removed).toEqual([FILE_ID]);
    expectReleasedAfterPut(t.events);
    expect(t.staged()).toBe(0);
  });
});

describe('orphanedStagingDirs', () => {
  it('sweeps directories whose lock nobody holds, never this page’s own', () => {
    const held = [stagingLockName('live'), 'some-other-lock', undefined];
    expect(orphanedStagingDirs(['live', 'dead', 'mine', 'also-dead'], held, 'mine')).toEqual(['dead', 'also-dead']);
  });

  it('does not take a lock of another name for a staging directory’s', () => {
    // A lock named like the directory but without the staging prefix does not keep it.
    expect(orphanedStagingDirs(['a'], ['a'], 'mine')).toEqual(['a']);
  });
});
