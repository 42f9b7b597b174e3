// New passwords get a strength meter, and one below the floor (zxcvbn score 3)
// is refused in the browser with what to do, before anything is sent.
import { expectAccessible } from './fixtures/axe';
import { uniqueEmail } from './account-helpers';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { newVaultUser } from './vault-helpers';

test('sign-up: the meter rates the password, a weak one is refused and nothing is registered', async ({ page }) => {
  const registers: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/register')) registers.push(r.url());
  });
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(uniqueEmail('weak'));
  const password = page.getByLabel('Password', { exact: true });
  const meter = page.getByRole('meter', { name: 'Password strength' });
  await password.fill('password123');
  await expect(meter).toHaveAttribute('aria-valuetext', 'Very weak');
  await page.getByLabel('Confirm password').fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('too easy to guess');
  await expect(page.getByRole('main').getByRole('alert')).toContainText('four or more unrelated words');
  expect(registers).toEqual([]);
  await expectAccessible(page, 'sign-up with a weak password');
  await screenshotBoth(page, 'sign-up-weak');

  await password.fill('copper lantern orbit velvet');
  await expect(meter).toHaveAttribute('aria-valuetext', /^(Strong|Very strong)$/);
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('change password: a weak new password is refused; the meter is there', async ({ page }) => {
  test.setTimeout(120_000);
  const { password } = await newVaultUser(page, 'weak-change');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Change password' });
  await form.getByLabel('Current password').fill(password);
  await form.getByLabel('New password', { exact: true }).fill('qwertyuiop1');
  await expect(form.getByRole('meter', { name: 'Password strength' })).toHaveAttribute('aria-valuetext', /weak/i);
  await form.getByLabel('Confirm new password').fill('qwertyuiop1');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByRole('alert')).toContainText('too easy to guess');
  await expect(form.getByText('Password changed.')).toHaveCount(0);
  await screenshotBoth(page, 'change-password-weak');
});
