import 'server-only';
import { getServerEnv } from '../env';
import { openDatabase, type DbConnection } from './connect';

// Kept on globalThis so that dev-mode module reloading does not open a second
// PGlite on the same directory (PGlite is single-process).
const holder = globalThis as typeof globalThis & { __twofoldDb?: Promise<DbConnection> };

/** The process-wide database connection, opened on first use. */
export function getDatabase(): Promise<DbConnection> {
  if (!holder.__twofoldDb) {
    const env = getServerEnv();
    holder.__twofoldDb = openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR }).catch((error) => {
      holder.__twofoldDb = undefined;
      throw error;
    });
  }
  return holder.__twofoldDb;
}
