// The vault page's non-React logic: client-side sort and filter over
// decrypted names, the upload queue's bookkeeping, and human formats.
import { describe, expect, it } from 'vitest';
import { sortAndFilter, type VaultFile } from '@/lib/client/files/file-list';
import { formatBytes, formatDuration } from '@/lib/client/files/format';
import { overallProgress, unfinishedCount, UploadQueue, type Start, type UploadItem } from '@/lib/client/files/upload/upload-queue';
import type { FileJson } from '@/lib/shared/files';
import { UploadInterruptedError } from '@/lib/client/files/upload/upload-errors';

const file = (id: string, name: string, size: number, createdAt: string): VaultFile => ({
  id, fileKey: {} as CryptoKey, metadata: { name, type: '', size, mtime: 0 }, ciphertextSize: size + 90, chunkSize: 262_144,
  plaintextSize: size, createdAt, folderId: null, parent: { kind: 'root', rootKey: {} as CryptoKey, ownerId: 'u' }, wrappedFileKey: new Uint8Array(61), trashedAt: null,
});

describe('sortAndFilter', () => {
  const files = [
    file('a', 'report 10.pdf', 300, '2026-01-03T00:00:00.000Z'),
    file('b', 'Report 2.pdf', 100, '2026-01-01T00:00:00.000Z'),
    file('c', 'zebra.png', 200, '2026-01-02T00:00:00.000Z'),
  ];
  const names = (list: VaultFile[]) => list.map((f) => f.metadata.name);

  it('sorts names naturally and case-insensitively, both ways', () => {
    expect(names(sortAndFilter(files, '', 'name', 'asc'))).toEqual(['Report 2.pdf', 'report 10.pdf', 'zebra.png']);
    expect(names(sortAndFilter(files, '', 'name', 'desc'))).toEqual(['zebra.png', 'report 10.pdf', 'Report 2.pdf']);
  });
  it('sorts by size and date', () => {
    expect(names(sortAndFilter(files, '', 'size', 'desc'))[0]).toBe('report 10.pdf');
    expect(names(sortAndFilter(files, '', 'date', 'asc'))).toEqual(['Report 2.pdf', 'zebra.png', 'report 10.pdf']);
  });
  it('filters by a case-insensitive substring and does not mutate its input', () => {
    expect(names(sortAndFilter(files, '  REPORT ', 'name', 'asc'))).toEqual(['Report 2.pdf', 'report 10.pdf']);
    expect(names(files)).toEqual(['report 10.pdf', 'Report 2.pdf', 'zebra.png']);
  });
});

describe('overallProgress', () => {
  it('sums bytes and speed of live items and ignores cancelled and failed ones', () => {
    const items: UploadItem[] = [
      { key: '1', name: 'a', size: 100, status: 'done', progress: { doneBytes: 110, totalBytes: 110, bytesPerSecond: 0, etaSeconds: 0 } },
      { key: '2', name: 'b', size: 200, status: 'uploading', progress: { doneBytes: 50, totalBytes: 210, bytesPerSecond: 10, etaSeconds: 16 } },
      { key: '3', name: 'c', size: 999, status: 'cancelled', progress: null },
      { key: '4', name: 'd', size: 40, status: 'queued', progress: null },
    ];
    expect(overallProgress(items)).toEqual({ doneBytes: 160, totalBytes: 360, bytesPerSecond: 10, etaSeconds: 20, active: 2 });
    // What the leave warning and the locked screen count: only the queued and the running one.
    expect(unfinishedCount(items)).toBe(2);
    expect(unfinishedCount(items.filter((i) => i.status !== 'uploading' && i.status !== 'queued'))).toBe(0);
  });
});

