// The zip that zip-stream makes from really encrypted files, read back by the
// system's unzip (Info-ZIP): it must test clean and give back every file
// byte for byte under the planned path. A damaged file stops the zip with an
// error naming it, and nothing after it is fetched.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { predictLength } from 'client-zip';
import type { ZipPlanEntry } from '@/lib/client/files/zip/zip-paths';
import { ZipEntryError, zipLength, zipStream } from '@/lib/client/files/zip/zip-stream';
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

  it('an entry past 4 GiB adds the zip64 extra field, the bigger descriptor and the zip64 end records', () => {
    const big = 2 ** 32 + 5;
    const small = Number(predictLength([{ name: 'a', size: 10 }])) - 10;
    const zip64 = Number(predictLength([{ name: 'a', size: big }])) - big;
    // data descriptor 16 → 24, central extra field (28), zip64 end record (56) and locator (20).
    expect(zip64 - small).toBe(8 + 28 + 56 + 20);
  });
});
