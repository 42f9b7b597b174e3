// A file row is a file manager row: its name opens the preview, every other
// action sits in one "⋯" menu and in the row's context menu (Radix, not
// modal, so nothing is injected past the CSP: the fixture fails on a violation).
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { expectListed, fileRow, installSaveSwitch, newVaultUser, rowMenu, textFile, uploadViaPicker } from './vault-helpers';

const NAME = 'meeting notes.txt';
const ITEMS = ['Download', 'Download to…', 'Share', 'Encryption layers', 'Rename', 'Move', 'Move to trash'];

test.beforeEach(async ({ page }) => {
  test.setTimeout(120_000);
  await installSaveSwitch(page);
  await newVaultUser(page, 'row-menu');
  await uploadViaPicker(page, [textFile(NAME, 'agenda\n')]);
  await expectListed(page, [NAME]);
});

test('a row shows its name and one "More actions" button, not a wall of buttons', async ({ page }) => {
  const row = fileRow(page, NAME);
  await expect(row.getByRole('button', { name: NAME, exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `More actions for ${NAME}`, exact: true })).toBeVisible();
  // The checkbox, the name, the menu button: nothing else.
  await expect(row.getByRole('button')).toHaveCount(2);
  await expect(row.getByRole('checkbox')).toHaveCount(1);
  await expect(page.getByRole('button', { name: `Download ${NAME}` })).toHaveCount(0);

  await row.getByRole('button', { name: NAME, exact: true }).click();
  await expect(page.getByRole('dialog', { name: `Preview of ${NAME}` })).toBeVisible();
});

test('keyboard only: Tab to the menu button, Enter, ArrowDown to Rename; Escape returns focus', async ({ page }) => {
  const trigger = page.getByRole('button', { name: `More actions for ${NAME}`, exact: true });
  await fileRow(page, NAME).getByRole('button', { name: NAME, exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(trigger).toBeFocused();

  await page.keyboard.press('Enter');
  const menu = rowMenu(page, NAME);
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(ITEMS);
  await expect(menu.getByRole('menuitem', { name: 'Download', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();

  // ArrowDown on the button opens the menu too, on its first item; then arrows and typeahead move.
  await page.keyboard.press('ArrowDown');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Download', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Download to…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Share' })).toBeFocused();
  await page.keyboard.press('r');
  await expect(menu.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: `Rename ${NAME}` });
  await expect(dialog.getByLabel('New name')).toBeFocused();
});

test('right-click on the row opens the same items, and Download saves the file', async ({ page }) => {
  await page.goto('/vault?e2e-save=sw');
  await expectListed(page, [NAME]);
  await fileRow(page, NAME).click({ button: 'right' });
  const menu = rowMenu(page, NAME);
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(ITEMS);
  const downloading = page.waitForEvent('download');
  await menu.getByRole('menuitem', { name: 'Download', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(NAME);
  await expect(page.getByText(`${NAME} was decrypted and saved.`)).toBeVisible();
});

test('axe finds nothing serious with a row menu open; screenshots at both sizes', async ({ page }) => {
  await page.getByRole('button', { name: `More actions for ${NAME}`, exact: true }).click();
  await expect(rowMenu(page, NAME)).toBeVisible();
  await expectAccessible(page, 'the vault with a row menu open');
  await screenshotBoth(page, 'vault-row-menu');
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: `More actions for ${NAME}`, exact: true }).click();
  await expect(rowMenu(page, NAME)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('row-menu-phone.png') });
  await page.screenshot({ path: `${process.env.TWOFOLD_SCREENS_DIR ?? '/tmp/twofold-screens'}/vault-row-menu-phone-open.png` });
});
