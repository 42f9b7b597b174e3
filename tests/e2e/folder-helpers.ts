// Folder steps on the vault page, shared by the folder and zip e2e specs:
// create a folder in the open one, open a folder, the breadcrumb.
import { expect, type Locator, type Page } from '@playwright/test';
import { rowMenu } from './vault-helpers';

export async function newFolder(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await expect(dialog.getByLabel('Folder name')).toBeFocused();
  await dialog.getByLabel('Folder name').fill(name);
  await dialog.getByRole('button', { name: 'Create folder' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Open folder ${name}` })).toBeVisible();
}

export const openFolder = (page: Page, name: string): Promise<void> => page.getByRole('button', { name: `Open folder ${name}` }).click();
export const crumbs = (page: Page): Locator => page.getByRole('navigation', { name: 'Folder path' });
/** Back to the top of My files through the breadcrumb. */
export const openTop = (page: Page): Promise<void> => crumbs(page).getByRole('button', { name: 'My files' }).click();

/** Picks an item from a folder row's "⋯" menu: folderAction(page, 'Taxes', 'Rename'). */
export async function folderAction(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole('button', { name: `More actions for folder ${name}`, exact: true }).click();
  await rowMenu(page, `folder ${name}`).getByRole('menuitem', { name: item, exact: true }).click();
}
