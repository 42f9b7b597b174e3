// Abuse limits (issue 12 item 5) through the real route handlers on the
// suite's database: a stranger's wrong sign-ins do not lock out the owner's
// browser (device cookie), but do lock out browsers without one; sign-up
// starts and directory look-ups answer 429 with Retry-After.
import '../helpers/request-scope';
import * as opaque from '@serenity-kit/opaque';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as lookupRoute } from '@/app/api/users/lookup/route';
import { POST as registerStart } from '@/app/api/register/start/route';
import { ACCOUNT_LIMIT, DEVICE_LIMIT, LOOKUP_IP_LIMIT, LOOKUP_USER_LIMIT, SIGNUP_EMAIL_LIMIT, SIGNUP_IP_LIMIT } from '@/lib/server/auth/rate-limit';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { Browser, signIn, signUp, startLogin, uniqueEmail } from '../helpers/auth-flow';
import { callRoute } from '../helpers/route-call';

const PASSWORD = 'the owner knows this one';
let ipCounter = 0;
/** A fresh address per test so per-IP counters of other tests do not interfere. */
const freshIp = () => `198.51.100.${++ipCounter}`;

beforeAll(async () => {
  await opaque.ready;
  await useAppEnv('abuse-limits', { NEXTAUTH_URL: 'http://localhost' });
});
afterAll(async () => restoreAppEnv());

async function owner(): Promise<{ email: string; browser: Browser }> {
  const email = await uniqueEmail('owner');
  await signUp(email, PASSWORD, { 'x-forwarded-for': freshIp() });
  const browser = new Browser({ 'x-forwarded-for': freshIp() });
  expect((await signIn(browser, email, PASSWORD)).signedIn).toBe(true);
  expect(browser.cookies.has('twofold-device'), 'a successful sign-in sets the device cookie').toBe(true);
  return { email, browser };
}

async function strangerGuesses(email: string, count: number): Promise<number[]> {
  const stranger = new Browser({ 'x-forwarded-for': freshIp() });
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await startLogin(stranger, email, `guess ${i}`)).status);
  return statuses;
}

describe(`abuse limits (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("eleven wrong sign-ins by a stranger lock the account for untrusted browsers, not the owner's", async () => {
    const { email, browser } = await owner();
    const statuses = await strangerGuesses(email, ACCOUNT_LIMIT.max + 1);
    expect(statuses.at(-1)).toBe(429);
    // Another browser without a device cookie (a new laptop) is limited too...
    const newLaptop = new Browser({ 'x-forwarded-for': freshIp() });
    const blocked = await startLogin(newLaptop, email, PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // ...but the owner's browser signs in at once, after signing out.
    browser.cookies.delete('next-auth.session-token');
    expect(await signIn(browser, email, PASSWORD)).toEqual({ startStatus: 200, signedIn: true });
  });

  it("a forged device cookie, or another account's, counts as none", async () => {
    const { email } = await owner();
    const other = await owner();
    await strangerGuesses(email, ACCOUNT_LIMIT.max + 1);
    const forger = new Browser({ 'x-forwarded-for': freshIp() });
    const real = other.browser.cookies.get('twofold-device')!;
    forger.cookies.set('twofold-device', real);
    expect((await startLogin(forger, email, PASSWORD)).status).toBe(429);
    const [userId, nonce] = real.split('.');
    forger.cookies.set('twofold-device', `${userId}.${nonce}.${'A'.repeat(43)}`);
    expect((await startLogin(forger, email, PASSWORD)).status).toBe(429);
  });

  it('a device cookie whose own attempts fail too often is locked itself', async () => {
    const { email, browser } = await owner();
    const statuses: number[] = [];
    for (let i = 0; i <= DEVICE_LIMIT.max; i++) statuses.push((await startLogin(browser, email, `wrong ${i}`)).status);
    expect(statuses.slice(0, DEVICE_LIMIT.max).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('sign-up starts are limited per email and per IP (429 with Retry-After)', async () => {
    const email = await uniqueEmail('signup');
    const start = (address: string, ip: string) => callRoute(registerStart, 'POST', '/api/register/start', {
      body: { email: address, registrationRequest: opaque.client.startRegistration({ password: 'x' }).registrationRequest },
      headers: { 'x-forwarded-for': ip },
    });
    const perEmail: number[] = [];
    for (let i = 0; i <= SIGNUP_EMAIL_LIMIT.max; i++) perEmail.push((await start(email, freshIp())).status);
    expect(perEmail.slice(0, -1).every((s) => s === 200)).toBe(true);
    const limited = await start(email, freshIp());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    const ip = freshIp();
    let last = 0;
    for (let i = 0; i <= SIGNUP_IP_LIMIT.max; i++) last = (await start(await uniqueEmail(`ip${i}`), ip)).status;
    expect(last).toBe(429);
  });

  it('directory look-ups are limited per signed-in user and per IP (429 with Retry-After)', async () => {
    const { email, browser } = await owner();
    const lookup = (who: Browser, ip: string) => callRoute(lookupRoute, 'GET', `/api/users/lookup?email=${encodeURIComponent(email)}`, {
      cookie: who.session, headers: { 'x-forwarded-for': ip },
    });
    const statuses: number[] = [];
    for (let i = 0; i <= LOOKUP_USER_LIMIT.max; i++) statuses.push((await lookup(browser, freshIp())).status);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    const limited = await lookup(browser, freshIp());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    // Many accounts from one address hit the per-IP limit.
    const ip = freshIp();
    let last = 0;
    const others = await Promise.all([1, 2, 3, 4].map(() => owner()));
    for (let i = 0; i <= LOOKUP_IP_LIMIT.max && last !== 429; i++) last = (await lookup(others[i % 4]!.browser, ip)).status;
    expect(last).toBe(429);
  });
});
