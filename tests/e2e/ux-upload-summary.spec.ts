// After a failed upload the tray counts what failed; "All uploads finished"
// is kept for when every file arrived.
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { expectListed, newVaultUser, textFile, uploadViaPicker } from './vault-helpers';

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
  await expectAccessible(page, 'the upload tray after a failure');
  await screenshotBoth(page, 'upload-failed');
});
