// /status: the same header as other pages when signed in, and plain
// statements, without the deployment's endpoint, bucket or key id.
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { newVaultUser } from './vault-helpers';

test('/status: the signed-in header, plain statements, no endpoint, bucket or key id', async ({ page, request }) => {
  test.setTimeout(120_000);
  const health = await (await request.get('/api/health')).json();
  expect(health.ok).toBe(true);
  await newVaultUser(page, 'status');
  await page.goto('/status');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Open vault' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Storage' })).toContainText('Storage: working.');
  await expect(page.getByRole('region', { name: 'Database' })).toContainText('Database: working.');
  const text = await page.getByRole('main').innerText();
  for (const internal of [health.storage.endpoint, health.storage.bucket, health.storage.kmsKeyId, '/api/health']) {
    expect(text, 'no deployment detail on /status').not.toContain(internal);
  }
  await expect(page.getByRole('main').getByRole('link')).toHaveCount(0);
  await expectAccessible(page, '/status signed in');
  await screenshotBoth(page, 'status');
});
