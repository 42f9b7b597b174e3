// The account API over HTTP, on the production build with a database of its
// own: every route needs a session (401 without), ids of other users are 404,
// and "sign out everywhere" revokes JWTs that are otherwise still valid.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { startNext, type RunningApp } from '../../scripts/lib/next-app';
import { freePort } from '../../scripts/lib/proc';
import { clientFinishLogin, clientSignUp } from '../helpers/account-client';
import { testContext } from '../helpers/context';

let app: RunningApp;
let base: string;

async function database(): Promise<Record<string, string>> {
  if (process.env.DATABASE_URL) {
    const conn = await openDatabase({ databaseUrl: process.env.DATABASE_URL });
    await migrateDatabase(conn);
    await conn.close();
    return { DATABASE_URL: process.env.DATABASE_URL };
  }
  const pgliteDir = join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'routes-')), 'db');
  const conn = await openDatabase({ pgliteDir });
  await migrateDatabase(conn);
  await conn.close();
  return { PGLITE_DIR: pgliteDir };
}

beforeAll(async () => {
  await opaque.ready;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = await startNext({
    port,
    host: '127.0.0.1',
    output: 'ignore',
    env: { ...process.env, DATABASE_URL: undefined, ...testContext().appEnv, ...(await database()), NODE_ENV: 'production', NEXTAUTH_URL: base },
  });
});
afterAll(async () => app?.stop());

async function call(method: string, path: string, body?: unknown, cookie = '') {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as Record<string, unknown> & { error?: { code: string } } };
}

const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

/** Signs up and signs in through next-auth's Credentials callback, like the browser does. */
async function account(password: string): Promise<{ userId: string; cookie: string }> {
  const email = `routes-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const signup = await clientSignUp(password, async (registrationRequest) => (await call('POST', '/api/register/start', { email, registrationRequest })).body as never);
  expect((await call('POST', '/api/register/finish', signup.finish)).status).toBe(200);
  const start = opaque.client.startLogin({ password });
  const started = (await call('POST', '/api/login/start', { email, startLoginRequest: start.startLoginRequest })).body as { loginId: string; loginResponse: string };
  const finished = clientFinishLogin(start.clientLoginState, started.loginResponse, password);
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${base}/api/auth/callback/opaque`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(csrf) },
    body: new URLSearchParams({ csrfToken, loginId: started.loginId, finishLoginRequest: finished!.finishLoginRequest, json: 'true' }),
  });
  const cookie = cookiesOf(callback);
  expect(cookie).toContain('next-auth.session-token=');
  const session = callback.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token=')) ?? '';
  expect(session).toMatch(/HttpOnly/i);
  expect(session).toMatch(/SameSite=Lax/i);
  return { userId: signup.userId, cookie };
}

const SESSION_ROUTES: Array<[string, string]> = [
  ['GET', '/api/account'], ['POST', '/api/account/reauth'], ['PUT', '/api/account/password'],
  ['PUT', '/api/account/recovery-key'], ['POST', '/api/account/recovery-key/confirm'], ['DELETE', '/api/account/sessions'],
];

describe('account routes', () => {
  it.each(SESSION_ROUTES)('%s %s answers 401 without a session, even with a valid body', async (method, path) => {
    const res = await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : { startLoginRequest: 'AAAA' });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('unauthorized');
  });

  it('open routes validate their input (400 with a JSON error), and reject unknown fields', async () => {
    for (const path of ['/api/register/start', '/api/register/finish', '/api/login/start', '/api/recovery/start', '/api/recovery/finish']) {
      const res = await call('POST', path, { email: 'a@example.com', password: 'never accepted' });
      expect(res.status, path).toBe(400);
      expect(res.body.error?.code).toBe('bad_request');
    }
  });

  it("a signed-in user gets 404 for another user's re-auth id, and their own account only", async () => {
    const a = await account('password of user a');
    const b = await account('password of user b');
    const mine = await call('GET', '/api/account', undefined, a.cookie);
    expect(mine.status).toBe(200);
    expect(mine.body.userId).toBe(a.userId);

    const start = opaque.client.startLogin({ password: 'password of user a' });
    const reg = opaque.client.startRegistration({ password: 'new password of a' });
    const reauth = (await call('POST', '/api/account/reauth', { startLoginRequest: start.startLoginRequest, registrationRequest: reg.registrationRequest }, a.cookie)).body as {
      loginId: string; loginResponse: string; registrationResponse: string; kdfParams: unknown;
    };
    const finished = clientFinishLogin(start.clientLoginState, reauth.loginResponse, 'password of user a');
    const attempt = {
      loginId: reauth.loginId, finishLoginRequest: finished!.finishLoginRequest, registrationRecord: 'AAAA',
      kdfParams: reauth.kdfParams, wrappedRootKeyPassword: 'AAAA',
    };
    expect((await call('PUT', '/api/account/password', attempt, b.cookie)).status).toBe(404);
    expect((await call('PUT', '/api/account/recovery-key', { loginId: reauth.loginId, finishLoginRequest: finished!.finishLoginRequest, wrappedRootKeyRecovery: 'AAAA', recoveryAuthToken: 'AAAA' }, b.cookie)).status).toBe(404);
  });

  it('sign out everywhere revokes the session at once', async () => {
    const a = await account('password of user c');
    expect((await call('GET', '/api/account', undefined, a.cookie)).status).toBe(200);
    expect((await call('DELETE', '/api/account/sessions', undefined, a.cookie)).status).toBe(200);
    expect((await call('GET', '/api/account', undefined, a.cookie)).status).toBe(401);
  });
});
