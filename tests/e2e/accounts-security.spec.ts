// What an attacker at the login form sees: wrong password and unknown email
// alike, rate limits with Retry-After, no API without a session; and the
// memory-only fallback when IndexedDB is unavailable.
import * as opaque from '@serenity-kit/opaque';
import { expect, test, type APIRequestContext } from './fixtures/test';
import { confirmRecoveryKey, expectUnlocked, signIn, signUp, uniqueEmail } from './account-helpers';

async function loginStart(request: APIRequestContext, email: string, password: string) {
  await opaque.ready;
  const { clientLoginState, startLoginRequest } = opaque.client.startLogin({ password });
  const response = await request.post('/api/login/start', { data: { email, startLoginRequest } });
  return { response, clientLoginState };
}

test('wrong password and unknown email look the same: UI message, status, body shape and sizes', async ({ page, request }) => {
  const email = uniqueEmail('same');
  const password = 'the right password 1';
  const { recoveryKey } = await signUp(page, email, password);
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  await page.context().clearCookies();

  await signIn(page, email, 'the wrong password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await signIn(page, uniqueEmail('nobody'), 'the wrong password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');

  const known = await loginStart(request, email, 'the wrong password');
  const unknown = await loginStart(request, uniqueEmail('nobody'), 'the wrong password');
  expect(unknown.response.status()).toBe(known.response.status());
  expect(known.response.status()).toBe(200);
  const a = await known.response.json();
  const b = await unknown.response.json();
  expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  expect(b.loginResponse.length).toBe(a.loginResponse.length);
  expect(b.loginId.length).toBe(a.loginId.length);
  expect(b.kdfParams).toEqual(a.kdfParams);
  // The fake record makes the client fail exactly like a wrong password.
  const keyStretching = { 'argon2id-custom': { memory: 65536, iterations: 3, parallelism: 4 } } as const;
  for (const [attempt, body] of [[known, a], [unknown, b]] as const) {
    expect(opaque.client.finishLogin({ clientLoginState: attempt.clientLoginState, loginResponse: body.loginResponse, password: 'the wrong password', keyStretching })).toBeUndefined();
  }
});

test('failed sign-ins are rate-limited per account: 429 with Retry-After and a JSON error, shown in the UI', async ({ page, request }) => {
  const email = uniqueEmail('limit');
  for (let i = 0; i < 10; i++) expect((await loginStart(request, email, `guess ${i}`)).response.status()).toBe(200);
  const { response } = await loginStart(request, email, 'guess 11');
  expect(response.status()).toBe(429);
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  const body = await response.json();
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/too many attempts/);

  await signIn(page, email, 'one more guess');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many attempts. Try again in');
});

test('account API routes answer 401 without a session', async ({ request }) => {
  const routes: Array<[string, string]> = [
    ['GET', '/api/account'], ['POST', '/api/account/reauth'], ['PUT', '/api/account/password'],
    ['PUT', '/api/account/recovery-key'], ['POST', '/api/account/recovery-key/confirm'], ['DELETE', '/api/account/sessions'],
  ];
  for (const [method, path] of routes) {
    const response = await request.fetch(path, { method, data: {} });
    expect(response.status(), `${method} ${path}`).toBe(401);
    expect((await response.json()).error.code).toBe('unauthorized');
  }
  const vault = await request.get('/vault', { maxRedirects: 0 });
  expect([303, 307, 308]).toContain(vault.status());
});

test('without IndexedDB the session is memory-only, says so, and a reload asks for the password', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const email = uniqueEmail('memory');
  await page.goto('/sign-up');
  await expect(page.getByRole('status').filter({ hasText: 'Memory-only session' })).toBeVisible();
  const { recoveryKey } = await signUp(page, email, 'memory only password');
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  await expect(page.getByText('your keys are kept in memory only')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('memory-only.png'), fullPage: true });
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your vault is locked' })).toBeVisible();
});
