// Sharing a folder with a user (issue 10 item 3), in two browsers: A shares a
// folder, then adds a file two levels down; B browses the shared subtree and
// downloads that later file byte-identical, while a sibling folder's file is a
// 404 through the share. Then the server attacks: it grafts a folder row of
// its own into the shared tree and moves a file key in from outside; B's
// browser hides both and says so. A revokes and B's access ends.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { folderAction, newFolder, openFolder, openTop } from './folder-helpers';
import { expectListed, newUserPage, savedByStub, sha256, testContext, textFile, uploadViaPicker, withDatabase } from './vault-helpers';

const ctx = testContext();

async function shot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function idsOf(email: string): Promise<Map<string, string>> {
  // Folder ids by creation order are enough here: the names are encrypted.
  return withDatabase(ctx, async (db) => new Map((await db.query<{ id: string; n: string }>(
    `SELECT fo.id, row_number() OVER (ORDER BY fo.created_at)::text AS n FROM folders fo JOIN users u ON u.id = fo.owner_id WHERE u.email = $1`, [email],
  )).rows.map((r) => [r.n, r.id])));
}

test('a shared folder: B sees files added later, not the sibling; injected rows are refused; revoke ends access', async ({ browser }) => {
  test.setTimeout(300_000);
  const a = await newUserPage(browser, 'fshare-a');
  const b = await newUserPage(browser, 'fshare-b');

  // A: "Project X" (with "Drafts" inside) and a sibling "Sibling Z".
  await newFolder(a.page, 'Project X');
  await newFolder(a.page, 'Sibling Z');
  await openFolder(a.page, 'Project X');
  await newFolder(a.page, 'Drafts');
  await openTop(a.page);
  const [projectId, siblingId, draftsId] = [...(await idsOf(a.email)).values()];

  // A shares Project X with B after seeing the pair's safety number.
  await folderAction(a.page, 'Project X', 'Share');
  const dialog = a.page.getByRole('dialog', { name: 'Share folder Project X' });
  await dialog.getByLabel('Email of the person to share with').fill(b.email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  const number = dialog.getByLabel(`Safety number with ${b.email}`);
  await expect(number).toHaveText(/^(\d{5} ){11}\d{5}$/);
  const aSees = (await number.textContent())!;
  await dialog.getByRole('button', { name: `Share with ${b.email}` }).click();
  await expect(dialog.getByText(`Project X is now shared with ${b.email}.`)).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'People this folder is shared with' })).toContainText(b.email);
  await expect(dialog).toContainText('cannot undo what they already downloaded');
  await expectAccessible(a.page, 'the folder share dialog');
  await shot(a.page, 'folder-share-dialog');
  await a.page.keyboard.press('Escape');
  const shareId = await withDatabase(ctx, async (db) => (await db.query<{ id: string }>('SELECT id FROM folder_shares WHERE folder_id = $1', [projectId])).rows[0]!.id);

  // After sharing, A adds a file two levels down, and one in the sibling.
  const later = textFile('added later.txt', 'Written after the folder was shared.\n'.repeat(300));
  await openFolder(a.page, 'Project X');
  await openFolder(a.page, 'Drafts');
  await uploadViaPicker(a.page, [later]);
  await expectListed(a.page, [later.name]);
  await openTop(a.page);
  await openFolder(a.page, 'Sibling Z');
  const outside = textFile('outside.txt', 'Not shared.\n');
  await uploadViaPicker(a.page, [outside]);
  await expectListed(a.page, [outside.name]);
  const fileIds = await withDatabase(ctx, async (db) => new Map((await db.query<{ id: string; folder_id: string }>(
    `SELECT f.id, f.folder_id FROM files f JOIN users u ON u.id = f.owner_id WHERE u.email = $1 AND f.status = 'ready'`, [a.email])).rows.map((r) => [r.folder_id, r.id])));
  const siblingFileId = fileIds.get(siblingId!)!;

  // B: the folder is listed; inside, the later file downloads byte-identical.
  await b.page.goto('/vault?view=shared&e2e-save=fs');
  const shared = b.page.getByRole('list', { name: 'Folders shared with me' });
  // B sees the same number, named after A.
  await shared.getByText(`Safety number with ${a.email}`).click();
  await expect(shared.getByLabel(`Safety number with ${a.email}`)).toHaveText(aSees);
  await expect(shared).toContainText('Project X', { timeout: 30_000 });
  await b.page.getByRole('button', { name: `Open shared folder Project X from ${a.email}` }).click();
  const browse = b.page.getByRole('dialog', { name: 'Shared folder Project X' });
  await browse.getByRole('button', { name: 'Open folder Drafts' }).click();
  await expect(browse.getByRole('navigation', { name: 'Folder path' })).toHaveText(/Project X\s*\/\s*Drafts/);
  await browse.getByRole('button', { name: `Download ${later.name}` }).click();
  await expect(browse.getByText(`${later.name} was decrypted and saved.`)).toBeVisible({ timeout: 30_000 });
  expect((await savedByStub(b.page)).sha256).toBe(sha256(later.buffer));
  await expectAccessible(b.page, 'a shared folder opened by its recipient');
  await shot(b.page, 'shared-folder-browse');

  // Nothing outside the subtree: the sibling's file and folder are not reachable through the share.
  expect((await b.page.request.get(`/api/shared-folders/${shareId}/files/${siblingFileId}/download`)).status()).toBe(404);
  const subtree = await (await b.page.request.get(`/api/shared-folders/${shareId}`)).json() as { folders: { id: string }[] };
  expect(subtree.folders.map((f) => f.id)).toEqual([draftsId]);
  expect((await b.page.request.get(`/api/folders/${siblingId}/shares`)).status()).toBe(404);

  // The server grafts a folder of its own under Project X (Drafts' own name blob,
  // a key it made up) and moves the sibling's file, key unchanged, into Drafts.
  await withDatabase(ctx, async (db) => {
    const { rows } = await db.query<{ owner_id: string; encrypted_metadata: string }>('SELECT owner_id, encrypted_metadata FROM folders WHERE id = $1', [draftsId]);
    await db.query('INSERT INTO folders (id, owner_id, parent_id, wrapped_folder_key, encrypted_metadata) VALUES ($1, $2, $3, $4, $5)',
      [randomUUID(), rows[0]!.owner_id, projectId, randomBytes(61).toString('base64url'), rows[0]!.encrypted_metadata]);
    await db.query('UPDATE files SET folder_id = $1 WHERE id = $2', [draftsId, siblingFileId]);
  });
  await b.page.keyboard.press('Escape');
  await b.page.getByRole('button', { name: `Open shared folder Project X from ${a.email}` }).click();
  await expect(browse.getByRole('alert')).toContainText('2 items in this folder could not be verified');
  // The graft carried Drafts' encrypted name: it must not show up as a second "Drafts".
  await expect(browse.getByRole('button', { name: 'Open folder Drafts' })).toHaveCount(1);
  await browse.getByRole('button', { name: 'Open folder Drafts' }).click();
  await expect(browse.getByRole('button', { name: `Download ${later.name}` })).toBeVisible();
  await expect(browse.getByRole('button', { name: `Download ${outside.name}` })).toHaveCount(0);
  await b.page.keyboard.press('Escape');

  // A revokes: the subtree and its downloads are 404 for B, and the list is empty.
  await a.page.reload();
  await folderAction(a.page, 'Project X', 'Share');
  const again = a.page.getByRole('dialog', { name: 'Share folder Project X' });
  await again.getByRole('button', { name: `Revoke access of ${b.email} to Project X` }).click();
  await expect(again.getByText(`Access of ${b.email} to Project X revoked.`)).toBeVisible();
  expect((await b.page.request.get(`/api/shared-folders/${shareId}`)).status()).toBe(404);
  expect((await b.page.request.get(`/api/shared-folders/${shareId}/files/${fileIds.get(draftsId!)!}/download`)).status()).toBe(404);
  await b.page.getByRole('button', { name: `Open shared folder Project X from ${a.email}` }).click();
  await expect(browse).toContainText(`This folder is no longer shared with you: ${a.email} revoked the share`);
  await b.page.keyboard.press('Escape');
  await b.page.reload();
  await expect(b.page.getByText('Nobody has shared a folder with you.')).toBeVisible({ timeout: 30_000 });
});
