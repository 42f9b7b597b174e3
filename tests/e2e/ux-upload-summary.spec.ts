// After a failed upload the tray counts what failed; "All uploads finished"
// is kept for when every file arrived. A failed upload offers Retry, and
// going offline says the upload waits for the connection.
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { expectListed, fileRow, newVaultUser, randomFile, textFile, uploadViaPicker } from './vault-helpers';

test('a failed upload is counted, not reported as all finished', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'upload-summary');
  await uploadViaPicker(page, [textFile('arrives.txt', 'this one gets there\n')]);
  await expectListed(page, ['arrives.txt']);
  const uploads = page.getByRole('region', { name: 'Uploads' });
  await expect(uploads.getByText('All uploads finished.')).toBeVisible();

  // The store refuses the next file's parts with a 400, which the engine does not retry.
  await page.route((url) => url.searchParams.has('X-Amz-Signature'), async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    await route.fulfill({ status: 400, body: 'refused', headers: { 'Access-Control-Allow-Origin': route.request().headers()['origin'] ?? '*' } });
  });
  await uploadViaPicker(page, [textFile('refused.txt', 'this one does not\n')]);
  await expect(uploads.getByText('1 upload finished, 1 failed.')).toBeVisible({ timeout: 60_000 });
  await expect(uploads.getByText('All uploads finished.')).toBeHidden();
  // Whose side failed, and what to do: not "Something went wrong".
  await expect(uploads.getByRole('alert')).toHaveText(/^The storage service refused the upload \(HTTP 400\)\. Nothing was saved; try again/);
  await expectAccessible(page, 'the upload tray after a failure');
  await screenshotBoth(page, 'upload-failed');

  // The store takes parts again: Retry sends the same file, and it arrives.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await expect(fileRow(page, 'refused.txt')).toHaveCount(0);
  await uploads.getByRole('button', { name: 'Retry upload of refused.txt' }).click();
  await expectListed(page, ['refused.txt']);
  await expect(uploads.getByText('All uploads finished.')).toBeVisible();
  await expect(uploads.getByRole('button', { name: 'Retry upload of refused.txt' })).toHaveCount(0);
});

test('offline, a running upload says it waits for the connection, and finishes when it returns', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'upload-offline');
  // Parts after the first are held until the browser is offline, so it goes offline mid-upload.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let puts = 0;
  await page.route((url) => url.searchParams.has('X-Amz-Signature'), async (route) => {
    if (route.request().method() === 'PUT' && ++puts > 1) await held;
    await route.continue().catch(() => {});
  });
  const file = randomFile('on a train.bin', 24 * 1024 * 1024);
  await uploadViaPicker(page, [file]);
  const uploads = page.getByRole('region', { name: 'Uploads' });
  const bar = page.getByRole('progressbar', { name: `Upload of ${file.name}` });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.context().setOffline(true);
  await expect(uploads.getByText(/^Waiting for connection: the upload goes on when you are back online/)).toBeVisible();
  release();
  await screenshotBoth(page, 'upload-offline');
  await page.context().setOffline(false);
  await expectListed(page, [file.name]);
  await expect(uploads.getByText('All uploads finished.')).toBeVisible();
  await expect(uploads.getByText(/^Waiting for connection/)).toHaveCount(0);
});
