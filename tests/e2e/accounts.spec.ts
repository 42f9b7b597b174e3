// Accounts end to end in Chromium: sign-up with recovery key, sign-in, reload,
// lock/unlock, password change, recovery, regenerating the recovery key, and
// what the browser sends while doing so.
import { expect, test, type Request } from './fixtures/test';
import { confirmRecoveryKey, expectUnlocked, forbiddenForms, keyCheckName, signIn, signOut, signUp, uniqueEmail } from './account-helpers';

const KNOWN_ENDPOINTS = [
  'POST /api/register/start', 'POST /api/register/finish', 'POST /api/login/start', 'GET /api/account', 'POST /api/account/reauth',
  'PUT /api/account/password', 'PUT /api/account/recovery-key', 'POST /api/account/recovery-key/confirm', 'POST /api/recovery/start', 'POST /api/recovery/finish',
  'GET /api/auth/csrf', 'GET /api/auth/session', 'POST /api/auth/callback/opaque', 'GET /api/auth/providers', 'POST /api/auth/signout',
  // The vault page lists files, usage and files shared with the user as soon as it opens: bodiless GETs.
  'GET /api/files', 'GET /api/folders', 'GET /api/usage', 'GET /api/shared', 'GET /api/shared-folders', 'GET /api/contacts',
  // Settings lists the signed-in sessions: a bodiless GET.
  'GET /api/account/sessions',
];

test('account lifecycle: sign-up → sign-in → reload → lock/unlock → password change → recovery; keys survive, secrets never leave', async ({ page }) => {
  test.setTimeout(240_000);
  const email = uniqueEmail('life');
  const [p1, p2, p3] = ['first Passw0rd! ünï', 'second-Passw0rd-42', 'third pass phrase 3'];
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));

  // Sign-up: the recovery key must be confirmed before continuing.
  const { recoveryKey, ms: signUpMs } = await signUp(page, email, p1);
  await page.screenshot({ path: test.info().outputPath('recovery-key.png'), fullPage: true });
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  const keyCheck = await keyCheckName(page);
  expect(keyCheck).toMatch(/^key-check-/);
  await page.screenshot({ path: test.info().outputPath('vault.png'), fullPage: true });

  await signOut(page);
  const signInMs = await signIn(page, email, p1);
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);
  console.log(`[timing] Chromium sign-up ${signUpMs} ms (registration + keys + first sign-in), sign-in ${signInMs} ms`);

  // A reload needs no password: the keys come back from IndexedDB.
  await page.reload();
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);

  // Lock forgets the keys, even across a reload; unlock re-runs OPAQUE.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault is locked' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your vault is locked' })).toBeVisible();
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await page.getByLabel('Password').fill(p1);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);

  // Password change rewraps the root key only.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Account settings' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel('Your fingerprint')).toHaveText(/^(\d{5} ){11}\d{5}$/);
  await expect(page.getByLabel('Parameters in use')).toContainText('Argon2id, 64 MiB, 3 iterations');
  const changeForm = page.getByRole('form', { name: 'Change password' });
  await changeForm.getByLabel('Current password').fill(p1);
  await changeForm.getByLabel('New password', { exact: true }).fill(p2);
  await changeForm.getByLabel('Confirm new password').fill(p2);
  const changeStarted = Date.now();
  await changeForm.getByRole('button', { name: 'Change password' }).click();
  await expect(changeForm.getByText('Password changed.')).toBeVisible({ timeout: 60_000 });
  console.log(`[timing] Chromium password change ${Date.now() - changeStarted} ms (re-auth + new registration + sign-in)`);
  await page.screenshot({ path: test.info().outputPath('settings.png'), fullPage: true });

  await signOut(page);
  await signIn(page, email, p1);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await signIn(page, email, p2);
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);
  await signOut(page);

  // Recovery with the recovery key sets p3; the key check still decrypts.
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByText('Without your recovery key, your files cannot be recovered.')).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey.toLowerCase());
  await page.getByLabel('New password', { exact: true }).fill(p3);
  await page.getByLabel('Confirm new password').fill(p3);
  await page.screenshot({ path: test.info().outputPath('forgot-password.png'), fullPage: true });
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);
  await signOut(page);
  await signIn(page, email, p2);
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('The email or password is not correct.');
  await signIn(page, email, p3);
  await expectUnlocked(page, email);
  expect(await keyCheckName(page)).toBe(keyCheck);

  // Regenerating the recovery key invalidates the old one.
  await page.goto('/settings');
  const regen = page.getByRole('form', { name: 'Regenerate recovery key' });
  await regen.getByLabel('Password for the new recovery key').fill(p3);
  await regen.getByRole('button', { name: 'Regenerate recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Save your recovery key' })).toBeVisible({ timeout: 60_000 });
  const newRecoveryKey = (await page.getByLabel('Your recovery key', { exact: true }).textContent())?.trim() ?? '';
  expect(newRecoveryKey).not.toBe(recoveryKey);
  await confirmRecoveryKey(page, newRecoveryKey);
  await expect(page.getByText('New recovery key saved.')).toBeVisible();
  await signOut(page);
  await page.goto('/forgot-password');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Recovery key', { exact: true }).fill(recoveryKey);
  await page.getByLabel('New password', { exact: true }).fill('fourth-password-4');
  await page.getByLabel('Confirm new password').fill('fourth-password-4');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and recovery key do not match an account.');

  // [What the request capture covers] Every request the page sent in all of
  // the above (sign-up, sign-ins, unlock, password change, recovery, new
  // recovery key), post data included, is checked for every password and both
  // recovery keys as raw text, URL/form encoding, JSON escaping, hex, base64
  // and base64url (and the recovery key's 20 bytes in each binary encoding).
  // The export key, KEK and root key cannot be read from the page (they are
  // non-extractable or never leave OPAQUE's WASM), so instead the test pins
  // the set of endpoints the page may talk to: their request bodies are
  // strict zod objects on the server, holding only OPAQUE protocol messages
  // and wrapped (encrypted) keys.
  const forbidden = forbiddenForms([p1, p2, p3, 'fourth-password-4'], [recoveryKey, newRecoveryKey]);
  const apiCalls = new Set<string>();
  const leaks: string[] = [];
  for (const request of requests) {
    const url = new URL(request.url());
    const haystack = `${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ''}`;
    if (forbidden.some((needle) => haystack.includes(needle))) leaks.push(`${request.method()} ${url.pathname}`);
    if (url.pathname.startsWith('/api/')) apiCalls.add(`${request.method()} ${url.pathname}`);
  }
  expect(leaks, 'requests that contain a password or recovery key').toEqual([]);
  expect(requests.length).toBeGreaterThan(20);
  for (const call of apiCalls) expect(KNOWN_ENDPOINTS).toContain(call);
  expect(apiCalls).toContain('POST /api/auth/callback/opaque');
  const callback = requests.find((r) => r.url().endsWith('/api/auth/callback/opaque'));
  expect([...new URLSearchParams(callback?.postData() ?? '').keys()].sort()).toEqual(['callbackUrl', 'csrfToken', 'finishLoginRequest', 'json', 'loginId', 'redirect']);
});
