// Sharing between users (issue 6), in three browsers: A shares with B after
// comparing safety numbers, B downloads identical bytes, a stranger C gets
// 404s, revoking cuts B off; then the attacks: the server swaps B's public
// keys (A's browser warns and shares nothing) and the server injects a share
// whose envelope the owner never signed (B's browser refuses it).
import { expect, test, type Page } from './fixtures/test';
import { expectListed, newUserPage, openView, rowAction, savedByStub, sha256, sharedAction, testContext, textFile, uploadViaPicker, withDatabase } from './vault-helpers';

async function shareRows(fileId: string): Promise<Array<{ id: string; recipient_id: string }>> {
  return withDatabase(testContext(), async (db) => (await db.query<{ id: string; recipient_id: string }>('SELECT id, recipient_id FROM shares WHERE file_id = $1', [fileId])).rows);
}

async function fileIdOf(email: string): Promise<string> {
  return withDatabase(testContext(), async (db) => (await db.query<{ id: string }>(
    `SELECT f.id FROM files f JOIN users u ON u.id = f.owner_id WHERE u.email = $1 AND f.status = 'ready' ORDER BY f.completed_at DESC LIMIT 1`, [email])).rows[0]!.id);
}

async function shareWith(page: Page, fileName: string, email: string) {
  await rowAction(page, fileName, 'Share');
  const dialog = page.getByRole('dialog', { name: `Share ${fileName}` });
  await dialog.getByLabel('Email of the person to share with').fill(email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  return dialog;
}

test('share with a user, download, stranger 404s, revoke; key substitution and share injection are refused', async ({ browser }) => {
  test.setTimeout(300_000);
  const a = await newUserPage(browser, 'share-a');
  const b = await newUserPage(browser, 'share-b');
  const c = await newUserPage(browser, 'share-c');
  const file = textFile('shared plan.txt', 'Meet at the usual place.\n'.repeat(200));
  await uploadViaPicker(a.page, [file]);
  await expectListed(a.page, [file.name]);
  const fileId = await fileIdOf(a.email);

  // A: look B up, see the pair's one safety number (format.md §7.1), share.
  const dialog = await shareWith(a.page, file.name, b.email);
  const number = dialog.getByLabel(`Safety number with ${b.email}`);
  await expect(number).toHaveText(/^(\d{5} ){11}\d{5}$/);
  const aSees = (await number.textContent())!;
  await dialog.getByRole('button', { name: `Share with ${b.email}` }).click();
  await expect(dialog.getByText(`${file.name} is now shared with ${b.email}.`)).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'People this file is shared with' })).toContainText(b.email);
  await expect(dialog).toContainText('cannot undo copies the person already downloaded');
  await a.page.keyboard.press('Escape');
  const [share] = await shareRows(fileId);
  expect(share).toBeDefined();
  await rowAction(a.page, file.name, 'Encryption layers');
  await expect(a.page.getByRole('dialog', { name: 'Encryption layers' })).toContainText('1 person (1 share)');
  await a.page.keyboard.press('Escape');

  // B: listed under "Shared with me"; the download is byte-identical.
  await b.page.goto('/vault?view=shared&e2e-save=fs');
  const sharedList = b.page.getByRole('list', { name: 'Files shared with me' });
  await expect(sharedList).toContainText(file.name, { timeout: 30_000 });
  await expect(sharedList).toContainText(`from ${a.email}`);
  // B sees the same number, named after A: one string to compare over a call.
  await sharedList.getByText(`Safety number with ${a.email}`).click();
  await expect(sharedList.getByLabel(`Safety number with ${a.email}`)).toHaveText(aSees);
  await sharedAction(b.page, file.name, a.email, 'Download');
  await expect.poll(async () => (await savedByStub(b.page)).closed, { timeout: 30_000 }).toBe(true);
  expect((await savedByStub(b.page)).sha256).toBe(sha256(file.buffer));
  // The download from "Shared with me" ends in a plain success message, as in the vault.
  await expect(b.page.getByText(`${file.name} was decrypted and saved.`)).toBeVisible();
  // B is a recipient, not an owner: the file routes stay closed.
  expect((await b.page.request.delete(`/api/files/${fileId}`)).status()).toBe(404);
  expect((await b.page.request.get(`/api/files/${fileId}/download`)).status()).toBe(404);

  // C, a stranger: 404 for the file and the share, nothing listed.
  expect((await c.page.request.get(`/api/files/${fileId}/download`)).status()).toBe(404);
  expect((await c.page.request.get(`/api/shared/${share!.id}/download`)).status()).toBe(404);
  await openView(c.page, 'Shared with me');
  await expect(c.page.getByText('Nobody has shared a file with you.')).toBeVisible();
  await openView(c.page, 'My files');

  // A revokes; B gets nothing more.
  const again = await shareWith(a.page, file.name, b.email);
  await again.getByRole('button', { name: `Revoke access of ${b.email}` }).click();
  await expect(again.getByText(`Access of ${b.email} revoked.`)).toBeVisible();
  await a.page.keyboard.press('Escape');
  expect(await shareRows(fileId)).toEqual([]);
  expect((await b.page.request.get(`/api/shared/${share!.id}/download`)).status()).toBe(404);
  await b.page.reload();
  await expect(b.page.getByText('Nobody has shared a file with you.')).toBeVisible();

  // Key substitution: the server hands out C's keys as B's. A pinned B's
  // identity key when sharing, so A's browser warns and shares nothing.
  await withDatabase(testContext(), async (db) => {
    const saved = await db.query('SELECT hpke_public_key, identity_public_key, hpke_key_binding_signature FROM user_keys u JOIN users x ON x.id = u.user_id WHERE x.email = $1', [b.email]);
    await db.query(
      `UPDATE user_keys SET (hpke_public_key, identity_public_key, hpke_key_binding_signature) =
         (SELECT k.hpke_public_key, k.identity_public_key, k.hpke_key_binding_signature FROM user_keys k JOIN users x ON x.id = k.user_id WHERE x.email = $2)
       WHERE user_id = (SELECT id FROM users WHERE email = $1)`, [b.email, c.email]);
    try {
      const swapped = await shareWith(a.page, file.name, b.email);
      await expect(swapped.getByRole('alert')).toContainText(`The identity key of ${b.email} changed`);
      await expect(swapped.getByRole('button', { name: `Share with ${b.email}` })).toBeDisabled();
      expect(await shareRows(fileId)).toEqual([]);
      await a.page.keyboard.press('Escape');
    } finally {
      const row = saved.rows[0] as { hpke_public_key: string; identity_public_key: string; hpke_key_binding_signature: string };
      await db.query('UPDATE user_keys SET hpke_public_key = $2, identity_public_key = $3, hpke_key_binding_signature = $4 WHERE user_id = (SELECT id FROM users WHERE email = $1)',
        [b.email, row.hpke_public_key, row.identity_public_key, row.hpke_key_binding_signature]);
    }
  });

  // Share injection: C (not the owner) seals a real, signed envelope to B for
  // C's own file; the server then presents it as A's share of A's file. B's
  // browser checks the signature against A's identity key and refuses it.
  const cFile = textFile('c note.txt', 'not the owner\n');
  await uploadViaPicker(c.page, [cFile]);
  await expectListed(c.page, [cFile.name]);
  const cDialog = await shareWith(c.page, cFile.name, b.email);
  await cDialog.getByRole('button', { name: `Share with ${b.email}` }).click();
  await expect(cDialog.getByText(`${cFile.name} is now shared with ${b.email}.`)).toBeVisible();
  const [cShare] = await shareRows(await fileIdOf(c.email));
  await withDatabase(testContext(), async (db) => {
    // The server claims the owner sent it: owner and sender both become A.
    await db.query('UPDATE shares SET file_id = $2, owner_id = (SELECT owner_id FROM files WHERE id = $2), shared_by = (SELECT owner_id FROM files WHERE id = $2) WHERE id = $1', [cShare!.id, fileId]);
  });
  await b.page.reload();
  const refused = b.page.getByRole('alert').filter({ hasText: 'shared file was refused' });
  await expect(refused).toContainText(`not signed by ${a.email}`, { timeout: 30_000 });
  await expect(b.page.getByRole('list', { name: 'Files shared with me' })).toHaveCount(0);
});
