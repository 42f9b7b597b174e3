// Settings lists the signed-in sessions (server-side records); revoking the
// other browser's session signs that browser out on its next request.
import { expect, test } from './fixtures/test';
import { expectAccessible } from './fixtures/axe';
import { confirmRecoveryKey, expectUnlocked, signIn, signOut, signUp, uniqueEmail } from './account-helpers';

test('Settings lists sessions and revoking another one signs that browser out', async ({ page, browser }) => {
  const email = uniqueEmail('sessions');
  const password = 'sessions e2e password 1';
  const { recoveryKey } = await signUp(page, email, password);
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, password);
  await expectUnlocked(otherPage, email);

  await page.goto('/settings');
  const list = page.getByRole('list', { name: 'Signed-in sessions' });
  await expect(list.getByRole('listitem')).toHaveCount(2, { timeout: 30_000 });
  await expect(list.getByRole('listitem', { name: /\(this device\)$/ })).toHaveCount(1);
  await expect(list).toContainText('127.0.0.0/24');
  await expectAccessible(page, 'Settings with two sessions');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`settings-sessions-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  await list.getByRole('button', { name: /^Sign out Chrome on Linux/ }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('No other browser or device is signed in.')).toBeVisible();

  // The other browser's next request finds no session: the vault sends it to sign in.
  await otherPage.goto('/vault');
  await expect(otherPage).toHaveURL(/\/sign-in/, { timeout: 30_000 });
  // This browser is still signed in.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Account settings' })).toBeVisible({ timeout: 30_000 });
  await other.close();

  // The header's Sign out ends the session on the server: a copy of the cookie taken before is refused after.
  const copied = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const base = new URL(page.url()).origin;
  expect((await fetch(`${base}/api/account`, { headers: { cookie: copied } })).status).toBe(200);
  await signOut(page);
  const after = await fetch(`${base}/api/account`, { headers: { cookie: copied } });
  expect(after.status).toBe(401);
});
