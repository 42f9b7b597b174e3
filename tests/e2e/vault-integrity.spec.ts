// Tampered storage: someone with the bucket's root credentials flips one bit
// of a stored file (and keeps SSE-KMS, so the bucket itself sees nothing
// wrong). The browser must refuse it: a plain "altered or damaged" message,
// and nothing saved, whichever save path is in use.
import { expect, test } from './fixtures/test';
import { DAMAGED_FILE_MESSAGE } from '@/lib/client/files/download/download-engine';
import { expectListed, flipStoredBit, installSaveSwitch, newVaultUser, objectsOf, randomFile, rowAction, savedByStub, testContext, uploadViaPicker } from './vault-helpers';

test('a bit flipped in storage: damaged-file message, no download, partial output discarded', async ({ page }) => {
  test.setTimeout(180_000);
  const ctx = testContext();
  await installSaveSwitch(page);
  const { email } = await newVaultUser(page, 'integrity');
  const small = randomFile('one chunk.bin', 20_000);
  // Larger than the batches the download sends to the crypto worker
  // (DECRYPT_BATCH_BYTES), so its first chunks are saved before the damage is reached.
  const large = randomFile('thirteen chunks.bin', 3 * 1024 * 1024 + 1000);
  await uploadViaPicker(page, [small, large]);
  await expectListed(page, [small.name, large.name]);

  const objects = await objectsOf(ctx, email);
  expect(objects).toHaveLength(2);
  const corrupt = async (ciphertextSize: number, offset: (size: number) => number) => {
    const object = objects.find((o) => o.ciphertextSize === ciphertextSize) ?? objects.find((o) => Math.abs(o.ciphertextSize - ciphertextSize) < 200)!;
    await flipStoredBit(ctx, object.objectKey, offset);
  };
  // Small file: a bit in its only chunk. Large file: a bit in its last chunk,
  // so the first chunks authenticate and are already on their way to disk.
  await corrupt(20_000 + 74 + 16, () => 74 + 5_000);
  await corrupt(3 * 1024 * 1024 + 1000 + 74 + 13 * 16, (size) => size - 100);

  // Service-worker path, damage in the first chunk: the browser download never starts.
  await page.goto('/vault?e2e-save=sw');
  let downloads = 0;
  page.on('download', () => downloads++);
  await rowAction(page, small.name, 'Download');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(DAMAGED_FILE_MESSAGE);
  await expect(page.getByRole('main').getByRole('alert')).toContainText('altered or damaged');
  await page.waitForTimeout(2_000);
  expect(downloads).toBe(0);

  // Service-worker path, damage at the end: the download had started and must fail, leaving no file.
  const downloading = page.waitForEvent('download');
  await rowAction(page, large.name, 'Download');
  const download = await downloading;
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(DAMAGED_FILE_MESSAGE);
  expect(await download.failure()).not.toBeNull();

  // File System Access path: the writable is aborted (the browser deletes its temporary file), never closed.
  for (const f of [small, large]) {
    await page.goto('/vault?e2e-save=fs');
    await rowAction(page, f.name, 'Download');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(DAMAGED_FILE_MESSAGE);
    expect(await savedByStub(page)).toMatchObject({ name: f.name, size: 0, closed: false, aborted: true });
  }
  await page.screenshot({ path: test.info().outputPath('damaged-file.png'), fullPage: true });

  // Preview and the layers panel refuse it as well.
  await rowAction(page, small.name, 'Encryption layers');
  await expect(page.getByRole('dialog', { name: 'Encryption layers' }).getByRole('alert')).toContainText('altered or damaged');
});
