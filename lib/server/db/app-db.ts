import 'server-only';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { getDatabase } from './db';
import type * as schema from './schema';

/**
 * The query builder both drivers share. Database (connect.ts) is a union of
 * the two driver types, on which methods like transaction() are not callable;
 * lib code takes this common supertype instead, so tests can pass any driver.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export function asDb(db: unknown): Db {
  return db as Db;
}

export async function appDb(): Promise<Db> {
  return asDb((await getDatabase()).db);
}
