// Every dialog of the vault, opened the way a user opens it: axe finds no
// WCAG A/AA violation with it open, Escape closes it, and each is
// photographed at 1280×800 and 390×844 (issue 11, item 7).
import type { Page } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { folderAction, newFolder } from './folder-helpers';
import { expectListed, newVaultUser, openFile, openView, pngFile, rowAction, textFile, uploadViaPicker } from './vault-helpers';

async function checkDialog(page: Page, name: string, slug: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, `the dialog "${name}"`);
  await screenshotBoth(page, `dialog-${slug}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('each vault dialog passes axe, closes with Escape, and is photographed at both sizes', async ({ page }) => {
  test.setTimeout(240_000);
  await newVaultUser(page, 'dialogs');
  const photo = await pngFile(page, 'holiday photo.png');
  await uploadViaPicker(page, [textFile('notes.txt', 'Some notes.\n'), photo]);
  await expectListed(page, ['notes.txt', photo.name]);
  await newFolder(page, 'Projects');

  await openFile(page, photo.name);
  await checkDialog(page, `Preview of ${photo.name}`, 'preview');
  await rowAction(page, 'notes.txt', 'Rename');
  await checkDialog(page, 'Rename notes.txt', 'rename');
  await rowAction(page, 'notes.txt', 'Move');
  await checkDialog(page, 'Move notes.txt', 'move');
  await rowAction(page, 'notes.txt', 'Share');
  await checkDialog(page, 'Share notes.txt', 'share');
  await rowAction(page, 'notes.txt', 'Encryption layers');
  await checkDialog(page, 'Encryption layers', 'layers');
  await page.getByRole('button', { name: 'New folder' }).click();
  await checkDialog(page, 'New folder', 'new-folder');
  await folderAction(page, 'Projects', 'Rename');
  await checkDialog(page, 'Rename folder Projects', 'rename-folder');
  await folderAction(page, 'Projects', 'Share');
  await checkDialog(page, 'Share folder Projects', 'share-folder');
  await folderAction(page, 'Projects', 'Create link');
  await checkDialog(page, 'Create link to Projects', 'folder-link');
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await checkDialog(page, 'Keyboard shortcuts', 'shortcuts');

  // The trash's confirmations.
  await rowAction(page, 'notes.txt', 'Move to trash');
  await openView(page, 'Trash');
  await rowAction(page, 'notes.txt', 'Delete forever');
  await checkDialog(page, 'Delete notes.txt forever?', 'delete-forever');
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await checkDialog(page, 'Empty the trash?', 'empty-trash');
});