describe('UploadQueue', () => {
  it('runs at most two files at once, cancels queued and running ones, and reports uploads', async () => {
    const started: string[] = [];
    const resolvers = new Map<string, () => void>();
    const uploaded: string[] = [];
    const start: Start = (f, options) => {
      started.push(f.name);
      return new Promise<FileJson>((resolve, reject) => {
        resolvers.set(f.name, () => resolve({ id: f.name } as FileJson));
        options.signal?.addEventListener('abort', () => reject(options.signal!.reason));
      });
    };
    const queue = new UploadQueue();
    queue.onUploaded((row) => uploaded.push(row.id));
    queue.add(['a', 'b', 'c', 'd'].map((n) => new File([n], n)), start);
    expect(started).toEqual(['a', 'b']);
    queue.cancel(queue.snapshot()[3]!.key); // d, still queued
    queue.cancel(queue.snapshot()[1]!.key); // b, running
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a', 'b', 'c']);
    resolvers.get('a')!();
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.snapshot().map((i) => i.status)).toEqual(['done', 'cancelled', 'uploading', 'cancelled']);
    expect(uploaded).toEqual(['a']);
    queue.clearFinished();
    expect(queue.snapshot().map((i) => i.name)).toEqual(['c']);
    queue.dispose();
  });

  // Lock unmounts the vault page and so unsubscribes it; the upload must not notice.
  it('keeps running with no page subscribed, and tells a page that subscribes later of what finishes', async () => {
    let finish: () => void = () => {};
    let aborted = false;
    const queue = new UploadQueue();
    const unsubscribe = queue.subscribe(() => {});
    const early: string[] = [];
    const stopEarly = queue.onUploaded((row) => early.push(row.id));
    queue.add([new File(['x'], 'x')], (f, options) => new Promise<FileJson>((resolve) => {
      finish = () => resolve({ id: f.name } as FileJson);
      options.signal?.addEventListener('abort', () => (aborted = true));
    }));
    unsubscribe();
    stopEarly();
    const late: string[] = [];
    queue.onUploaded((row) => late.push(row.id));
    finish();
    await new Promise((r) => setTimeout(r, 0));
    expect(aborted).toBe(false);
    expect(queue.snapshot().map((i) => i.status)).toEqual(['done']);
    expect(early).toEqual([]);
    expect(late).toEqual(['x']);
    queue.dispose();
  });

  it('marks a running upload cancelled at once, before its transfer winds down', () => {
    const queue = new UploadQueue();
    queue.add([new File(['x'], 'x')], () => new Promise<FileJson>(() => {})); // never settles, even when aborted
    queue.cancel(queue.snapshot()[0]!.key);
    expect(queue.snapshot()[0]!.status).toBe('cancelled');
    queue.dispose();
  });

  it('retries a failed upload with the same file, continuing the pending upload an interruption kept', async () => {
    const calls: Array<{ name: string; resumeId?: string }> = [];
    const queue = new UploadQueue();
    queue.add([new File(['a'], 'a'), new File(['b'], 'b')], (f, options) => {
      calls.push({ name: f.name, resumeId: options.resumeId });
      if (calls.length === 1) {
        const error = new UploadInterruptedError('the store did not answer');
        error.uploadId = 'pending-a';
        return Promise.reject(error);
      }
      if (calls.length === 2) return Promise.reject(new Error('HTTP 400'));
      return Promise.resolve({ id: f.name } as FileJson);
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(queue.snapshot().map((i) => [i.status, i.retryable])).toEqual([['failed', true], ['failed', true]]);
    for (const item of queue.snapshot()) queue.retry(item.key);
    await new Promise((r) => setTimeout(r, 0));
    // The interrupted one continues its pending upload; the refused one starts over.
    expect(calls.slice(2)).toEqual([{ name: 'a', resumeId: 'pending-a' }, { name: 'b', resumeId: undefined }]);
    expect(queue.snapshot().map((i) => i.status)).toEqual(['done', 'done']);
    queue.dispose();
  });
});

describe('formats', () => {
  it('formats sizes and time left', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(40 * 1024 ** 2)).toBe('40 MiB');
    expect(formatDuration(null)).toBe('estimating…');
    expect(formatDuration(75)).toBe('1 min 15 s left');
  });
});
