// Lock during an upload (issue 11, "Lock and auto-lock must never destroy an
// upload"). Locking used to unmount the vault page and with it the upload
// queue, which aborted the running upload and sent DELETE for it. The queue now
// belongs to the signed-in session: the upload goes on while the vault is
// locked, and after unlock the file is there and downloads byte-identical.
// The store's answer to the first part is held until the vault is locked, so
// the lock lands mid-upload on any machine, with no timing guess.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { expectListed, installSaveSwitch, newVaultUser, randomFile, rowAction, savedByStub, sha256, uploadViaPicker } from './vault-helpers';

/**
 * Presigned PUTs go to the store, not the app: hold every one until release(),
 * and resolve firstPut when the first arrives, so a test acts mid-upload.
 */
async function holdStorePuts(page: Page): Promise<{ firstPut: Promise<void>; release: () => void }> {
  let putSeen!: () => void;
  const firstPut = new Promise<void>((resolve) => (putSeen = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route((url) => url.searchParams.has('X-Amz-Signature'), async (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    putSeen();
    await released;
    await route.continue();
  });
  return { firstPut, release };
}

test('Lock during an upload neither stops nor deletes it: after unlock the file is there, byte-identical', async ({ page }) => {
  test.setTimeout(180_000);
  await installSaveSwitch(page);
  const { password } = await newVaultUser(page, 'lock-upload');
  const file = randomFile('unattended backup.bin', 3 * 1024 * 1024 + 17);

  const deletes: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'DELETE') deletes.push(new URL(r.url()).pathname);
  });
  // Held until the vault is locked.
  const { firstPut, release } = await holdStorePuts(page);

  await uploadViaPicker(page, [file]);
  await firstPut;
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Your vault is locked' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Uploads while locked' })).toHaveText('1 upload keeps going while the vault is locked. Signing out stops it.');
  await expectAccessible(page, 'the locked vault with an upload running');
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join('test-results', `lock-upload-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  release();

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expectListed(page, [file.name]);
  await expect(page.getByText('All uploads finished')).toBeVisible({ timeout: 60_000 });
  expect(deletes, 'no upload or file was deleted').toEqual([]);

  await page.goto('/vault?e2e-save=fs');
  await rowAction(page, file.name, 'Download');
  await expect(page.getByText(`${file.name} was decrypted and saved.`)).toBeVisible({ timeout: 60_000 });
  expect((await savedByStub(page)).sha256).toBe(sha256(file.buffer));
});

test('leaving the page while an upload runs asks first; once it has finished, it does not', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'leave-upload');
  const file = randomFile('still going.bin', 64 * 1024);
  const { firstPut, release } = await holdStorePuts(page);
  await uploadViaPicker(page, [file]);
  await firstPut;

  // Chromium runs beforeunload only after the user has interacted with the page: the click counts.
  await page.getByRole('heading', { name: 'My files', level: 1 }).click();
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss();
  expect(page.isClosed()).toBe(false);
  release();
  await expectListed(page, [file.name]);
  await expect(page.getByText('All uploads finished')).toBeVisible({ timeout: 60_000 });

  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.getByRole('heading', { name: 'My files', level: 1 }).click();
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  await closed;
  expect(dialogs).toBe(0);
});
