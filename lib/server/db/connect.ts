import 'server-only';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import * as schema from './schema';

export type DbKind = 'pglite' | 'postgres';

export interface DbTarget {
  databaseUrl?: string;
  pgliteDir?: string;
}

// Both drivers expose the same query builder; the union only matters to the
// migrator, which needs the driver-specific entry point.
export type Database = ReturnType<typeof drizzlePglite<typeof schema>> | ReturnType<typeof drizzlePg<typeof schema>>;

export interface DbConnection {
  kind: DbKind;
  db: Database;
  /** Runs a raw SQL statement; used by health checks and tests. */
  query(sql: string): Promise<Array<Record<string, unknown>>>;
  close(): Promise<void>;
}

/**
 * Opens the database: a real PostgreSQL when DATABASE_URL is set, otherwise
 * PGlite in a directory. PGlite is single-process, so exactly one process may
 * hold a given directory at a time (the launcher migrates, closes, then
 * starts the app).
 */
export async function openDatabase(target: DbTarget): Promise<DbConnection> {
  if (target.databaseUrl) {
    const pool = new Pool({ connectionString: target.databaseUrl, max: 10, connectionTimeoutMillis: 5_000 });
    // An idle client that loses its server emits 'error'; without a listener
    // that would crash the process instead of failing the next query.
    pool.on('error', () => {});
    return {
      kind: 'postgres',
      db: drizzlePg(pool, { schema }),
      query: async (sql) => (await pool.query(sql)).rows as Array<Record<string, unknown>>,
      close: () => pool.end(),
    };
  }
  if (!target.pgliteDir) throw new Error('no database configured: set DATABASE_URL or PGLITE_DIR');
  const client = await PGlite.create(target.pgliteDir);
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }),
    query: async (sql) => (await client.query<Record<string, unknown>>(sql)).rows,
    close: () => client.close(),
  };
}
