// The database half of a backup: PGlite's data directory as PGlite itself
// dumps it, or pg_dump's custom format for a PostgreSQL server.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export const PGLITE_DUMP = 'database/pglite-datadir.tar.gz';
export const POSTGRES_DUMP = 'database/postgres.dump';

/**
 * PGlite is single-process and keeps postmaster.pid in its directory while it
 * is open. Opening it a second time beside a running `npm start` would mean
 * two PostgreSQL instances writing one data directory, so backup refuses.
 */
export function assertPgliteClosed(dir: string): void {
  if (existsSync(join(dir, 'postmaster.pid'))) {
    throw new Error(
      `${dir} is open (postmaster.pid exists): stop \`npm start\` first. If nothing is running, a crash left the lock; ` +
        'start and stop Twofold once to clear it.',
    );
  }
}

/**
 * dumpDataDir is a consistent copy: PGlite serves one connection, which is
 * ours, so no transaction is in flight while it tars the directory.
 */
export async function dumpPglite(dir: string, out: string): Promise<void> {
  assertPgliteClosed(dir);
  if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`${dir} holds no database`);
  const db = await PGlite.create(dir);
  try {
    const tar = await db.dumpDataDir('gzip');
    writeFileSync(out, Buffer.from(await tar.arrayBuffer()), { mode: 0o600, flag: 'wx' });
  } finally {
    await db.close();
  }
}

export async function restorePglite(dump: string, dir: string): Promise<void> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const db = await PGlite.create(dir, { loadDataDir: new Blob([readFileSync(dump)]) });
  await db.close();
}

/**
 * libpq reads the password from PGPASSWORD, so it never appears in argv
 * (where `ps` shows it) or in our logs.
 */
function libpqArgs(url: string): { dbArg: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbArg: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function runTool(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e) => reject(new Error(`${cmd} could not run (install Debian's postgresql-client): ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed: ${stderr.trim() || `exit ${code}`}`))));
  });
}

/** pg_dump takes one MVCC snapshot, so the dump is consistent while the app keeps running. */
export async function dumpPostgres(url: string, out: string): Promise<void> {
  const { dbArg, env } = libpqArgs(url);
  await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${out}`, `--dbname=${dbArg}`], env);
}

/** Refuses a database that already has tables: restore never merges into live data. */
export async function assertPostgresEmpty(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      "select count(*)::text as n from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
    );
    if (Number(rows[0]?.n ?? 0) > 0) throw new Error(`the database at DATABASE_URL already has ${rows[0]!.n} tables: restore needs an empty database`);
  } finally {
    await client.end();
  }
}

export async function restorePostgres(dump: string, url: string): Promise<void> {
  const { dbArg, env } = libpqArgs(url);
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbArg}`, dump], env);
}
