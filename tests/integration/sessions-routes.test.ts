// Server-side sessions (issue 12 item 4), through the real route handlers and
// next-auth's own routes, on the suite's database: a copied cookie dies with
// sign-out, sessions can be listed and revoked one by one or all but this
// one, and idle and absolute lifetimes hold (timestamps moved in the DB).
import '../helpers/request-scope';
import * as opaque from '@serenity-kit/opaque';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getAccount } from '@/app/api/account/route';
import { DELETE as deleteAll, GET as listRoute } from '@/app/api/account/sessions/route';
import { DELETE as deleteOne } from '@/app/api/account/sessions/[sessionId]/route';
import { DELETE as deleteOthers } from '@/app/api/account/sessions/others/route';
import { appDb } from '@/lib/server/db/app-db';
import { sessions } from '@/lib/server/db/schema';
import { sessionListResponse, type SessionJson } from '@/lib/shared/sessions';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { Browser, callAuth, signIn, signOut, signUp, uniqueEmail } from '../helpers/auth-flow';
import { callRoute } from '../helpers/route-call';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Mobile/15E148 Safari/604.1';
const IDLE_S = 3600;
const MAX_AGE_S = 4 * 3600;

beforeAll(async () => {
  await opaque.ready;
  await useAppEnv('sessions-routes', {
    NEXTAUTH_URL: 'http://localhost', SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_S), SESSION_MAX_AGE_SECONDS: String(MAX_AGE_S),
  });
});
afterAll(async () => restoreAppEnv());

const PASSWORD = 'correct horse battery staple';

/** A new account signed in from two browsers. */
async function twoBrowsers(): Promise<{ email: string; laptop: Browser; phone: Browser }> {
  const email = await uniqueEmail('sessions');
  await signUp(email, PASSWORD);
  const laptop = new Browser({ 'user-agent': FIREFOX, 'x-forwarded-for': '203.0.113.77' });
  const phone = new Browser({ 'user-agent': SAFARI, 'x-forwarded-for': '2001:db8:1:2::99' });
  expect((await signIn(laptop, email, PASSWORD)).signedIn).toBe(true);
  expect((await signIn(phone, email, PASSWORD)).signedIn).toBe(true);
  return { email, laptop, phone };
}

const account = (browser: Browser) => callRoute(getAccount, 'GET', '/api/account', { cookie: browser.session });
const list = async (browser: Browser): Promise<SessionJson[]> => {
  const res = await callRoute(listRoute, 'GET', '/api/account/sessions', { cookie: browser.session });
  expect(res.status).toBe(200);
  return sessionListResponse.parse(res.body).sessions;
};

