// Dialogs put the cursor in their first field; Rename preselects the base
// name, so typing replaces it and keeps the extension (as Finder and Dropbox do).
import { expect, test } from './fixtures/test';
import { screenshotBoth } from './screens';
import { expectListed, fileRow, newVaultUser, rowAction, textFile, uploadViaPicker } from './vault-helpers';

test('Rename by keyboard: type the new name at once, Enter, the row shows it', async ({ page }) => {
  test.setTimeout(120_000);
  await newVaultUser(page, 'rename-keys');
  await uploadViaPicker(page, [textFile('quarterly report.txt', 'numbers\n')]);
  await expectListed(page, ['quarterly report.txt']);

  await page.getByRole('button', { name: 'More actions for quarterly report.txt' }).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('r'); // typeahead: the first item starting with R
  await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Rename quarterly report.txt' });
  await expect(dialog.getByLabel('New name')).toBeFocused();
  await screenshotBoth(page, 'rename-dialog');
  await page.keyboard.type('annual summary');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expectListed(page, ['annual summary.txt']);
  await expect(fileRow(page, 'quarterly report.txt')).toHaveCount(0);

  // The share dialog, too, starts in its field.
  await rowAction(page, 'annual summary.txt', 'Share');
  await expect(page.getByRole('dialog').getByLabel('Email of the person to share with')).toBeFocused();
});
