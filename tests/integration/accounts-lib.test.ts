// Account logic against the real database (PGlite, then PostgreSQL) and real
// OPAQUE: rate limits, fake-record logins, single-use and owned auth states.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import * as opaque from '@serenity-kit/opaque';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishRegistration, startRegistration } from '@/lib/server/auth/registration';
import { finishReauth, finishSignIn, startReauth, startSignIn } from '@/lib/server/auth/login';
import { confirmRecoveryKey, getAccount, regenerateRecoveryKey } from '@/lib/server/auth/account';
import { startRecovery } from '@/lib/server/auth/recovery';
import { recoveryAuthToken, recoveryAuthTokenFromBytes } from '@/lib/client/account/recovery-auth';
import { generateRecoveryKeyBytes } from '@/lib/crypto/recovery-key';
import { countAttempt, forgiveAttempt } from '@/lib/server/auth/rate-limit';
import type { AuthDeps } from '@/lib/server/auth/deps';
import { asDb } from '@/lib/server/db/app-db';
import { openDatabase, type DbConnection } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { AppError } from '@/lib/server/errors';
import { clientFinishLogin, clientSignUp } from '../helpers/account-client';

let conn: DbConnection;
let deps: AuthDeps;
const email = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

beforeAll(async () => {
  conn = await openDatabase(process.env.DATABASE_URL
    ? { databaseUrl: process.env.DATABASE_URL }
    : { pgliteDir: join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'accounts-')), 'db') });
  await migrateDatabase(conn);
  await opaque.ready;
  deps = { db: asDb(conn.db), serverSetup: opaque.server.createSetup() };
});
afterAll(async () => conn.close());

async function register(address: string, password: string) {
  const client = await clientSignUp(password, (registrationRequest) => startRegistration(deps, { email: address, registrationRequest }, '192.0.2.1'));
  await finishRegistration(deps, client.finish);
  return client;
}

async function login(address: string, password: string) {
  const start = opaque.client.startLogin({ password });
  const started = await startSignIn(deps, { email: address, startLoginRequest: start.startLoginRequest }, '203.0.113.7');
  return { started, finished: clientFinishLogin(start.clientLoginState, started.loginResponse, password) };
}

