// The database runs for real: PGlite on disk by default, PostgreSQL when
// DATABASE_URL is set (npm test runs this file once for each).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DbTarget } from '@/lib/server/db/connect';
import { isMigrated, migrateDatabase } from '@/lib/server/db/migrate';
import { instance } from '@/lib/server/db/schema';

const target: DbTarget = process.env.DATABASE_URL
  ? { databaseUrl: process.env.DATABASE_URL }
  : { pgliteDir: join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'db-')), 'db') };

describe(`database (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('migrates, migrating again is a no-op, and rows survive a reconnect', async () => {
    const first = await openDatabase(target);
    expect(first.kind).toBe(process.env.DATABASE_URL ? 'postgres' : 'pglite');
    await migrateDatabase(first);
    await migrateDatabase(first);
    expect(await isMigrated(first)).toBe(true);
    const key = `test-${Date.now()}`;
    await first.db.insert(instance).values({ key, value: 'kept' });
    await first.close();

    const second = await openDatabase(target);
    await migrateDatabase(second);
    const rows = await second.db.select().from(instance).where(eq(instance.key, key));
    expect(rows.map((r) => r.value)).toEqual(['kept']);
    await second.close();
  });

  it('reports an unmigrated database as such', async () => {
    let fresh: DbTarget = { pgliteDir: join(mkdtempSync(join(tmpdir(), 'db-')), 'db') };
    if (process.env.DATABASE_URL) {
      // A brand-new database on the same server: nothing has migrated it.
      const name = `fresh_${Date.now()}`;
      const admin = await openDatabase(target);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.close();
      const url = new URL(process.env.DATABASE_URL);
      url.pathname = `/${name}`;
      fresh = { databaseUrl: url.toString() };
    }
    const conn = await openDatabase(fresh);
    expect(await isMigrated(conn)).toBe(false);
    await migrateDatabase(conn);
    expect(await isMigrated(conn)).toBe(true);
    await conn.close();
  });
});
