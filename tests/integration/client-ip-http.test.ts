// The per-IP sign-in limit over real HTTP against `next start`: without
// TRUSTED_PROXIES a client cannot escape it by sending a new X-Forwarded-For
// each time (Next keeps a client's header as it is; the socket address comes
// from [Note: peer address]); with TRUSTED_PROXIES=1 the forwarded client is
// the key, and prepending entries does not change it.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { IP_LIMIT } from '@/lib/server/auth/rate-limit';
import { startNext, type RunningApp } from '../../scripts/lib/next-app';
import { freePort } from '../../scripts/lib/proc';
import { testContext } from '../helpers/context';

async function database(tag: string): Promise<Record<string, string>> {
  if (process.env.DATABASE_URL) return { DATABASE_URL: process.env.DATABASE_URL };
  const pgliteDir = join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), `${tag}-`)), 'db');
  const conn = await openDatabase({ pgliteDir });
  await migrateDatabase(conn);
  await conn.close();
  return { PGLITE_DIR: pgliteDir };
}

async function app(tag: string, extra: Record<string, string>): Promise<RunningApp & { base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const running = await startNext({
    port, host: '127.0.0.1', output: 'ignore',
    env: { ...process.env, DATABASE_URL: undefined, ...testContext().appEnv, ...(await database(tag)), ...extra, NODE_ENV: 'production', NEXTAUTH_URL: base },
  });
  return { ...running, base };
}

let direct: RunningApp & { base: string };
let proxied: RunningApp & { base: string };

beforeAll(async () => {
  await opaque.ready;
  if (process.env.DATABASE_URL) {
    const conn = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await migrateDatabase(conn);
    await conn.close();
  }
  direct = await app('direct', {});
  proxied = await app('proxied', { TRUSTED_PROXIES: '1' });
});

afterAll(async () => {
  await direct?.stop();
  await proxied?.stop();
  // On the shared PostgreSQL database, give loopback its sign-in budget back for later test files.
  if (process.env.DATABASE_URL) {
    const conn = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await conn.query("DELETE FROM rate_limits WHERE key = 'ip:127.0.0.1'");
    await conn.close();
  }
});

let n = 0;
async function loginStart(base: string, forwardedFor: string): Promise<number> {
  const response = await fetch(`${base}/api/login/start`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': forwardedFor },
    // A new email each time, so only the per-IP limit can answer 429.
    body: JSON.stringify({ email: `ip-${Date.now()}-${++n}@example.com`, startLoginRequest: opaque.client.startLogin({ password: 'x' }).startLoginRequest }),
  });
  await response.body?.cancel();
  return response.status;
}

describe('client address over HTTP', () => {
  it('without TRUSTED_PROXIES, rotating X-Forwarded-For does not escape the per-IP limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= IP_LIMIT.max; i++) statuses.push(await loginStart(direct.base, `192.0.2.${i % 250}, 10.${i}.0.1`));
    expect(statuses.at(-1)).toBe(429);
  });

  it('with TRUSTED_PROXIES=1 the forwarded client is the key, whatever it prepends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= IP_LIMIT.max; i++) statuses.push(await loginStart(proxied.base, `10.9.${i % 250}.1, 203.0.113.50`));
    expect(statuses.slice(0, IP_LIMIT.max).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another client behind the same proxy is not affected.
    expect(await loginStart(proxied.base, '203.0.113.51')).toBe(200);
  });
});
