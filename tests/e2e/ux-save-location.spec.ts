// Where a download goes (issue 11, item 4): straight to the browser's
// downloads by default; the Save-As picker only for "Download to…", for big
// files, or when Settings says to ask every time. The picker is the memory
// stub of installSaveSwitch ('picker' mode), so what it received is visible.
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures/test';
import { expectListed, installSaveSwitch, newVaultUser, rowAction, savedByStub, sha256, textFile, uploadViaPicker } from './vault-helpers';

test('a small download skips the Save-As picker; "Download to…" and the Settings choice open it', async ({ page }) => {
  test.setTimeout(120_000);
  await installSaveSwitch(page);
  await newVaultUser(page, 'save-location');
  const file = textFile('minutes.txt', 'Minutes of the meeting.\n'.repeat(50));
  await uploadViaPicker(page, [file]);
  await expectListed(page, [file.name]);
  await page.goto('/vault?e2e-save=picker');

  // Default: a browser download, and the picker is never called.
  const downloading = page.waitForEvent('download');
  await rowAction(page, file.name, 'Download');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(file.name);
  expect(sha256(await readFile((await download.path())!))).toBe(sha256(file.buffer));
  await expect(page.getByText(`${file.name} was decrypted and saved.`)).toBeVisible();
  expect((await savedByStub(page)).name).toBe('');

  // "Download to…" asks.
  await rowAction(page, file.name, 'Download to…');
  await expect.poll(async () => (await savedByStub(page)).closed).toBe(true);
  expect(await savedByStub(page)).toEqual({ name: file.name, size: file.buffer.length, sha256: sha256(file.buffer), closed: true, aborted: false });

  // Settings: ask every time, then a plain Download asks too.
  await page.goto('/settings?e2e-save=picker');
  const ask = page.getByRole('checkbox', { name: 'Ask where to save every download' });
  await expect(ask).not.toBeChecked();
  await ask.click();
  await expect(ask).toBeChecked();
  await page.goto('/vault?e2e-save=picker');
  await expectListed(page, [file.name]);
  await rowAction(page, file.name, 'Download');
  await expect.poll(async () => (await savedByStub(page)).closed).toBe(true);
  expect((await savedByStub(page)).name).toBe(file.name);
});
