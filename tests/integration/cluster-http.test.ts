// Two app servers (`next start`, the production build) on one PostgreSQL
// database with the same secrets, as `npm run start:cluster` runs them:
// login state, sessions and rate limits live in the database, so a login
// begun on A finishes on B, a sign-out on A ends the session on B, and the
// per-IP limit counts requests to both. Plus draining: SIGTERM lets an
// in-flight request finish with its real answer while new connections are
// refused. The two-instance part needs PostgreSQL (PGlite is one process).
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { IP_LIMIT } from '@/lib/server/auth/rate-limit';
import { startNext, type RunningApp } from '../../scripts/lib/next-app';
import { freePort, waitFor } from '../../scripts/lib/proc';
import { clientFinishLogin, clientSignUp } from '../helpers/account-client';
import { testContext } from '../helpers/context';

const onPostgres = Boolean(process.env.DATABASE_URL);
type App = RunningApp & { base: string; port: number };

async function database(tag: string): Promise<Record<string, string>> {
  if (onPostgres) {
    const conn = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await migrateDatabase(conn);
    await conn.close();
    return { DATABASE_URL: process.env.DATABASE_URL! };
  }
  const pgliteDir = join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), `${tag}-`)), 'db');
  const conn = await openDatabase({ pgliteDir });
  await migrateDatabase(conn);
  await conn.close();
  return { PGLITE_DIR: pgliteDir };
}

/** An app server; `origin` is the one public origin all instances share (the balancer's). */
async function app(db: Record<string, string>, origin?: string): Promise<App> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const running = await startNext({
    port, host: '127.0.0.1', output: 'ignore',
    env: { ...process.env, DATABASE_URL: undefined, ...testContext().appEnv, ...db, NODE_ENV: 'production', NEXTAUTH_URL: origin ?? base, TRUSTED_PROXIES: '1' },
  });
  return { ...running, base, port };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined };
}

async function signUp(base: string, email: string, password: string): Promise<void> {
  const signup = await clientSignUp(password, async (registrationRequest) => (await call(base, 'POST', '/api/register/start', { email, registrationRequest })).body as never);
  expect((await call(base, 'POST', '/api/register/finish', signup.finish)).status).toBe(200);
}

/** OPAQUE's first step on `startOn`, next-auth's callback (the second step) on `finishOn`; returns the session cookie. */
async function signIn(startOn: string, finishOn: string, email: string, password: string): Promise<string> {
  const start = opaque.client.startLogin({ password });
  const started = await call(startOn, 'POST', '/api/login/start', { email, startLoginRequest: start.startLoginRequest });
  expect(started.status).toBe(200);
  const { loginId, loginResponse } = started.body as { loginId: string; loginResponse: string };
  const finished = clientFinishLogin(start.clientLoginState, loginResponse, password);
  const csrf = await fetch(`${finishOn}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${finishOn}/api/auth/callback/opaque`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, loginId, finishLoginRequest: finished!.finishLoginRequest, json: 'true' }),
  });
  const cookie = cookiesOf(callback);
  expect(cookie).toContain('next-auth.session-token=');
  return cookie;
}

const email = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

beforeAll(async () => {
  await opaque.ready;
});

describe.skipIf(!onPostgres)('two app servers on one database', () => {
  let a: App;
  let b: App;
  const client = '198.51.100.77'; // this file's own client address, so no other file's limit interferes
  beforeAll(async () => {
    const db = await database('cluster');
    a = await app(db);
    b = await app(db, a.base);
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    const conn = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await conn.query(`DELETE FROM rate_limits WHERE key LIKE '%${client}%'`);
    await conn.close();
  });

  it('a login started on A finishes on B, and the session works on both', async () => {
    const user = email('cluster-login');
    await signUp(a.base, user, 'cluster password 1');
    const cookie = await signIn(a.base, b.base, user, 'cluster password 1');
    for (const base of [a.base, b.base]) expect((await call(base, 'GET', '/api/account', undefined, { Cookie: cookie })).status).toBe(200);
  });

  it('a sign-out on A ends the session on B', async () => {
    const user = email('cluster-signout');
    await signUp(b.base, user, 'cluster password 2');
    const cookie = await signIn(b.base, b.base, user, 'cluster password 2');
    expect((await call(b.base, 'GET', '/api/account', undefined, { Cookie: cookie })).status).toBe(200);
    const csrf = await fetch(`${a.base}/api/auth/csrf`, { headers: { Cookie: cookie } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const out = await fetch(`${a.base}/api/auth/signout`, {
      method: 'POST', redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: `${cookie}; ${cookiesOf(csrf)}` },
      body: new URLSearchParams({ csrfToken, json: 'true' }),
    });
    expect(out.status).toBeLessThan(400);
    // The old cookie, as another tab or a thief still holds it, is dead on B.
    expect((await call(b.base, 'GET', '/api/account', undefined, { Cookie: cookie })).status).toBe(401);
  });

  it('the per-IP limit counts requests to both servers together', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= IP_LIMIT.max; i++) {
      const base = i % 2 === 0 ? a.base : b.base;
      const start = opaque.client.startLogin({ password: 'x' });
      statuses.push((await call(base, 'POST', '/api/login/start', { email: email('cluster-ip'), startLoginRequest: start.startLoginRequest }, { 'X-Forwarded-For': client })).status);
    }
    // Each server saw about half of the requests, yet the limit holds at its total.
    expect(statuses.slice(0, IP_LIMIT.max).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.on('error', () => resolve(false));
  });
}

describe('SIGTERM', () => {
  it('drains an in-flight request with its real answer, refuses new connections, then exits', async () => {
    const server = await app(await database('drain'));
    const user = email('drain');
    await signUp(server.base, user, 'drain password');
    const start = opaque.client.startLogin({ password: 'drain password' });
    const body = Buffer.from(JSON.stringify({ email: user, startLoginRequest: start.startLoginRequest }));
    const exited = new Promise<number | null>((resolve) => server.process.on('exit', (code) => resolve(code)));

    // One kept-alive connection, proven accepted by a first request, carries
    // a second whose body is still on its way when the signal arrives.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const warm = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: server.port, path: '/api/health', agent }, (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0))).on('error', reject).end();
    });
    expect(warm).toBeGreaterThan(0);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/login/start', agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.subarray(0, 10), () => {
        server.process.kill('SIGTERM');
        void waitFor('the listener to close', async () => !(await accepts(server.port)), { timeoutMs: 15_000 })
          .then(() => req.end(body.subarray(10)), reject);
      });
    });

    const { status, text } = await answer;
    expect(status).toBe(200);
    const parsed = JSON.parse(text) as { loginId?: string; loginResponse?: string };
    expect(typeof parsed.loginId).toBe('string');
    expect(clientFinishLogin(start.clientLoginState, parsed.loginResponse!, 'drain password')).toBeTruthy();
    // next start exits with 128 + SIGTERM after draining (its own choice, start-server.js); not a crash.
    expect(await exited).toBe(143);
    expect(await accepts(server.port)).toBe(false);
    agent.destroy();
  }, 60_000);
});