describe(`sessions (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('a cookie copied before Sign out gets 401 afterwards', async () => {
    const { laptop } = await twoBrowsers();
    const thief = laptop.clone();
    expect((await account(thief)).status).toBe(200);
    const out = await signOut(laptop);
    expect(out.status).toBe(200);
    expect(laptop.cookies.has('next-auth.session-token')).toBe(false);
    const res = await account(thief);
    expect(res.status).toBe(401);
    expect((res.body as { error: { code: string } }).error.code).toBe('unauthorized');
    // next-auth's own session endpoint agrees: no user.
    expect((await callAuth(thief, 'GET', ['session'])).body?.userId).toBeUndefined();
  });

  it('lists sessions with device, network prefix and "this device", never a full address', async () => {
    const { laptop } = await twoBrowsers();
    const rows = await list(laptop);
    expect(rows).toHaveLength(2);
    const mine = rows.find((r) => r.current)!;
    const other = rows.find((r) => !r.current)!;
    expect(mine).toMatchObject({ device: 'Firefox on Linux', ipPrefix: '203.0.113.0/24' });
    expect(other).toMatchObject({ device: 'Safari on iOS', ipPrefix: '2001:db8:1::/48' });
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
    const stored = await (await appDb()).select().from(sessions).where(eq(sessions.id, other.id));
    expect(JSON.stringify(stored)).not.toMatch(/2001:db8:1:2|Mozilla/);
  });

  it('revoking one session kills that cookie but not another', async () => {
    const { laptop, phone } = await twoBrowsers();
    const phoneId = (await list(laptop)).find((r) => !r.current)!.id;
    expect((await callRoute(deleteOne, 'DELETE', `/api/account/sessions/${phoneId}`, { cookie: laptop.session, params: { sessionId: phoneId } })).status).toBe(200);
    expect((await account(phone)).status).toBe(401);
    expect((await account(laptop)).status).toBe(200);
    expect((await list(laptop)).map((r) => r.id)).not.toContain(phoneId);
    // Already gone: 404, not 200.
    expect((await callRoute(deleteOne, 'DELETE', `/api/account/sessions/${phoneId}`, { cookie: laptop.session, params: { sessionId: phoneId } })).status).toBe(404);
  });

  it('"all but this one" ends the others and keeps this session', async () => {
    const { email, laptop, phone } = await twoBrowsers();
    const tablet = new Browser({ 'user-agent': FIREFOX });
    expect((await signIn(tablet, email, PASSWORD)).signedIn).toBe(true);
    expect((await callRoute(deleteOthers, 'DELETE', '/api/account/sessions/others', { cookie: laptop.session })).status).toBe(200);
    expect((await account(phone)).status).toBe(401);
    expect((await account(tablet)).status).toBe(401);
    expect((await account(laptop)).status).toBe(200);
    expect((await list(laptop)).map((r) => r.current)).toEqual([true]);
  });

  it('sign out everywhere ends every session, this one included', async () => {
    const { laptop, phone } = await twoBrowsers();
    expect((await callRoute(deleteAll, 'DELETE', '/api/account/sessions', { cookie: laptop.session })).status).toBe(200);
    expect((await account(laptop)).status).toBe(401);
    expect((await account(phone)).status).toBe(401);
  });

  it('a session idle for longer than the idle timeout ends; activity keeps it alive', async () => {
    const { laptop, phone } = await twoBrowsers();
    const [mine, other] = [(await list(laptop)).find((r) => r.current)!, (await list(laptop)).find((r) => !r.current)!];
    const db = await appDb();
    // The laptop was last seen just inside the timeout, the phone just outside it.
    await db.update(sessions).set({ lastSeenAt: sql`now() - ${`${IDLE_S - 120} seconds`}::interval` }).where(eq(sessions.id, mine.id));
    await db.update(sessions).set({ lastSeenAt: sql`now() - ${`${IDLE_S + 60} seconds`}::interval` }).where(eq(sessions.id, other.id));
    expect((await account(phone)).status).toBe(401);
    expect((await account(laptop)).status).toBe(200);
    // That read counted as activity: last_seen moved to now.
    const [row] = await db.select().from(sessions).where(eq(sessions.id, mine.id));
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeLessThan(60_000);
  });

  it('a session older than the absolute lifetime ends even while in use', async () => {
    const { laptop, phone } = await twoBrowsers();
    const mine = (await list(laptop)).find((r) => r.current)!;
    await (await appDb()).update(sessions).set({ createdAt: sql`now() - ${`${MAX_AGE_S + 60} seconds`}::interval` }).where(eq(sessions.id, mine.id));
    expect((await account(laptop)).status).toBe(401);
    expect((await account(phone)).status).toBe(200);
  });

  it('401 without a session; another user\'s session id is 404 and stays alive', async () => {
    const a = await twoBrowsers();
    const b = await twoBrowsers();
    const bSession = (await list(b.laptop)).find((r) => r.current)!.id;
    const anonymous = new Browser();
    for (const [handler, path, params] of [
      [listRoute, '/api/account/sessions', {}], [deleteOthers, '/api/account/sessions/others', {}],
      [deleteOne, `/api/account/sessions/${bSession}`, { sessionId: bSession }],
    ] as const) {
      const res = await callRoute(handler, handler === listRoute ? 'GET' : 'DELETE', path, { cookie: anonymous.session, params });
      expect(res.status, path).toBe(401);
    }
    const res = await callRoute(deleteOne, 'DELETE', `/api/account/sessions/${bSession}`, { cookie: a.laptop.session, params: { sessionId: bSession } });
    expect(res.status).toBe(404);
    expect((res.body as { error: { code: string } }).error.code).toBe('not_found');
    expect((await account(b.laptop)).status).toBe(200);
    // A malformed id is a 400, not a 500.
    expect((await callRoute(deleteOne, 'DELETE', '/api/account/sessions/x', { cookie: a.laptop.session, params: { sessionId: 'x' } })).status).toBe(400);
  });
});
