// Revoke and re-encrypt (issue 6) in three browsers: A shares a file with B
// and C, then revokes B by re-encrypting; A sees what it cannot undo, the
// progress and the success notice; B's list is empty and B's old share is a
// 404; C downloads byte-identical content under the new key; the old object
// is gone from the bucket and the old row from the database.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { expect, test, type Locator } from './fixtures/test';
import { expectListed, fileRow, newUserPage, randomFile, rootS3, rowAction, savedByStub, sha256, sharedAction, testContext, uploadViaPicker, withDatabase } from './vault-helpers';

async function fileOf(email: string): Promise<{ id: string; objectKey: string }> {
  return withDatabase(testContext(), async (db) => {
    const row = (await db.query<{ id: string; object_key: string }>(
      `SELECT f.id, f.object_key FROM files f JOIN users u ON u.id = f.owner_id WHERE u.email = $1 AND f.status = 'ready' ORDER BY f.completed_at DESC LIMIT 1`, [email])).rows[0]!;
    return { id: row.id, objectKey: row.object_key };
  });
}

async function shareIdOf(fileId: string, recipientEmail: string): Promise<string> {
  return withDatabase(testContext(), async (db) => (await db.query<{ id: string }>(
    'SELECT s.id FROM shares s JOIN users u ON u.id = s.recipient_id WHERE s.file_id = $1 AND u.email = $2', [fileId, recipientEmail])).rows[0]!.id);
}

async function headStatus(objectKey: string): Promise<number> {
  const ctx = testContext();
  const s3 = rootS3(ctx);
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: objectKey }))).$metadata.httpStatusCode ?? 0;
  } catch (error) {
    return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  } finally {
    s3.destroy();
  }
}

async function shareIn(dialog: Locator, fileName: string, email: string): Promise<void> {
  await dialog.getByLabel('Email of the person to share with').fill(email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  await dialog.getByRole('button', { name: `Share with ${email}` }).click();
  await expect(dialog.getByText(`${fileName} is now shared with ${email}.`)).toBeVisible();
}

test('revoke and re-encrypt: B is cut off from what is stored, C keeps byte-identical access, the old object is gone', async ({ browser }) => {
  test.setTimeout(300_000);
  const a = await newUserPage(browser, 'rekey-a');
  const b = await newUserPage(browser, 'rekey-b');
  const c = await newUserPage(browser, 'rekey-c');
  // Several chunks, so the re-encryption reads and decrypts ranges of the old object.
  const file = randomFile('rekey plans.bin', 1_300_000);
  await uploadViaPicker(a.page, [file]);
  await expectListed(a.page, [file.name]);
  const old = await fileOf(a.email);

  await rowAction(a.page, file.name, 'Share');
  const dialog = a.page.getByRole('dialog', { name: `Share ${file.name}` });
  await shareIn(dialog, file.name, b.email);
  await shareIn(dialog, file.name, c.email);
  const bobShare = await shareIdOf(old.id, b.email);
  expect((await b.page.request.get(`/api/shared/${bobShare}/download`)).status()).toBe(200);

  // The confirmation says plainly what happens and what cannot be undone.
  await dialog.getByRole('button', { name: `Revoke and re-encrypt for ${b.email}` }).click();
  const panel = dialog.getByRole('region', { name: `Revoke and re-encrypt for ${b.email}` });
  await expect(panel).toContainText('encrypts it again under a new key');
  await expect(panel).toContainText('The old stored copy is deleted');
  await expect(panel).toContainText('keeps access');
  await expect(panel).toContainText('Public links to this file stop working');
  await expect(panel).toContainText('Copies already downloaded cannot be recalled');

  // Hold each part PUT a moment, so the progress bar is seen while it runs.
  await a.page.route((url) => url.searchParams.has('X-Amz-Signature'), async (route) => {
    if (route.request().method() === 'PUT') await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await panel.getByRole('button', { name: `Re-encrypt and revoke ${b.email}` }).click();
  await expect(panel.getByRole('progressbar', { name: `Re-encrypting ${file.name}` })).toBeVisible();
  await expect(panel.getByRole('status').filter({ hasText: 're-encrypted under a new key' })).toContainText(`${b.email} no longer has access`, { timeout: 60_000 });
  await expect(panel).toContainText('Copies already downloaded cannot be recalled');
  await a.page.unrouteAll({ behavior: 'wait' });

  // The dialog now lists the file's shares under its new id: C only.
  const people = dialog.getByRole('list', { name: 'People this file is shared with' });
  await expect(people).toContainText(c.email);
  await expect(people).not.toContainText(b.email);
  await a.page.keyboard.press('Escape');

  // A's vault shows the file under its new id; the old row and object are gone.
  const fresh = await fileOf(a.email);
  expect(fresh.id).not.toBe(old.id);
  expect(fresh.objectKey).not.toBe(old.objectKey);
  await expect(fileRow(a.page, file.name)).toBeVisible();
  await expect(a.page.getByRole('list', { name: 'Your files' }).getByRole('listitem')).toHaveCount(1);
  expect(await withDatabase(testContext(), async (db) => (await db.query('SELECT 1 FROM files WHERE id = $1', [old.id])).rowCount)).toBe(0);
  expect(await headStatus(old.objectKey)).toBe(404);
  expect(await headStatus(fresh.objectKey)).toBe(200);
  expect((await a.page.request.get(`/api/files/${old.id}/download`)).status()).toBe(404);

  // B: nothing listed, the old share is a 404.
  await b.page.goto('/vault?view=shared');
  await expect(b.page.getByText('Nobody has shared a file with you.')).toBeVisible({ timeout: 30_000 });
  expect((await b.page.request.get(`/api/shared/${bobShare}/download`)).status()).toBe(404);

  // C: the file under its new key, byte-identical.
  await c.page.goto('/vault?view=shared&e2e-save=fs');
  const sharedList = c.page.getByRole('list', { name: 'Files shared with me' });
  await expect(sharedList).toContainText(file.name, { timeout: 30_000 });
  await sharedAction(c.page, file.name, a.email, 'Download');
  await expect.poll(async () => (await savedByStub(c.page)).closed, { timeout: 30_000 }).toBe(true);
  const saved = await savedByStub(c.page);
  expect(saved.size).toBe(file.buffer.length);
  expect(saved.sha256).toBe(sha256(file.buffer));
});
