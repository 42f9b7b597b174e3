// [Note: sweep lock] With two app servers on one PostgreSQL database both
// sweep; the advisory lock lets exactly one sweep run at a time and the other
// skip. Each "instance" here is its own connection pool, as in two processes.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { createUpload } from '@/lib/server/files/create-upload';
import { withSweepLock } from '@/lib/server/files/sweep-lock';
import { sweepOnce, type SweepOutcome } from '@/lib/server/files/sweeper';
import { appStore, testContext } from '../helpers/context';
import { createUser, depsFor, openMigratedDb, put } from '../helpers/files';
import { openDatabase } from '@/lib/server/db/connect';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const CHUNK = 256 * 1024;
const onPostgres = Boolean(process.env.DATABASE_URL);
let a: DbConnection;
let b: DbConnection;

beforeAll(async () => {
  a = await openMigratedDb('sweeper-lock');
  // The second instance: another pool on the same database (PGlite has one process, so the same handle).
  b = onPostgres ? await openDatabase({ databaseUrl: process.env.DATABASE_URL }) : a;
});
afterAll(async () => {
  s3.destroy();
  if (b !== a) await b.close();
  await a.close();
});

/** `count` pending single-PUT uploads whose objects are stored, made stale. */
async function staleUploads(count: number): Promise<string[]> {
  const user = await createUser(a);
  const deps = depsFor(a, store);
  const size = ciphertextSizeFromPlaintextSize(1000, CHUNK);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await createUpload(deps, user, { ciphertextSize: size, chunkSize: CHUNK });
    expect((await put(created.upload.parts[0]!.url, randomBytes(size), created.upload.parts[0]!.headers)).status).toBe(200);
    const [row] = await a.query(`SELECT object_key FROM files WHERE id = '${created.id}'`);
    keys.push(String(row!.object_key));
    await a.query(`UPDATE files SET updated_at = now() - interval '2 days' WHERE id = '${created.id}'`);
  }
  return keys;
}

async function stored(keys: string[]): Promise<number> {
  const found = await Promise.all(keys.map((k) => store.head(k).then(() => true, () => false)));
  return found.filter(Boolean).length;
}

describe('sweep lock', () => {
  it('a sweep on one instance makes a sweep on the other skip, touching nothing', async () => {
    const keys = await staleUploads(3);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let holding!: () => void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    // Instance A holds the lock for as long as its "sweep" runs.
    const first = withSweepLock(depsFor(a, store).db, async () => {
      holding();
      await gate;
    });
    await held;
    let second: SweepOutcome;
    try {
      second = await sweepOnce(depsFor(b, store), Date.now());
    } finally {
      release(); // also when the sweep throws, so A's lock and connection are given back
    }
    expect(second).toEqual({ ran: false });
    expect(await stored(keys)).toBe(keys.length);
    expect(await first).toMatchObject({ ran: true });
    // Once A is done, B sweeps normally. Another test file's sweep may hold the lock for a moment: retry.
    let after: SweepOutcome = { ran: false };
    for (let i = 0; i < 50 && !after.ran; i++) after = await sweepOnce(depsFor(b, store), Date.now());
    expect(after.ran).toBe(true);
    expect(await stored(keys)).toBe(0);
  });

  it('two concurrent sweeps: exactly one runs, every object deleted once, no errors', async () => {
    const keys = await staleUploads(20);
    for (let attempt = 0; attempt < 20; attempt++) {
      const outcomes = await Promise.all([sweepOnce(depsFor(a, store), Date.now()), sweepOnce(depsFor(b, store), Date.now())]);
      const ran = outcomes.filter((o) => o.ran);
      // Never both. Neither means a sweep of another test file held the lock: try again.
      expect(ran.length).toBeLessThanOrEqual(1);
      if (ran.length === 1) {
        expect(ran[0]).toMatchObject({ ran: true });
        expect((ran[0] as { uploads: number }).uploads).toBeGreaterThanOrEqual(keys.length);
        expect(await stored(keys)).toBe(0);
        const ids = keys.map((k) => `'${k}'`).join(',');
        expect(await a.query(`SELECT id FROM files WHERE object_key IN (${ids})`)).toEqual([]);
        return;
      }
    }
    throw new Error('no sweep ever ran');
  });
});
