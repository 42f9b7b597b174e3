import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';

test('landing page explains both layers and offers sign-up and sign-in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('encrypted vault');
  await expect(page.getByRole('heading', { name: 'Your browser encrypts' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The bucket encrypts again' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/sign-up');
  await expect(page.getByRole('link', { name: 'Sign in' }).first()).toHaveAttribute('href', '/sign-in');
  await expectAccessible(page, 'the landing page');
  await page.screenshot({ path: test.info().outputPath('landing.png'), fullPage: true });
  for (const path of ['/sign-in', '/sign-up']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectAccessible(page, path);
  }
});

test('/status says storage and database work and SSE-KMS is on, without the key id, read live', async ({ page, request }) => {
  const health = await (await request.get('/api/health')).json();
  expect(health.ok).toBe(true);
  await page.goto('/status');
  await expect(page.getByRole('heading', { name: 'System status' })).toBeVisible();
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText('Storage: working.');
  await expect(storage).toContainText('SSE-KMS on');
  await expect(storage).not.toContainText(health.storage.kmsKeyId);
  await expect(page.getByRole('region', { name: 'Database' })).toContainText('Database: working.');
  await expectAccessible(page, '/status');
  await page.screenshot({ path: test.info().outputPath('status.png'), fullPage: true });
});

test('pages send Referrer-Policy: no-referrer', async ({ request }) => {
  const res = await request.get('/');
  expect(res.headers()['referrer-policy']).toBe('no-referrer');
});
