// The zip that zip-stream makes from really encrypted files, read back by the
// system's unzip (Info-ZIP): it must test clean and give back every file
// byte for byte under the planned path. A damaged file stops the zip with an
// error naming it, and nothing after it is fetched.
import { execFileSync } from 'node:child_process';
import { closeSync, createWriteStream, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeZip, predictLength } from 'client-zip';
import type { ZipPlanEntry } from '@/lib/client/files/zip/zip-paths';
import { ZipEntryError, ZipTooManyEntriesError, zipLength, zipStream } from '@/lib/client/files/zip/zip-stream';
import { collect, MemoryVault, randomPlaintext } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'twofold-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const when = new Date(Date.UTC(2026, 0, 2, 3, 4, 6));

async function fixture() {
  const vault = new MemoryVault();
  const contents = new Map<string, Uint8Array>([
    ['top.bin', randomPlaintext(5000)],
    ['Folder/inner ünïcode.txt', new TextEncoder().encode('hello from inside\n')],
    ['Folder/Sub/empty.bin', new Uint8Array(0)],
    ['Folder/Sub/big.bin', randomPlaintext(300_001)],
  ]);
  const entries: ZipPlanEntry[] = [{ kind: 'folder', path: 'Folder/', lastModified: when }, { kind: 'folder', path: 'Folder/Sub/', lastModified: when }, { kind: 'folder', path: 'Folder/Nothing/', lastModified: when }];
  let n = 0;
  for (const [path, bytes] of contents) entries.push({ kind: 'file', path, lastModified: when, file: await vault.add(`id-${n++}`, path, bytes) });
  return { vault, contents, entries };
}

