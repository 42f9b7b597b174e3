// Main screens speak plainly: no protocol or key names on the vault or the
// sign-in page; the technical details are in Settings.
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { newVaultUser } from './vault-helpers';

const JARGON = /root key|OPAQUE|Argon2id|SSE-KMS|Key check/;

test('the vault and sign-in pages carry no jargon; the key check is in Settings', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'plain');
  await expect(page.getByRole('main')).not.toContainText(JARGON);
  await screenshotBoth(page, 'vault-plain');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('region', { name: 'Technical details' }).getByRole('status', { name: 'Key check' })).toContainText('Key check passed');

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText(JARGON);
});
