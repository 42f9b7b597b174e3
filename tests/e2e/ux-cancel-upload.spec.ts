// Cancel stops the row at once, and a reload straight after it leaves no
// ghost: no resume offer, no reservation holding quota (issue 11, item 4).
// The upload's other parts are held at the store, so without the fix the
// DELETE would wait for them and the reload would cut it off.
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { newVaultUser, randomFile, uploadViaPicker } from './vault-helpers';

/** Ciphertext bytes the server holds for this user's pending uploads (GET /api/usage, with the page's session). */
async function reservedBytes(page: Page): Promise<number> {
  const response = await page.request.get('/api/usage');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { reservedBytes: number }).reservedBytes;
}

test('Cancel stops the row at once; a reload right after it leaves no resume offer and no reserved quota', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'cancel');

  let puts = 0;
  const never = new Promise<void>(() => {});
  await page.context().route((url) => !url.href.startsWith(new URL(page.url()).origin), async (route) => {
    // The first part goes through, every later one is held until the page goes away.
    if (route.request().method() === 'PUT' && ++puts > 1) await never;
    await route.continue().catch(() => {});
  });
  const slow = randomFile('cancel me.bin', 40 * 1024 * 1024);
  await uploadViaPicker(page, [slow]);
  const bar = page.getByRole('progressbar', { name: `Upload of ${slow.name}` });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  // The pending upload holds quota while it runs.
  expect(await reservedBytes(page)).toBeGreaterThan(30 * 1024 * 1024);

  await page.getByRole('button', { name: `Cancel upload of ${slow.name}` }).click();
  // At once, although parts are still held at the store.
  await expect(page.getByText('Cancelled · 40 MiB')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your files' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Interrupted uploads' })).toHaveCount(0);
  await expect.poll(() => reservedBytes(page)).toBe(0);
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });
});