function writeZip(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('zipStream', () => {
  it('makes a zip that unzip tests clean, with the planned paths and byte-identical contents; its length is predicted exactly', async () => {
    const { vault, contents, entries } = await fixture();
    let plaintext = 0;
    const run = zipStream(entries, { api: vault.api, fetch: vault.fetch, onPlaintext: (n) => (plaintext += n) });
    const zip = await collect(run.stream);
    expect(zip.length).toBe(zipLength(entries));
    expect(plaintext).toBe([...contents.values()].reduce((s, b) => s + b.length, 0));
    const file = writeZip('ok.zip', zip);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(/No errors detected/);
    const listing = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(['Folder/', 'Folder/Sub/', 'Folder/Nothing/', ...contents.keys()]);
    for (const [path, bytes] of contents) {
      const out = execFileSync('unzip', ['-p', file, path.replace(/[[\]*?]/g, '\\$&')], { maxBuffer: 1 << 24 });
      expect(Buffer.compare(out, Buffer.from(bytes)), path).toBe(0);
    }
    expect(run.failure()).toBeUndefined();
  });

  it('fetches lazily: nothing before the stream is read, then one file at a time', async () => {
    const { vault, entries } = await fixture();
    const run = zipStream(entries, { api: vault.api, fetch: vault.fetch });
    await new Promise((r) => setTimeout(r, 50));
    expect(vault.fetches).toBe(0);
    const reader = run.stream.getReader();
    await reader.read();
    expect(vault.fetches).toBeLessThanOrEqual(1);
    // client-zip hands the reason back to the generator, so cancel() rejects with it.
    await reader.cancel(new Error('stop')).catch(() => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(vault.fetches).toBeLessThanOrEqual(1);
  });

  it('a tampered file errors the zip with a message naming it; the files after it are never fetched', async () => {
    const { vault, entries } = await fixture();
    const object = vault.objects.get('id-1')!;
    object[object.length - 5]! ^= 0x01;
    const run = zipStream(entries, { api: vault.api, fetch: vault.fetch });
    const error = await collect(run.stream).then(() => undefined, (e: unknown) => e);
    expect(error).toBeDefined();
    await run.settled();
    const failure = run.failure();
    expect(failure).toBeInstanceOf(ZipEntryError);
    expect(failure!.message).toContain('“Folder/inner ünïcode.txt” was altered or damaged');
    expect(failure!.message).toContain('nothing was saved');
    expect(vault.fetches).toBe(2);
  });

  it('a file whose metadata size disagrees with its ciphertext is refused as damaged', async () => {
    const { vault, entries } = await fixture();
    const first = entries.find((e) => e.kind === 'file')!;
    if (first.kind !== 'file') throw new Error('fixture');
    first.file = { ...first.file, metadata: { ...first.file.metadata, size: first.file.plaintextSize + 1 } };
    const run = zipStream(entries, { api: vault.api, fetch: vault.fetch });
    await expect(collect(run.stream)).rejects.toBeDefined();
    await run.settled();
    expect(run.failure()?.message).toContain('“top.bin” was altered or damaged');
    expect(vault.fetches).toBe(0);
  });
});

describe('ZIP64 arithmetic (predictLength)', () => {
  // The same records client-zip writes (APPNOTE 4.3.9, 4.5.3, 4.3.14–15): a
  // small entry costs 30 + 16 (data descriptor) + 46 bytes plus its name twice, and 22 for the end record.
  it('a small entry: local header + data descriptor + central header + end record', () => {
    expect(Number(predictLength([{ name: 'a', size: 10 }]))).toBe(30 + 1 + 10 + 16 + 46 + 1 + 22);
  });

  // A real zip past 4 GiB, from the library and options zipStream uses, read back by Info-ZIP. The entry is
  // 4 GiB + 1 MiB of one reused buffer, so memory stays flat; the file on disk is removed afterwards.
  it('a 4 GiB + 1 MiB entry is written with ZIP64 records that unzip tests clean, at the predicted length', async () => {
    const MiB = 1 << 20;
    const parts = 4097;
    const zero = new Uint8Array(MiB);
    let sent = 0;
    const input = new ReadableStream<Uint8Array>({ pull: (c) => (sent++ < parts ? c.enqueue(zero) : c.close()) });
    const entries = [{ name: 'big.bin', size: parts * MiB, input, lastModified: when }, { name: 'after.txt', input: new TextEncoder().encode('after\n'), lastModified: when }];
    const path = join(dir, 'big.zip');
    await makeZip(entries, { buffersAreUTF8: true }).pipeTo(Writable.toWeb(createWriteStream(path)));
    try {
      const size = statSync(path).size;
      expect(size).toBe(Number(predictLength(entries.map(({ name, size }) => ({ name, size: size ?? 6 })))));
      const tail = Buffer.alloc(200);
      const fd = openSync(path, 'r');
      readSync(fd, tail, 0, tail.length, size - tail.length);
      closeSync(fd);
      // APPNOTE 4.3.14 and 4.3.15: the ZIP64 end of central directory record and its locator.
      expect(tail.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBeGreaterThanOrEqual(0);
      expect(tail.indexOf(Buffer.from([0x50, 0x4b, 0x06, 0x07]))).toBeGreaterThanOrEqual(0);
      expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(execFileSync('unzip', ['-Z', '-l', path], { encoding: 'utf8' })).toContain(String(parts * MiB));
    } finally {
      rmSync(path, { force: true });
    }
  }, 300_000);

  it('more than 65,535 entries are refused before anything is fetched, with a message saying what to do', () => {
    const entries: ZipPlanEntry[] = Array.from({ length: 65_536 }, (_, i) => ({ kind: 'folder', path: `d${i}/`, lastModified: when }));
    expect(() => zipLength(entries)).toThrow(ZipTooManyEntriesError);
    expect(() => zipLength(entries)).toThrow('Download it in smaller parts');
    expect(zipLength(entries.slice(1))).toBeGreaterThan(0);
  });

  it('an entry past 4 GiB adds the zip64 extra field, the bigger descriptor and the zip64 end records', () => {
    const big = 2 ** 32 + 5;
    const small = Number(predictLength([{ name: 'a', size: 10 }])) - 10;
    const zip64 = Number(predictLength([{ name: 'a', size: big }])) - big;
    // data descriptor 16 → 24, central extra field (28), zip64 end record (56) and locator (20).
    expect(zip64 - small).toBe(8 + 28 + 56 + 20);
  });
});
