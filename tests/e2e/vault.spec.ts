// The vault page end to end: uploads through the picker and a drop, the
// decrypted list with sort and filter, rename, delete, the usage meter,
// cancel, and downloads through each save path with byte-identical results.
import { readFile, writeFile } from 'node:fs/promises';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import {
  dropFiles, expectListed, filePicker, fileRow, installSaveSwitch, listedNames, newVaultUser, openView, pngFile, randomFile, rowAction, savedByStub,
  sha256, storageUsed, textFile, uploadViaPicker,
} from './vault-helpers';

test('upload by picker and drop, sort, filter, rename (persists), delete, usage meter, cancel', async ({ page }) => {
  test.setTimeout(180_000);
  await newVaultUser(page, 'vault');
  await expect(page.getByText('No files yet.')).toBeVisible();
  const usageBefore = await storageUsed(page);

  const text = textFile('alpha report.txt', 'Quarterly numbers, all fine.\n'.repeat(100));
  const png = await pngFile(page, 'zeta photo.png');
  const dropped = randomFile('middle-data.bin', 700 * 1024); // three chunks, so a multi-chunk path too
  await uploadViaPicker(page, [text, png]);
  await dropFiles(page, [dropped]);
  await expectListed(page, [text.name, png.name, dropped.name]);
  await expect(page.getByRole('progressbar', { name: 'All uploads' })).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByText('All uploads finished.')).toBeVisible();
  await expect.poll(() => storageUsed(page)).toBeGreaterThan(usageBefore + 700 * 1024);
  const usageWithThree = await storageUsed(page);
  await expect(fileRow(page, dropped.name)).toContainText('700 KiB');
  await expectAccessible(page, 'the vault with three files');
  await page.screenshot({ path: test.info().outputPath('vault-with-files.png'), fullPage: true });

  // Sorting and filtering happen on decrypted names, in the browser.
  const sortBy = page.getByLabel('Sort by');
  await sortBy.selectOption({ label: 'Name (A to Z)' });
  expect(await listedNames(page)).toEqual(['alpha report.txt', 'middle-data.bin', 'zeta photo.png']);
  await sortBy.selectOption({ label: 'Name (Z to A)' });
  expect(await listedNames(page)).toEqual(['zeta photo.png', 'middle-data.bin', 'alpha report.txt']);
  await sortBy.selectOption({ label: 'Largest first' });
  expect((await listedNames(page))[0]).toBe('middle-data.bin');
  await sortBy.selectOption({ label: 'Smallest first' });
  expect((await listedNames(page))[2]).toBe('middle-data.bin');
  await sortBy.selectOption({ label: 'Newest first' });
  expect((await listedNames(page))[0]).toBe('middle-data.bin'); // dropped last
  await page.getByLabel('Search all folders').fill('ZETA');
  expect(await listedNames(page)).toEqual(['zeta photo.png']);
  await expect(page.getByText('1 match in all folders')).toBeVisible();
  await page.getByLabel('Search all folders').fill('');
  expect(await listedNames(page)).toHaveLength(3);

  // Rename re-encrypts the metadata; the new name comes back after a reload.
  await rowAction(page, text.name, 'Rename');
  const renameDialog = page.getByRole('dialog', { name: `Rename ${text.name}` });
  await renameDialog.getByLabel('New name').fill('renamed notes.txt');
  await renameDialog.getByRole('button', { name: 'Save name' }).click();
  await expect(renameDialog).toBeHidden();
  await expectListed(page, ['renamed notes.txt']);
  await page.reload();
  await expectListed(page, ['renamed notes.txt', png.name, dropped.name]);
  await expect(fileRow(page, text.name)).toHaveCount(0);

  // Delete moves to the trash: gone from the list, still counted, restorable;
  // "Delete forever" asks first, and only then is the storage freed.
  await rowAction(page, dropped.name, 'Move to trash');
  await expect(page.getByText(`${dropped.name} was moved to the trash.`)).toBeVisible();
  await expect(fileRow(page, dropped.name)).toHaveCount(0);
  expect(await storageUsed(page)).toBe(usageWithThree);
  await openView(page, 'Trash');
  const trash = page.getByRole('list', { name: 'Items in the trash' });
  await expect(trash.getByRole('listitem', { name: dropped.name })).toBeVisible();
  await rowAction(page, dropped.name, 'Delete forever');
  const deleteDialog = page.getByRole('dialog', { name: `Delete ${dropped.name} forever?` });
  await deleteDialog.getByRole('button', { name: 'Keep them' }).click();
  await expect(deleteDialog).toBeHidden();
  await expect(trash.getByRole('listitem', { name: dropped.name })).toBeVisible();
  await rowAction(page, dropped.name, 'Delete forever');
  await deleteDialog.getByRole('button', { name: 'Delete forever' }).click();
  await expect(page.getByText('The trash is empty.')).toBeVisible();
  await expect.poll(() => storageUsed(page)).toBeLessThan(usageWithThree - 700 * 1024);
  await openView(page, 'My files');
  await page.reload();
  await expectListed(page, ['renamed notes.txt', png.name]);
  await expect(fileRow(page, dropped.name)).toHaveCount(0);

  // Progress and Cancel: a three-part upload whose first part goes through
  // and whose other parts are held, so the bars stop part-way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let puts = 0;
  await page.context().route((url) => !url.href.startsWith(new URL(page.url()).origin), async (route) => {
    if (route.request().method() === 'PUT' && ++puts > 1) await held;
    await route.continue().catch(() => {});
  });
  const slow = randomFile('slow upload.bin', 40 * 1024 * 1024);
  await uploadViaPicker(page, [slow]);
  const bar = page.getByRole('progressbar', { name: `Upload of ${slow.name}` });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(page.getByText(/^Encrypting and uploading · [\d.]+ MiB of 40 MiB · [\d.]+ [KMG]?i?B\/s · (.+ left|estimating…)$/)).toBeVisible();
  expect(Number(await page.getByRole('progressbar', { name: 'All uploads' }).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('upload-progress.png'), fullPage: true });
  await page.getByRole('button', { name: `Cancel upload of ${slow.name}` }).click();
  release();
  await expect(page.getByText('Cancelled · 40 MiB')).toBeVisible();
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  await expectListed(page, ['renamed notes.txt', png.name]);
  await expect(fileRow(page, slow.name)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Interrupted uploads' })).toHaveCount(0); // cancelled is not resumable
  // The cancelled upload's reservation is released.
  await expect.poll(() => storageUsed(page)).toBeLessThan(usageWithThree - 700 * 1024);
});

