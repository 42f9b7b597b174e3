// Shared steps of the account e2e tests, by role and label as a user sees them.
import { expect, type Page, type Route } from '@playwright/test';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';

export const uniqueEmail = (tag: string) => `${tag}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/** Signs up and confirms the recovery key; returns it and the sign-up time (click → recovery key shown). */
export async function signUp(page: Page, email: string, password: string): Promise<{ recoveryKey: string; ms: number }> {
  await page.goto('/sign-up');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  // Each sign-up from a documentation address of its own (the e2e app trusts one proxy hop, scripts/test.ts):
  // the whole suite signs up more users than one address may in 15 minutes.
  const from = `198.51.100.${1 + Math.floor(Math.random() * 254)}`;
  const viaProxy = (route: Route) => route.continue({ headers: { ...route.request().headers(), 'x-forwarded-for': from } });
  await page.route('**/api/register/**', viaProxy);
  const started = Date.now();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'Save your recovery key' })).toBeVisible({ timeout: 60_000 });
  await page.unroute('**/api/register/**', viaProxy);
  const ms = Date.now() - started;
  const recoveryKey = (await page.getByLabel('Your recovery key', { exact: true }).textContent())?.trim() ?? '';
  expect(recoveryKey).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){7}$/);
  return { recoveryKey, ms };
}

export async function confirmRecoveryKey(page: Page, recoveryKey: string): Promise<void> {
  const proceed = page.getByRole('button', { name: /I saved my recovery key/ });
  await expect(proceed).toBeDisabled();
  await page.getByLabel('Type the last group of your recovery key').fill(recoveryKey.split('-').pop() ?? '');
  await proceed.click();
}

export async function expectUnlocked(page: Page, email: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible({ timeout: 60_000 });
  // Once on screen: the sidebar's foot on a wide screen, the top bar on a phone (the other is hidden).
  await expect(page.getByText(email).filter({ visible: true })).toBeVisible();
}

/**
 * The key check's file name, read from Settings' technical details (the vault
 * page keeps such terms out), then back to the vault by the shell's links.
 */
export async function keyCheckName(page: Page): Promise<string> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Settings' }).click();
  const check = page.getByRole('status', { name: 'Key check' });
  await expect(check).toContainText('Key check passed', { timeout: 30_000 });
  const name = (await check.locator('span').textContent()) ?? '';
  await nav.getByRole('link', { name: 'My files' }).click();
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible({ timeout: 30_000 });
  return name;
}

/** Fills the sign-in form and returns the time from click to the vault (or the error). */
export async function signIn(page: Page, email: string, password: string): Promise<number> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My files', level: 1 }).or(page.getByRole('main').getByRole('alert'))).toBeVisible({ timeout: 60_000 });
  return Date.now() - started;
}

export async function signOut(page: Page): Promise<void> {
  await page.goto('/vault');
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page).toHaveURL(/\/sign-in/);
}

function utf8Encodings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [
    text, encodeURIComponent(text), new URLSearchParams({ x: text }).toString().slice(2), JSON.stringify(text).slice(1, -1),
    bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'),
  ];
}

function byteEncodings(bytes: Uint8Array): string[] {
  const b = Buffer.from(bytes);
  return [b.toString('hex'), b.toString('hex').toUpperCase(), b.toString('base64').replace(/=+$/, ''), b.toString('base64url')];
}

/** Every form in which a password or a recovery key could leak into a request. */
export function forbiddenForms(passwords: string[], recoveryKeys: string[]): string[] {
  const out = passwords.flatMap(utf8Encodings);
  for (const key of recoveryKeys) {
    const compact = key.replace(/-/g, '');
    out.push(...utf8Encodings(key), ...utf8Encodings(compact), ...utf8Encodings(compact.toLowerCase()), ...byteEncodings(recoveryKeyFromText(key)));
  }
  return [...new Set(out)].filter((s) => s.length >= 8);
}
