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

  // Each dialog: how a user opens it, its accessible name, and the screenshot's name.
  const dialogs: Array<{ open: () => Promise<unknown>; name: string; slug: string }> = [
    { open: () => openFile(page, photo.name), name: `Preview of ${photo.name}`, slug: 'preview' },
    { open: () => rowAction(page, 'notes.txt', 'Rename'), name: 'Rename notes.txt', slug: 'rename' },
    { open: () => rowAction(page, 'notes.txt', 'Move'), name: 'Move notes.txt', slug: 'move' },
    { open: () => rowAction(page, 'notes.txt', 'Share'), name: 'Share notes.txt', slug: 'share' },
    { open: () => rowAction(page, 'notes.txt', 'Encryption layers'), name: 'Encryption layers', slug: 'layers' },
    { open: () => page.getByRole('button', { name: 'New folder' }).click(), name: 'New folder', slug: 'new-folder' },
    { open: () => folderAction(page, 'Projects', 'Rename'), name: 'Rename folder Projects', slug: 'rename-folder' },
    { open: () => folderAction(page, 'Projects', 'Share'), name: 'Share folder Projects', slug: 'share-folder' },
    { open: () => folderAction(page, 'Projects', 'Create link'), name: 'Create link to Projects', slug: 'folder-link' },
    { open: () => page.getByRole('button', { name: 'Keyboard shortcuts' }).click(), name: 'Keyboard shortcuts', slug: 'shortcuts' },
  ];
  for (const { open, name, slug } of dialogs) {
    await open();
    await checkDialog(page, name, slug);
  }

  // The trash's confirmations.
  await rowAction(page, 'notes.txt', 'Move to trash');
  await openView(page, 'Trash');
  await rowAction(page, 'notes.txt', 'Delete forever');
  await checkDialog(page, 'Delete notes.txt forever?', 'delete-forever');
  await page.getByRole('button', { name: 'Empty trash' }).click();
  await checkDialog(page, 'Empty the trash?', 'empty-trash');
});
