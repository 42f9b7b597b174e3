import 'server-only';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { DbConnection } from './connect';

export const migrationsFolder = join(process.cwd(), 'lib/server/db/migrations');

export async function migrateDatabase(conn: DbConnection): Promise<void> {
  // Drizzle's migrator records applied migrations in drizzle.__drizzle_migrations
  // and runs each pending one in a transaction, so re-running is a no-op.
  if (conn.kind === 'pglite') {
    await migratePglite(conn.db as PgliteDatabase<Record<string, unknown>>, { migrationsFolder });
  } else {
    await migratePg(conn.db as NodePgDatabase<Record<string, unknown>>, { migrationsFolder });
  }
}

/** True when every migration in the journal has been applied. */
export async function isMigrated(conn: DbConnection): Promise<boolean> {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  try {
    const rows = await conn.query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
    return Number(rows[0]?.n ?? 0) >= journal.entries.length;
  } catch {
    return false;
  }
}
