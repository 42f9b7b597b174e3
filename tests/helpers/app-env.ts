// The app's own configuration for route tests: getServerEnv, getDatabase and
// getObjectStore read process.env, so a test file points it at the test stack
// and a fresh database of the suite's kind, and restores it afterwards so
// later files in the same worker do not inherit it.
import type { DbConnection } from '@/lib/server/db/connect';
import { getDatabase } from '@/lib/server/db/db';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { resetServerEnvForTests } from '@/lib/server/env';
import { testContext } from './context';
import { testDbTarget } from './files';

let saved: NodeJS.ProcessEnv | undefined;

/** Call in beforeAll: the app's env plus `extra`, a new migrated database; returns its connection. */
export async function useAppEnv(prefix: string, extra: Record<string, string> = {}): Promise<DbConnection> {
  saved = { ...process.env };
  const target = testDbTarget(prefix);
  Object.assign(process.env, testContext().appEnv, extra);
  if (target.pgliteDir) process.env.PGLITE_DIR = target.pgliteDir;
  resetServerEnvForTests();
  const conn = await getDatabase();
  await migrateDatabase(conn);
  return conn;
}

/** Call in afterAll: closes the app's database and puts process.env back as it was. */
export async function restoreAppEnv(): Promise<void> {
  await (await getDatabase()).close();
  if (saved) {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  resetServerEnvForTests();
}
