// Preview (image, text) in an accessible dialog, and the "Encryption layers"
// panel: layer 1 described, layer 2 read live from the bucket, and the
// stored bytes next to the plaintext bytes.
import { expect, test } from './fixtures/test';
import { expectListed, newVaultUser, openFile, pngFile, rowAction, testContext, textFile, uploadViaPicker } from './vault-helpers';

test('preview an image and a text file; Escape closes and revokes; the encryption layers panel', async ({ page }) => {
  test.setTimeout(180_000);
  const ctx = testContext();
  await newVaultUser(page, 'preview');
  const png = await pngFile(page, 'sunset.png');
  const text = textFile('poem.txt', 'Roses are red,\n<b>not bold</b> & not <script>alert(1)</script>\n'.repeat(3));
  await uploadViaPicker(page, [png, text]);
  await expectListed(page, [png.name, text.name]);

  // Image: decrypted in memory, shown through a blob: URL that dies with the dialog.
  await openFile(page, png.name);
  const imageDialog = page.getByRole('dialog', { name: `Preview of ${png.name}` });
  const image = imageDialog.getByRole('img', { name: png.name });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(240);
  const src = (await image.getAttribute('src'))!;
  expect(src).toMatch(/^blob:/);
  await page.screenshot({ path: test.info().outputPath('preview-image.png') });
  await page.keyboard.press('Escape');
  await expect(imageDialog).toBeHidden();
  // Revoked by the dialog's effect clean-up, which runs just after the dialog is gone.
  await expect.poll(() => page.evaluate((url) => fetch(url).then(() => 'readable', () => 'revoked'), src)).toBe('revoked');

  // Text: in a <pre>, as text (the markup stays markup, nothing runs).
  await openFile(page, text.name);
  const textDialog = page.getByRole('dialog', { name: `Preview of ${text.name}` });
  const contents = textDialog.getByLabel(`Contents of ${text.name}`);
  await expect(contents).toHaveText(text.buffer.toString('utf8'), { useInnerText: false });
  expect(await contents.evaluate((pre) => pre.tagName + pre.children.length)).toBe('PRE0');
  await textDialog.getByRole('button', { name: 'Close' }).click();
  await expect(textDialog).toBeHidden();

  // Encryption layers.
  await rowAction(page, text.name, 'Encryption layers');
  const layers = page.getByRole('dialog', { name: 'Encryption layers' });
  await expect(layers.getByRole('heading', { name: 'Layer 1 · your browser' })).toBeVisible();
  await expect(layers).toContainText('AES-256-GCM, chunked and key-committing');
  await expect(layers).toContainText('256 KiB');
  await expect(layers).toContainText('wrapped (encrypted) under your root key');
  await expect(layers).toContainText('Not shared');
  await expect(layers.getByRole('heading', { name: 'Layer 2 · the storage bucket' })).toBeVisible();
  await expect(layers).toContainText('aws:kms', { timeout: 30_000 });
  await expect(layers).toContainText(ctx.minio.kmsKeyName);
  await expect(layers).toContainText("the deployment's key");
  // The panel says what the mode in force (aws:kms here) gives the operator over SSE-S3.
  await expect(layers).toContainText('With SSE-KMS the operator keeps control of that key');
  await expect(layers).toContainText('SSE-S3 would give all of that up');
  const hex = async (label: RegExp) => (await layers.getByLabel(label).textContent())!.replace(/\s+/g, '');
  const stored = await hex(/^Stored bytes/);
  const plain = await hex(/^Your file/);
  expect(stored).toMatch(/^[0-9a-f]{128}$/);
  expect(stored.startsWith('54574f4601')).toBe(true); // "TWOF", format version 1
  expect(plain).toBe(text.buffer.subarray(0, 64).toString('hex'));
  expect(stored).not.toBe(plain);
  expect(stored).not.toContain(plain.slice(0, 16));
  await page.screenshot({ path: test.info().outputPath('layers-panel.png') });
  await layers.getByRole('heading', { name: 'What the server stores' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath('layers-bytes.png') });
  await page.keyboard.press('Escape');
  await expect(layers).toBeHidden();
});
