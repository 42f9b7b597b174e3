// A reload straight after Cancel leaves no ghost: no resume offer, no
// reservation holding quota (issue 11, item 4). The release used to wait
// for the running parts to wind down, so a reload that came first cut it
// off; here on localhost the wind-down usually wins that race, so the
// ordering itself (released in the click's turn, with keepalive) is pinned by
// the unit test "Cancel" in tests/unit/files/resume.test.ts, and the row
// stopping at once by the queue's. This is the end-to-end property.
import { expect, test } from './fixtures/test';
import type { Page } from '@playwright/test';
import { newVaultUser, randomFile, uploadViaPicker } from './vault-helpers';

/** Ciphertext bytes the server holds for this user's pending uploads (GET /api/usage, with the page's session). */
async function reservedBytes(page: Page): Promise<number> {
  const response = await page.request.get('/api/usage');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { reservedBytes: number }).reservedBytes;
}

test('a reload in the same moment as Cancel leaves no resume offer and no reserved quota', async ({ page }) => {
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

  // Cancel, and the page goes away in the same turn: nothing the click leaves for later gets to run.
  const reloaded = page.waitForEvent('load');
  await page.evaluate((label) => {
    document.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!.click();
    location.reload();
  }, `Cancel upload of ${slow.name}`).catch(() => {}); // the reload ends the evaluation's context
  await reloaded;
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible();
  await expect.poll(() => reservedBytes(page)).toBe(0);
  await expect(page.getByRole('heading', { name: 'Interrupted uploads' })).toHaveCount(0);
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });
});