describe(`rate limits (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  const limit = { max: 3, windowMs: 60_000 };

  it('allows max attempts, then 429 with Retry-After within the window', async () => {
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 3; i++) await countAttempt(deps.db, [{ key, limit }]);
    const error = await countAttempt(deps.db, [{ key, limit }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('rate_limited');
    const retry = Number((error as AppError).headers['Retry-After']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
  });

  it('a success forgives: the account starts afresh, the IP gets one attempt back', async () => {
    const account = `account:${Math.random()}`;
    const ip = `ip:${Math.random()}`;
    for (let i = 0; i < 3; i++) await countAttempt(deps.db, [{ key: account, limit }, { key: ip, limit }]);
    await forgiveAttempt(deps.db, { account, ip });
    await countAttempt(deps.db, [{ key: account, limit }, { key: ip, limit }]);
    await expect(countAttempt(deps.db, [{ key: ip, limit }])).rejects.toThrow(/too many attempts/);
  });

  it('a new window starts when the old one has passed', async () => {
    const key = `test:${Math.random()}`;
    for (let i = 0; i < 4; i++) await countAttempt(deps.db, [{ key, limit }]).catch(() => undefined);
    await conn.query(`UPDATE rate_limits SET window_started_at = now() - interval '2 minutes' WHERE key = '${key}'`);
    await countAttempt(deps.db, [{ key, limit }]);
    const rows = await deps.db.execute(sql`SELECT count FROM rate_limits WHERE key = ${key}`);
    expect(JSON.stringify(rows)).toContain('"count":1');
  });
});

describe('OPAQUE sign-in', () => {
  it('succeeds with the right password; the login id is single use', async () => {
    const address = email('ok');
    const { userId } = await register(address, 'correct password 1');
    const { started, finished } = await login(address, 'correct password 1');
    expect(finished).toBeDefined();
    const input = { loginId: started.loginId, finishLoginRequest: finished!.finishLoginRequest };
    expect(await finishSignIn(deps, input, '203.0.113.7')).toEqual({ userId, email: address });
    expect(await finishSignIn(deps, input, '203.0.113.7')).toBeUndefined();
  });

  it('an unknown email answers like a wrong password (fake record), and never finishes', async () => {
    const address = email('known');
    await register(address, 'correct password 2');
    const wrong = await login(address, 'wrong password');
    const unknown = await login(email('unknown'), 'wrong password');
    expect(Object.keys(unknown.started).sort()).toEqual(Object.keys(wrong.started).sort());
    expect(unknown.started.loginResponse.length).toBe(wrong.started.loginResponse.length);
    expect(unknown.started.kdfParams).toEqual(wrong.started.kdfParams);
    expect(wrong.finished).toBeUndefined();
    expect(unknown.finished).toBeUndefined();
    // Even a finish message made for another login cannot complete either.
    const good = await login(address, 'correct password 2');
    for (const attempt of [wrong, unknown]) {
      expect(await finishSignIn(deps, { loginId: attempt.started.loginId, finishLoginRequest: good.finished!.finishLoginRequest }, '203.0.113.7')).toBeUndefined();
    }
  });

  it('the same unknown email gets the same OPRF key each time (stable fake identifier)', async () => {
    // Same blinded element twice: a real record answers alike both times, so a fake one must too.
    const address = email('stable');
    const start = opaque.client.startLogin({ password: 'x' });
    const a = await startSignIn(deps, { email: address, startLoginRequest: start.startLoginRequest }, '203.0.113.8');
    const b = await startSignIn(deps, { email: address, startLoginRequest: start.startLoginRequest }, '203.0.113.8');
    // The evaluated element is the first 32 bytes of the credential response.
    const head = (s: string) => Buffer.from(s, 'base64url').subarray(0, 32).toString('hex');
    expect(head(a.loginResponse)).toBe(head(b.loginResponse));
  });

  it("another user's re-auth login id is unknown to you and stays usable by its owner", async () => {
    const a = await register(email('owner'), 'password of a');
    const b = await register(email('other'), 'password of b');
    const start = opaque.client.startLogin({ password: 'password of a' });
    const started = await startReauth(deps, a.userId, { startLoginRequest: start.startLoginRequest }, '203.0.113.9');
    const finished = clientFinishLogin(start.clientLoginState, started.loginResponse, 'password of a');
    const input = { loginId: started.loginId, finishLoginRequest: finished!.finishLoginRequest };
    expect(await finishReauth(deps, b.userId, input, '203.0.113.9')).toBe('unknown');
    expect(await finishReauth(deps, a.userId, input, '203.0.113.9')).toBe('ok');
  });
});

describe('recovery key confirmation (two steps)', () => {
  const ip = '198.51.100.4';
  /** Whether recovery with this token gets past its first step, and the wrapped root key it is given. */
  async function recoversWith(address: string, token: string): Promise<string | null> {
    const reg = opaque.client.startRegistration({ password: 'a new password' });
    try {
      return (await startRecovery(deps, { email: address, recoveryAuthToken: token, registrationRequest: reg.registrationRequest }, ip)).wrappedRootKeyRecovery;
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') return null;
      throw error;
    }
  }
  async function regenerate(userId: string, password: string, wrapped: string) {
    const token = await recoveryAuthTokenFromBytes(generateRecoveryKeyBytes());
    const start = opaque.client.startLogin({ password });
    const started = await startReauth(deps, userId, { startLoginRequest: start.startLoginRequest }, ip);
    const finished = clientFinishLogin(start.clientLoginState, started.loginResponse, password);
    await regenerateRecoveryKey(deps, userId, { loginId: started.loginId, finishLoginRequest: finished!.finishLoginRequest, wrappedRootKeyRecovery: wrapped, recoveryAuthToken: token }, ip);
    return token;
  }

  it('sign-up leaves the key unconfirmed until the user confirms it; a wrong token confirms nothing', async () => {
    const address = email('confirm');
    const a = await register(address, 'password of confirm');
    expect((await getAccount(deps, a.userId)).recoveryKeyConfirmed).toBe(false);
    const stranger = await recoveryAuthTokenFromBytes(generateRecoveryKeyBytes());
    await expect(confirmRecoveryKey(deps, a.userId, { recoveryAuthToken: stranger })).rejects.toMatchObject({ code: 'conflict' });
    expect((await getAccount(deps, a.userId)).recoveryKeyConfirmed).toBe(false);
    await confirmRecoveryKey(deps, a.userId, { recoveryAuthToken: await recoveryAuthToken(a.recoveryKeyText) });
    expect((await getAccount(deps, a.userId)).recoveryKeyConfirmed).toBe(true);
  });

  it('a regenerated key replaces the old one only once confirmed; a stale tab cannot confirm a key it never showed', async () => {
    const address = email('regen');
    const a = await register(address, 'password of regen');
    const oldToken = await recoveryAuthToken(a.recoveryKeyText);
    await confirmRecoveryKey(deps, a.userId, { recoveryAuthToken: oldToken });
    const oldWrapped = (await getAccount(deps, a.userId)).keys.wrappedRootKeyRecovery;

    const first = await regenerate(a.userId, 'password of regen', 'AAAAfirst');
    // Not yet confirmed: the old key still recovers, the new one does not.
    expect(await recoversWith(address, oldToken)).toBe(oldWrapped);
    expect(await recoversWith(address, first)).toBeNull();

    // Another tab regenerates again; the first tab's key is now stale.
    const second = await regenerate(a.userId, 'password of regen', 'AAAAsecond');
    await expect(confirmRecoveryKey(deps, a.userId, { recoveryAuthToken: first })).rejects.toMatchObject({ code: 'conflict' });
    expect(await recoversWith(address, oldToken)).toBe(oldWrapped);

    await confirmRecoveryKey(deps, a.userId, { recoveryAuthToken: second });
    expect(await recoversWith(address, second)).toBe('AAAAsecond');
    expect(await recoversWith(address, oldToken)).toBeNull();
    expect((await getAccount(deps, a.userId)).keys.wrappedRootKeyRecovery).toBe('AAAAsecond');
  });
});
