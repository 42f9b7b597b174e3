// [Zero-knowledge canary] A file whose content holds one unique marker and
// whose name holds another goes through the whole life cycle (upload,
// rename, preview, layers, download). Then the test looks everywhere the
// operator could: every request the browser sent (URL, headers, body, to the
// app and to storage), every row of every table of the app's database, the
// object as MinIO's root user reads it, and every file under MinIO's data
// directory. Neither marker may appear in any of them. Finally the first
// 64 KiB of the client's ciphertext must not be on MinIO's disks verbatim:
// the bucket's own SSE-KMS layer re-encrypted it.
// An image whose pixel bytes spell a third marker goes up beside it and gets
// its encrypted thumbnail (format.md §13): neither that marker nor any image
// signature (PNG, WebP, JPEG) may reach the server, its database or its
// disks, and the sealed thumbnail is not on the disks verbatim either.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, test, type Request } from './fixtures/test';
import { dumpDatabase, findIn, forms } from './leak-helpers';
import {
  IMAGE_MAGIC, expectListed, fileRow, installSaveSwitch, markerBmp, newVaultUser, objectsOf, openFile, rootS3, rowAction, savedByStub, sha256, testContext,
  uploadViaPicker,
} from './vault-helpers';

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else yield path;
  }
}

test('zero-knowledge canary: no name or content marker reaches the server, its database or its disks', async ({ page }) => {
  test.setTimeout(180_000);
  const ctx = testContext();
  const tag = randomBytes(8).toString('hex').toUpperCase();
  const contentMarker = `CONTENT-CANARY-${tag}`;
  const nameMarker = `NAMECANARY${tag}`;
  const renamedMarker = `RENAMEDCANARY${tag}`;
  const pixelMarker = `PIXEL-CANARY-${tag}`;
  const name = `${nameMarker} secret plans.txt`;
  // Text around the marker, over a few chunks, so there is more than 64 KiB of ciphertext.
  const filler = 'The quick brown fox jumps over the lazy dog. '.repeat(4000);
  const content = Buffer.from(`${filler}\n${contentMarker}\n${filler}`, 'utf8');

  const requests: Request[] = [];
  // On the context, not the page: it also sees requests from the upload worker.
  page.context().on('request', (r) => requests.push(r));
  await installSaveSwitch(page);
  const { email } = await newVaultUser(page, 'canary');
  await uploadViaPicker(page, [{ name, mimeType: 'text/plain', buffer: content }]);
  await expectListed(page, [name]);
  // Small (160×100, 48 KiB) so it is told apart from the text file by size below.
  const image = markerBmp(`${nameMarker} photo.bmp`, pixelMarker, 160, 100);
  await uploadViaPicker(page, [image]);
  await expectListed(page, [name, image.name]);
  // The thumbnail was made, sealed, stored, fetched and decrypted: its requests are in `requests` too.
  // Fetched when scrolled near the viewport, as a user would scroll to it.
  await fileRow(page, image.name).getByTestId('file-thumbnail').scrollIntoViewIfNeeded();
  await expect(fileRow(page, image.name).getByTestId('file-thumbnail').locator('img')).toBeVisible({ timeout: 30_000 });

  // Everything else the page can do with it, so those requests are captured too.
  await openFile(page, name);
  await expect(page.getByLabel(`Contents of ${name}`)).toContainText(contentMarker);
  await page.keyboard.press('Escape');
  await rowAction(page, name, 'Encryption layers');
  await expect(page.getByRole('dialog', { name: 'Encryption layers' })).toContainText('aws:kms', { timeout: 30_000 });
  await page.keyboard.press('Escape');
  await rowAction(page, name, 'Rename');
  const renamed = `${renamedMarker}.txt`;
  await page.getByRole('dialog').getByLabel('New name').fill(renamed);
  await page.getByRole('dialog').getByRole('button', { name: 'Save name' }).click();
  await expectListed(page, [renamed]);
  await page.goto('/vault?e2e-save=fs');
  await rowAction(page, renamed, 'Download');
  await expect(page.getByText(`${renamed} was decrypted and saved.`)).toBeVisible();
  expect((await savedByStub(page)).sha256).toBe(sha256(content));
  await expect(fileRow(page, renamed)).toBeVisible();

  const needles = [...forms(contentMarker), ...forms(nameMarker), ...forms(renamedMarker), ...forms(pixelMarker), ...IMAGE_MAGIC];
  // Control: the search does find the markers where they are.
  expect(findIn(content, needles) && findIn(Buffer.from(name), needles) && findIn(Buffer.from(renamed), needles)).toBe(true);
  expect(findIn(image.buffer, forms(pixelMarker))).toBe(true);

  // 1. Every request the browser sent: app and storage alike.
  expect(requests.length).toBeGreaterThan(10);
  const leaks: string[] = [];
  let bodies = 0;
  for (const request of requests) {
    const body = request.postDataBuffer();
    if (body) bodies++;
    const haystack = Buffer.concat([Buffer.from(`${request.url()}\n${JSON.stringify(await request.allHeaders())}\n`), body ?? Buffer.alloc(0)]);
    if (findIn(haystack, needles)) leaks.push(`${request.method()} ${new URL(request.url()).pathname}`);
  }
  expect(bodies).toBeGreaterThan(3);
  expect(leaks).toEqual([]);

  // 2. Every row of every table of the app's database.
  const dump = await dumpDatabase(ctx);
  expect(Object.keys(dump)).toEqual(expect.arrayContaining(['public.files', 'public.users', 'public.user_keys']));
  expect(dump['public.files']!.length).toBeGreaterThan(0);
  expect(findIn(Buffer.from(JSON.stringify(dump)), needles)).toBe(false);

  // 3. The object as MinIO's root user reads it: SSE is transparent, so this is the layer-1 ciphertext.
  const objects = await objectsOf(ctx, email);
  expect(objects).toHaveLength(2);
  const object = objects.find((o) => o.ciphertextSize > 64 * 1024);
  const imageObject = objects.find((o) => o !== object)!;
  const s3 = rootS3(ctx);
  const head = await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: object!.objectKey }));
  expect(head.ServerSideEncryption).toBe('aws:kms');
  const got = await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: object!.objectKey }));
  const ciphertext = Buffer.from(await got.Body!.transformToByteArray());
  expect(ciphertext.length).toBe(object!.ciphertextSize);
  expect(ciphertext.length).toBeGreaterThan(64 * 1024);
  expect(ciphertext.subarray(0, 4).toString('latin1')).toBe('TWOF');
  expect(findIn(ciphertext, needles)).toBe(false);
  expect(ciphertext.includes(content.subarray(0, 64))).toBe(false);
  const imageCiphertext = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: imageObject.objectKey }))).Body!.transformToByteArray());
  expect(findIn(imageCiphertext, needles)).toBe(false);
  // The thumbnail beside it: SSE-KMS, a §13 blob (version 01), no marker or image signature inside.
  const thumbKey = `${imageObject.objectKey}.thumb`;
  expect((await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: thumbKey }))).ServerSideEncryption).toBe('aws:kms');
  const sealedThumbnail = Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: thumbKey }))).Body!.transformToByteArray());
  expect(sealedThumbnail[0]).toBe(0x01);
  expect(sealedThumbnail.length).toBeGreaterThan(29);
  expect(findIn(sealedThumbnail, needles)).toBe(false);
  // Storage PUTs were captured (URL and headers checked above). Bodies sent
  // from the upload worker are invisible to Playwright; any that is visible
  // must be a piece of exactly the ciphertext checked here.
  const storagePuts = requests.filter((r) => r.method() === 'PUT' && !r.url().startsWith(new URL(page.url()).origin));
  expect(storagePuts.length).toBeGreaterThan(0);
  for (const put of storagePuts) {
    const body = put.postDataBuffer();
    if (body) expect(ciphertext.includes(body) || imageCiphertext.includes(body) || sealedThumbnail.equals(body)).toBe(true);
  }

  // 4. Every file under MinIO's data directory (objects, metadata, KMS state, logs of its own).
  const firstCiphertext = ciphertext.subarray(0, 64 * 1024);
  let scanned = 0;
  let scannedBytes = 0;
  const onDisk: string[] = [];
  for (const path of walk(ctx.minio.dataDir)) {
    const bytes = readFileSync(path);
    scanned++;
    scannedBytes += bytes.length;
    if (findIn(bytes, needles)) onDisk.push(`marker in ${path}`);
    // The second layer: the client's ciphertext itself is not on disk either.
    if (bytes.includes(firstCiphertext)) onDisk.push(`client ciphertext in ${path}`);
    if (bytes.includes(sealedThumbnail)) onDisk.push(`sealed thumbnail in ${path}`);
  }
  expect(scannedBytes).toBeGreaterThan(ciphertext.length);
  expect(onDisk).toEqual([]);
  console.log(`[canary] ${requests.length} requests (${bodies} with bodies), ${Object.keys(dump).length} tables, ${scanned} files / ${scannedBytes} bytes under MinIO's data directory: no marker, no client ciphertext`);
});