test('download is byte-identical through the File System Access API, the service worker and a Blob', async ({ page }) => {
  test.setTimeout(180_000);
  await installSaveSwitch(page);
  await newVaultUser(page, 'download');
  const file = randomFile('päckage ünïcode «data».bin', 600 * 1024 + 123);
  const empty = { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) };
  await uploadViaPicker(page, [file, empty]);
  await expectListed(page, [file.name, empty.name]);

  // 1. File System Access (stubbed picker writing to memory).
  await page.goto('/vault?e2e-save=fs');
  await rowAction(page, file.name, 'Download');
  await expect(page.getByText(`${file.name} was decrypted and saved.`)).toBeVisible();
  const saved = await savedByStub(page);
  expect(saved).toEqual({ name: file.name, size: file.buffer.length, sha256: sha256(file.buffer), closed: true, aborted: false });

  // 2. Service worker stream (no picker): a real browser download with the exact name.
  await page.goto('/vault?e2e-save=sw');
  for (const f of [file, empty]) {
    const downloading = page.waitForEvent('download');
    await rowAction(page, f.name, 'Download');
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(f.name);
    expect(download.url()).toMatch(/\/sw-download\//);
    const bytes = await readFile((await download.path())!);
    expect(sha256(bytes)).toBe(sha256(f.buffer));
    await expect(page.getByText(`${f.name} was decrypted and saved.`)).toBeVisible();
  }

  // 3. Blob (no picker, no service worker).
  await page.goto('/vault?e2e-save=blob');
  const downloading = page.waitForEvent('download');
  await rowAction(page, file.name, 'Download');
  const download = await downloading;
  expect(download.url()).toMatch(/^blob:/);
  expect(sha256(await readFile((await download.path())!))).toBe(sha256(file.buffer));
});

test('an upload interrupted by a reload is listed and resumes when the same file is picked again', async ({ page }) => {
  test.setTimeout(180_000);
  await newVaultUser(page, 'resume-ui');
  // From disk, so both picks carry the same lastModified (a newer file would start over, by design).
  const big = randomFile('interrupted.bin', 20 * 1024 * 1024); // two parts: 16 MiB + the rest
  const path = test.info().outputPath(big.name);
  await writeFile(path, big.buffer);
  let puts = 0;
  let dropHeld = () => {};
  const reloaded = new Promise<void>((resolve) => (dropHeld = resolve));
  await page.context().route((url) => !url.href.startsWith(new URL(page.url()).origin), async (route) => {
    // The second part never gets through: the tab is reloaded under it.
    if (route.request().method() === 'PUT' && ++puts > 1) return reloaded.then(() => route.abort().catch(() => {}));
    await route.continue().catch(() => {});
  });
  await filePicker(page).setInputFiles(path);
  const bar = page.getByRole('progressbar', { name: `Upload of ${big.name}` });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(0);
  await page.reload();
  dropHeld();
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });

  const interrupted = page.getByRole('region', { name: 'Interrupted uploads' }).or(page.getByRole('heading', { name: 'Interrupted uploads' }));
  await expect(interrupted.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('progressbar', { name: `Interrupted upload of ${big.name}` })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('interrupted-upload.png'), fullPage: true });
  // The wrong file first: said plainly, nothing is sent, and the offer stays for the right one.
  let resentParts = 0;
  page.context().on('request', (r) => void (r.method() === 'PUT' && resentParts++));
  const wrong = randomFile('not-it.bin', 1000);
  await page.getByLabel(`Pick ${big.name} again to resume`).setInputFiles(wrong);
  const row = page.getByRole('listitem', { name: big.name }).filter({ has: page.getByRole('progressbar', { name: `Interrupted upload of ${big.name}` }) });
  await expect(row.getByRole('alert')).toHaveText(`“not-it.bin” is not the file that was being uploaded. To resume, pick “${big.name}” (20 MiB) again, or discard this upload.`);
  expect(resentParts).toBe(0);
  await page.getByLabel(`Pick ${big.name} again to resume`).setInputFiles(path);
  await expectListed(page, [big.name]);
  expect(resentParts).toBe(1); // only the part that never arrived
  await expect(page.getByRole('heading', { name: 'Interrupted uploads' })).toHaveCount(0);
});
