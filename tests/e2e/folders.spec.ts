// Folders as a person uses them on the vault page: a 3-level tree, an upload
// into it, moves (the stored object untouched), the client refusing a cycle,
// search three levels down, the trash and restore, a folder upload of 50+
// files, and two attacks by the server: a file key moved into another folder
// and a folder row injected into the tree. Both are refused by the browser.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { crumbs, folderAction, newFolder, openFolder } from './folder-helpers';
import { expectListed, fileRow, newVaultUser, objectsOf, openView, randomFile, rootS3, rowAction, testContext, uploadViaPicker, withDatabase } from './vault-helpers';

const ctx = testContext();

async function objectOf(email: string, id: string): Promise<{ etag: string; sha: string }> {
  const key = (await objectsOf(ctx, email)).find((o) => o.id === id)!.objectKey;
  const s3 = rootS3(ctx);
  const head = await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key }));
  const body = await (await s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: key }))).Body!.transformToByteArray();
  s3.destroy();
  return { etag: head.ETag!, sha: createHash('sha256').update(body).digest('hex') };
}

test('a 3-level tree: upload into it, move a file (object untouched) and a folder, no cycles, search, trash and restore', async ({ page }) => {
  test.setTimeout(180_000);
  const { email } = await newVaultUser(page, 'folders');
  const sent: string[] = [];
  page.on('request', (r) => void (r.postData() !== null && sent.push(r.postData()!)));

  await newFolder(page, 'Taxes');
  await openFolder(page, 'Taxes');
  await newFolder(page, 'Year 2026');
  await openFolder(page, 'Year 2026');
  await newFolder(page, 'Receipts Q1');
  await openFolder(page, 'Receipts Q1');
  await expect(crumbs(page)).toHaveText(/My files\s*\/\s*Taxes\s*\/\s*Year 2026\s*\/\s*Receipts Q1/);
  await expect(page.getByText('This folder is empty.')).toBeVisible();

  const deep = randomFile('deep receipt.bin', 300 * 1024);
  await uploadViaPicker(page, [deep]);
  await expectListed(page, [deep.name]);
  await expectAccessible(page, 'a folder three levels down');
  // Names travel encrypted: no folder or file name in any request body.
  for (const name of ['Taxes', 'Year 2026', 'Receipts Q1', deep.name]) expect(sent.some((body) => body.includes(name)), name).toBe(false);

  // Search finds it from the top, with its path.
  await crumbs(page).getByRole('button', { name: 'My files' }).click();
  await expect(fileRow(page, deep.name)).toHaveCount(0);
  await page.getByLabel('Search all folders').fill('RECEIPT');
  await expect(fileRow(page, deep.name)).toContainText('in Taxes/Year 2026/Receipts Q1');
  await page.getByLabel('Search all folders').fill('');

  // Move the file up to Taxes: one key re-wrapped, the object byte for byte the same.
  const id = (await objectsOf(ctx, email))[0]!.id;
  const before = await objectOf(email, id);
  await openFolder(page, 'Taxes');
  await openFolder(page, 'Year 2026');
  await openFolder(page, 'Receipts Q1');
  await rowAction(page, deep.name, 'Move');
  const move = page.getByRole('dialog', { name: `Move ${deep.name}` });
  await move.getByLabel('Destination folder').selectOption({ label: 'Taxes' });
  await move.getByRole('button', { name: 'Move here' }).click();
  await expect(page.getByText(`${deep.name} was moved to Taxes.`)).toBeVisible();
  await expect(fileRow(page, deep.name)).toHaveCount(0);
  expect(await objectOf(email, id)).toEqual(before);
  await page.reload();
  await openFolder(page, 'Taxes');
  await expectListed(page, [deep.name]); // opens under Taxes' key after a reload

  // A folder cannot move into itself or below itself: the client does not offer it.
  await folderAction(page, 'Year 2026', 'Move');
  const moveFolder = page.getByRole('dialog', { name: 'Move Year 2026' });
  const destinations = await moveFolder.getByLabel('Destination folder').locator('option').allTextContents();
  expect(destinations).toEqual(['My files (top level)', 'Taxes']);
  await moveFolder.getByLabel('Destination folder').selectOption({ label: 'My files (top level)' });
  await moveFolder.getByRole('button', { name: 'Move here' }).click();
  await expect(page.getByRole('button', { name: 'Open folder Year 2026' })).toHaveCount(0);
  await crumbs(page).getByRole('button', { name: 'My files' }).click();
  await openFolder(page, 'Year 2026');
  await expect(page.getByRole('button', { name: 'Open folder Receipts Q1' })).toBeVisible();

  // Trash a folder with a file inside, then restore it.
  await crumbs(page).getByRole('button', { name: 'My files' }).click();
  await folderAction(page, 'Taxes', 'Move to trash');
  await expect(page.getByText('Taxes and everything in it were moved to the trash.')).toBeVisible();
  await page.getByLabel('Search all folders').fill('receipt');
  await expect(page.getByText('No file in any folder matches the search.')).toBeVisible();
  await page.getByLabel('Search all folders').fill('');
  await openView(page, 'Trash');
  const trash = page.getByRole('list', { name: 'Items in the trash' });
  await expect(trash.getByRole('listitem', { name: 'Taxes' })).toContainText('Folder with 1 file');
  await expectAccessible(page, 'the trash');
  await rowAction(page, 'Taxes', 'Restore');
  await expect(page.getByText('Taxes was restored.')).toBeVisible();
  await openView(page, 'My files');
  await openFolder(page, 'Taxes');
  await expectListed(page, [deep.name]);
  await page.screenshot({ path: test.info().outputPath('folder-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath('folder-390.png'), fullPage: true });
});

test('a folder upload of 52 files in 3 levels recreates the tree, and search finds a file 3 levels down', async ({ page }) => {
  test.setTimeout(240_000);
  await newVaultUser(page, 'folder-upload');
  const root = await mkdtemp(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'folder-upload-'));
  const top = join(root, 'Holiday');
  const paths: string[] = [];
  for (const [dir, count] of [['', 20], ['Day 1', 16], ['Day 1/Beach', 16]] as const) {
    await mkdir(join(top, dir), { recursive: true });
    for (let i = 0; i < count; i++) {
      const rel = join(dir, `${dir === '' ? 'top' : dir.split('/').pop()!.toLowerCase().replace(' ', '')}-${i}.bin`);
      await writeFile(join(top, rel), randomBytes(1024 + i));
      paths.push(rel);
    }
  }
  await writeFile(join(top, 'Day 1/Beach/sunset deep.txt'), 'found me');
  await page.getByLabel('Upload folder').setInputFiles(top);
  await expect(page.getByText('All uploads finished.')).toBeVisible({ timeout: 180_000 });
  await openFolder(page, 'Holiday');
  await expect(page.getByTestId('file-name')).toHaveCount(20);
  await openFolder(page, 'Day 1');
  await expect(page.getByTestId('file-name')).toHaveCount(16);
  await openFolder(page, 'Beach');
  await expect(page.getByTestId('file-name')).toHaveCount(17);
  await crumbs(page).getByRole('button', { name: 'My files' }).click();
  await page.getByLabel('Search all folders').fill('sunset');
  await expect(fileRow(page, 'sunset deep.txt')).toContainText('in Holiday/Day 1/Beach');
});

test('the browser refuses a file key the server moved into another folder, and a folder row it injected', async ({ page }) => {
  test.setTimeout(180_000);
  const { email } = await newVaultUser(page, 'folder-attack');
  await newFolder(page, 'Private');
  await newFolder(page, 'Public');
  await openFolder(page, 'Private');
  const secret = randomFile('secret plan.bin', 2048);
  await uploadViaPicker(page, [secret]);
  await expectListed(page, [secret.name]);

  // The server re-files the row under "Public" without the key being re-wrapped for it.
  await withDatabase(ctx, async (db) => {
    const { rows } = await db.query<{ id: string }>(`SELECT fo.id FROM folders fo JOIN users u ON u.id = fo.owner_id WHERE u.email = $1 ORDER BY fo.created_at DESC LIMIT 1`, [email]);
    await db.query(`UPDATE files SET folder_id = $1 WHERE owner_id = (SELECT id FROM users WHERE email = $2)`, [rows[0]!.id, email]);
    // And grafts a folder of its own making into the tree, under "Private".
    const { rows: priv } = await db.query<{ id: string; owner_id: string; wrapped_folder_key: string; encrypted_metadata: string }>(
      `SELECT fo.* FROM folders fo JOIN users u ON u.id = fo.owner_id WHERE u.email = $1 ORDER BY fo.created_at ASC LIMIT 1`, [email]);
    await db.query(`INSERT INTO folders (id, owner_id, parent_id, wrapped_folder_key, encrypted_metadata) VALUES ($1, $2, $3, $4, $5)`,
      [randomUUID(), priv[0]!.owner_id, priv[0]!.id, randomBytes(61).toString('base64url'), priv[0]!.encrypted_metadata]);
  });
  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be opened with your keys' })).toContainText('One file');
  await expect(page.getByRole('alert').filter({ hasText: 'One folder could not be opened' })).toBeVisible();
  await openFolder(page, 'Public');
  await expect(fileRow(page, secret.name)).toHaveCount(0);
  await crumbs(page).getByRole('button', { name: 'My files' }).click();
  await openFolder(page, 'Private');
  // The injected row carried Private's own encrypted name: it must not show up as a second "Private".
  await expect(page.getByRole('button', { name: /^Open folder/ })).toHaveCount(0);
});
