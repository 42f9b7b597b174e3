import { chmodSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { postgresBinDir } from './system-deps';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * A throwaway PostgreSQL cluster on loopback for the integration suite.
 * initdb refuses to run as root, so as root the cluster belongs to the
 * "postgres" system user that Debian's package creates.
 */
export async function startPostgres(dir: string, port: number): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL is not installed');
  const data = join(dir, 'pgdata');
  const socket = join(dir, 'pgsock');
  mkdirSync(data, { recursive: true });
  mkdirSync(socket, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    const uid = Number(ids.stdout.trim());
    for (const d of [dir, data, socket]) chownSync(d, uid, Number(gid.stdout.trim()));
    chmodSync(dir, 0o755);
  }
  const runAs = (cmd: string, args: string[]) => {
    const full = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] as const : [cmd, args] as const;
    const out = spawnSync(full[0], [...full[1]], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`${cmd} failed: ${out.stderr || out.stdout}`);
  };
  // An existing cluster (npm run start:cluster keeps its data between runs) is started as it is.
  if (!existsSync(join(data, 'PG_VERSION'))) runAs(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  runAs(join(bin, 'pg_ctl'), [
    '-D', data, '-l', join(dir, 'postgres.log'), '-w', '-t', '60',
    '-o', `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      runAs(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
  };
}

/** The database `name` in that cluster, created on first use. */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: url });
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]).finally(() => client.end());
  if (found.rowCount) {
    const target = new URL(url);
    target.pathname = `/${name}`;
    return target.toString();
  }
  return createDatabase(url, name);
}

/** A fresh database in the same cluster (the e2e app's, so tests can dump it without touching the integration suite's). */
export async function createDatabase(url: string, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}
