// Encrypted thumbnails (docs/format.md §13): an uploaded image gets a small
// decrypted <img> at the start of its row, still there after a reload; a
// text file keeps its icon; the stored thumbnail is ciphertext under SSE-KMS;
// another user cannot get it until it is shared with them, and then sees it
// in Shared with me; a thumbnail the server altered shows nothing
// but the icon. axe passes and screenshots are taken, light and dark.
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, test, type Locator } from './fixtures/test';
import { expectAccessible } from './fixtures/axe';
import { screenshotBoth } from './screens';
import {
  IMAGE_MAGIC, expectListed, fileRow, flipStoredBit, newUserPage, newVaultUser, objectsOf, openView, pngFile, rootS3, rowAction, testContext, textFile, uploadViaPicker,
} from './vault-helpers';

const thumbnailOf = (row: Locator) => row.getByTestId('file-thumbnail').locator('img');

async function expectDecodedThumbnail(row: Locator): Promise<void> {
  // Fetched only when scrolled near the viewport: scroll to it as a user would.
  await row.getByTestId('file-thumbnail').scrollIntoViewIfNeeded();
  const img = thumbnailOf(row);
  await expect(img).toBeVisible({ timeout: 30_000 });
  await expect(img).toHaveAttribute('alt', '');
  await expect(img).toHaveAttribute('src', /^blob:/);
  // Decoded, not a broken image: the browser knows its pixel size, at most 256 on the long side.
  await expect.poll(() => img.evaluate((i: HTMLImageElement) => (i.complete ? i.naturalWidth : 0))).toBe(256);
  expect(await img.evaluate((i: HTMLImageElement) => i.naturalHeight)).toBe(128);
}

test('an uploaded image shows its decrypted thumbnail in the list, after a reload too; others cannot fetch it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const ctx = testContext();
  await page.setViewportSize({ width: 1280, height: 800 });
  const { email } = await newVaultUser(page, 'thumbs');
  // 512×256: the thumbnail is scaled to 256×128 (the longest side 256, the ratio kept).
  const png = await pngFile(page, 'sunset.png', 512, 256);
  await uploadViaPicker(page, [png, textFile('notes.txt', 'no picture here')]);
  await expectListed(page, ['sunset.png', 'notes.txt']);

  await expectDecodedThumbnail(fileRow(page, 'sunset.png'));
  await expect(fileRow(page, 'notes.txt').getByTestId('file-thumbnail')).toBeVisible();
  await expect(thumbnailOf(fileRow(page, 'notes.txt'))).toHaveCount(0);

  await page.reload();
  await expectListed(page, ['sunset.png', 'notes.txt']);
  await expectDecodedThumbnail(fileRow(page, 'sunset.png'));
  await expectAccessible(page, 'the vault with a thumbnail, light');
  await screenshotBoth(page, 'thumbnails-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'the vault with a thumbnail, dark');
  await screenshotBoth(page, 'thumbnails-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  // What the bucket holds beside the file: a §13 blob under SSE-KMS, no image in sight.
  const [image] = (await objectsOf(ctx, email)).filter((o) => o.ciphertextSize > 1000);
  const s3 = rootS3(ctx);
  const key = `${image!.objectKey}.thumb`;
  const head = await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key }));
  expect(head.ServerSideEncryption).toBe('aws:kms');
  expect(head.SSEKMSKeyId).toContain(ctx.minio.kmsKeyName);
  const sealed = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }))).Body!.transformToByteArray());
  s3.destroy();
  expect(sealed[0]).toBe(0x01);
  expect(sealed.length).toBeLessThanOrEqual(64 * 1024);
  for (const magic of IMAGE_MAGIC) expect(sealed.includes(magic)).toBe(false);
  expect(sealed.subarray(0, 4).toString('latin1')).not.toBe('RIFF');

  // Another signed-in user: the owner's file id is a 404, like any unknown id.
  const other = await newUserPage(browser, 'thumbs-other');
  const theirs = await other.page.request.get(`/api/files/${image!.id}/thumbnail`);
  expect(theirs.status()).toBe(404);
  expect(await theirs.json()).toEqual({ error: { code: 'not_found', message: 'file not found' } });
  const upload = await other.page.request.post(`/api/files/${image!.id}/thumbnail`, { data: { size: 1000 } });
  expect(upload.status()).toBe(404);

  // Shared with that user, it shows there too: signed through the share, decrypted with the shared file key.
  await rowAction(page, 'sunset.png', 'Share');
  const dialog = page.getByRole('dialog', { name: 'Share sunset.png' });
  await dialog.getByLabel('Email of the person to share with').fill(other.email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  await dialog.getByRole('button', { name: `Share with ${other.email}` }).click();
  await expect(dialog.getByText(`sunset.png is now shared with ${other.email}.`)).toBeVisible();
  await page.keyboard.press('Escape');
  await other.page.setViewportSize({ width: 1280, height: 800 });
  await openView(other.page, 'Shared with me');
  const sharedRow = other.page.getByRole('list', { name: 'Files shared with me' }).getByRole('listitem', { name: 'sunset.png' });
  await expectDecodedThumbnail(sharedRow);
  await expectAccessible(other.page, 'Shared with me with a thumbnail');
  await screenshotBoth(other.page, 'thumbnails-shared-with-me');
  await other.page.context().close();

  // The server flips one bit of the sealed thumbnail: the row falls back to its icon.
  await flipStoredBit(ctx, key, (size) => size - 5);
  const fetched = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith('.thumb') && r.request().method() === 'GET');
  await page.reload();
  await expectListed(page, ['sunset.png', 'notes.txt']);
  const row = fileRow(page, 'sunset.png');
  await row.getByTestId('file-thumbnail').scrollIntoViewIfNeeded();
  expect((await fetched).status()).toBe(200);
  // Settled (fetched, refused), not a fixed wait: the icon stays and no image appears.
  await expect(row.getByTestId('file-thumbnail')).toHaveAttribute('data-state', 'none');
  await expect(thumbnailOf(row)).toHaveCount(0);
  await fileRow(page, 'notes.txt').getByTestId('file-thumbnail').scrollIntoViewIfNeeded();
  await expect(fileRow(page, 'notes.txt').getByTestId('file-thumbnail')).toHaveAttribute('data-state', 'none');
});
