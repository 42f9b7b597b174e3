// What an owner may allow a recipient (issue 6): to share the file on, and to
// delete it. B, allowed to re-share, passes the file to C in the UI; C's
// browser verifies B's signature and downloads identical bytes; the owner
// sees the re-share in the Share dialog. B has no Delete; D, allowed to
// delete, deletes it for everyone.
import { expect, test, type Page } from './fixtures/test';
import { expectListed, fileRow, newUserPage, rowAction, savedByStub, sha256, sharedAction, sharedMenuItems, textFile, uploadViaPicker } from './vault-helpers';

/** Look a person up in a share dialog and confirm, ticking the given permissions. */
async function shareIn(dialog: ReturnType<Page['getByRole']>, email: string, permissions: string[] = []) {
  await dialog.getByLabel('Email of the person to share with').fill(email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  for (const permission of permissions) await dialog.getByRole('checkbox', { name: permission }).check();
  await dialog.getByRole('button', { name: `Share with ${email}` }).click();
}

test('a recipient allowed to re-share passes the file on; one allowed to delete deletes it; others cannot', async ({ browser }) => {
  test.setTimeout(300_000);
  const a = await newUserPage(browser, 'perm-a');
  const b = await newUserPage(browser, 'perm-b');
  const c = await newUserPage(browser, 'perm-c');
  const d = await newUserPage(browser, 'perm-d');
  const file = textFile('team roster.txt', 'alpha, bravo, charlie, delta\n'.repeat(500));
  await uploadViaPicker(a.page, [file]);
  await expectListed(a.page, [file.name]);

  await rowAction(a.page, file.name, 'Share');
  const dialog = a.page.getByRole('dialog', { name: `Share ${file.name}` });
  await shareIn(dialog, b.email, ['Share it with other people']);
  await expect(dialog.getByText(`${file.name} is now shared with ${b.email}.`)).toBeVisible();
  await shareIn(dialog, d.email, ['Delete it for everyone']);
  await expect(dialog.getByText(`${file.name} is now shared with ${d.email}.`)).toBeVisible();
  const people = dialog.getByRole('list', { name: 'People this file is shared with' });
  await expect(people).toContainText(`${b.email} · since`);
  await expect(people).toContainText('may share it on');
  await expect(people).toContainText('may delete it');
  await a.page.keyboard.press('Escape');

  // B: may share on, may not delete.
  await b.page.goto('/vault?view=shared');
  await expect(b.page.getByRole('list', { name: 'Files shared with me' })).toContainText(file.name, { timeout: 30_000 });
  const bMay = await sharedMenuItems(b.page, file.name, a.email);
  expect(bMay).toContain('Share with someone else');
  expect(bMay).not.toContain('Delete for everyone');
  await sharedAction(b.page, file.name, a.email, 'Share with someone else');
  const reshare = b.page.getByRole('dialog', { name: `Share ${file.name} on` });
  await expect(reshare.getByRole('checkbox', { name: 'Delete it for everyone' })).toHaveCount(0);
  await shareIn(reshare, c.email);
  await expect(reshare.getByText(`${file.name} is now shared with ${c.email}.`)).toBeVisible();
  await b.page.keyboard.press('Escape');

  // C: the envelope is B's, verified against B's key; the bytes are A's file. C may neither share on nor delete.
  await c.page.goto('/vault?view=shared&e2e-save=fs');
  const cList = c.page.getByRole('list', { name: 'Files shared with me' });
  await expect(cList).toContainText(`from ${b.email} (owner: ${a.email})`, { timeout: 30_000 });
  const cMay = await sharedMenuItems(c.page, file.name, b.email);
  expect(cMay).toContain('Download');
  expect(cMay).not.toContain('Share with someone else');
  expect(cMay).not.toContain('Delete for everyone');
  await sharedAction(c.page, file.name, b.email, 'Download');
  await expect.poll(async () => (await savedByStub(c.page)).closed, { timeout: 30_000 }).toBe(true);
  expect((await savedByStub(c.page)).sha256).toBe(sha256(file.buffer));

  // A sees who re-shared it, here and on the sharing-activity page.
  await rowAction(a.page, file.name, 'Share');
  await expect(a.page.getByRole('list', { name: 'People this file is shared with' })).toContainText(`${c.email} · since`);
  await expect(a.page.getByRole('list', { name: 'People this file is shared with' })).toContainText(`re-shared by ${b.email}`);
  await a.page.keyboard.press('Escape');
  await a.page.goto('/sharing');
  await expect(a.page.getByRole('table', { name: 'Files shared with people' })).toContainText(`${c.email} · re-shared by ${b.email}`, { timeout: 30_000 });

  // D deletes it for everyone.
  await d.page.goto('/vault?view=shared');
  await sharedAction(d.page, file.name, a.email, 'Delete for everyone');
  await d.page.getByRole('dialog', { name: `Delete ${file.name}?` }).getByRole('button', { name: 'Delete for everyone' }).click();
  await expect(d.page.getByText('Nobody has shared a file with you.')).toBeVisible({ timeout: 30_000 });
  await a.page.goto('/vault');
  await expect(a.page.getByText('No files yet.', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(fileRow(a.page, file.name)).toHaveCount(0);
  await c.page.reload();
  await expect(c.page.getByText('Nobody has shared a file with you.')).toBeVisible({ timeout: 30_000 });
});
