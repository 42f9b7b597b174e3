// The vault's shell (issue 11, item 1): navigation as a file manager has it
// (a sidebar, a Menu on phones), an upload tray that outlives a move to
// another page, success results as toasts, and keyboard shortcuts with a "?"
// help. The fixture fails the test on any CSP violation, so Radix Toast and
// the menu are checked against the policy too.
import type { FileChooser, Page } from '@playwright/test';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { screenPath } from './screens';
import { expectListed, fileRow, newVaultUser, openView, randomFile, rowMenu, textFile, uploadViaPicker } from './vault-helpers';

const MiB = 1024 * 1024;

/** Lets the first PUT to the store through and holds the others until release(): an upload that stops part-way. */
async function holdLaterPuts(page: Page): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let puts = 0;
  await page.context().route((url) => url.searchParams.has('X-Amz-Signature'), async (route) => {
    if (route.request().method() === 'PUT' && ++puts > 1) await held;
    await route.continue().catch(() => {});
  });
  return release;
}

async function shoot(page: Page, name: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: screenPath(name) });
}

test('the sidebar names the current view, and the upload tray keeps an upload in view on Settings until it lands', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await newVaultUser(page, 'shell');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const current = nav.locator('[aria-current="page"]');
  await expect(current).toHaveText('My files');

  // One page, three views: the address says which, the link says it is current.
  await openView(page, 'Trash');
  await expect(page).toHaveURL(/\/vault\?view=trash$/);
  await expect(page.getByRole('heading', { name: 'Trash', exact: true })).toBeVisible();
  await expect(current).toHaveCount(1);
  await openView(page, 'Shared with me');
  await expect(page.getByRole('heading', { name: 'Shared with me', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Folders shared with me' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toHaveCount(0);
  await openView(page, 'My files');
  await expect(page.getByRole('heading', { name: 'My files', level: 1 })).toBeVisible();
  // Lock and Sign out live in the shell now.
  await expect(page.getByRole('complementary').getByRole('button', { name: 'Lock' })).toBeVisible();

  // An upload of 40 MiB (three parts) whose later parts are held: it is mid-way while we look around.
  const release = await holdLaterPuts(page);
  const big = randomFile('holiday video.bin', 40 * MiB);
  await uploadViaPicker(page, [big]);
  const tray = page.getByRole('complementary', { name: 'Upload tray' });
  const bar = tray.getByRole('progressbar', { name: `Upload of ${big.name}` });
  const percent = async () => Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(percent, { timeout: 60_000 }).toBeGreaterThan(0);
  await expectAccessible(page, 'the vault with the upload tray open');
  await shoot(page, 'shell-tray-desktop-light', 1280, 800);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'shell-tray-desktop-dark', 1280, 800);
  await page.emulateMedia({ colorScheme: 'light' });

  // Settings: a different page, the same tray, the same upload still going.
  await openView(page, 'Settings');
  await expect(page.getByRole('heading', { name: 'Account settings' })).toBeVisible();
  await expect(bar).toBeVisible();
  expect(await percent()).toBeGreaterThan(0);
  expect(await percent()).toBeLessThan(100);
  // Collapsed, the tray is one line a screen reader hears as it changes.
  await tray.getByRole('button', { name: 'Hide uploads' }).click();
  await expect(bar).toBeHidden();
  await expect(tray.getByText(/^Uploading 1 file, \d{1,2}%$/)).toBeVisible();
  await expect(tray.getByText(/^Uploading 1 file/)).toHaveAttribute('aria-live', 'polite');
  await expect(tray.getByRole('button', { name: 'Show uploads' })).toHaveAttribute('aria-expanded', 'false');
  await expectAccessible(page, 'settings with the upload tray collapsed');
  await tray.getByRole('button', { name: 'Show uploads' }).click();

  // It lands while the files page is not even mounted, and is in the list on return.
  release();
  await expect(tray.getByText('All uploads finished.')).toBeVisible({ timeout: 120_000 });
  await openView(page, 'My files');
  await expectListed(page, [big.name]);
  await page.context().unrouteAll({ behavior: 'ignoreErrors' });

  // A phone: no sidebar, a Menu with the same links, Lock and Sign out.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(nav).toBeHidden();
  // Its icon keeps its 20 px beside a long address (it once shrank to a dot).
  const menuIcon = await page.getByRole('button', { name: 'Menu' }).locator('svg').boundingBox();
  expect(menuIcon!.width, 'the Menu icon is not squeezed').toBeGreaterThanOrEqual(19.5);
  await page.getByRole('button', { name: 'Menu' }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem')).toHaveText(['My files', 'Shared with me', 'Links and sharing', 'Trash', 'Settings', 'Lock', 'Sign out']);
  await expect(menu.getByRole('menuitem', { name: 'My files' })).toHaveAttribute('aria-current', 'page');
  await expectAccessible(page, 'the phone menu');
  await shoot(page, 'shell-menu-phone-light', 390, 844);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'shell-menu-phone-dark', 390, 844);
  await page.emulateMedia({ colorScheme: 'light' });
  await menu.getByRole('menuitem', { name: 'Trash' }).click();
  await expect(page).toHaveURL(/view=trash/);
  await expect(page.getByRole('heading', { name: 'Trash', exact: true })).toBeVisible();
  await shoot(page, 'shell-tray-phone-light', 390, 844);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'shell-tray-phone-dark', 390, 844);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openView(page, 'My files');
  await shoot(page, 'shell-desktop-light', 1280, 800);
  await page.emulateMedia({ colorScheme: 'dark' });
  await shoot(page, 'shell-desktop-dark', 1280, 800);
});

test('the keyboard alone uploads, opens, shares and trashes; "?" lists the shortcuts; results are toasts', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await newVaultUser(page, 'keys');
  // The file-chooser listener goes in first: Playwright switches the browser's
  // chooser interception on asynchronously when the first listener is added,
  // and a picker opened before that is a real (invisible) one. The console is
  // kept so that a refused picker ("can only be shown with a user activation")
  // is named in the failure.
  const choosers: FileChooser[] = [];
  page.on('filechooser', (c) => choosers.push(c));
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const name = 'minutes.txt';
  await uploadViaPicker(page, [textFile(name, 'minutes of the meeting\n')]);
  await expectListed(page, [name]);
  const nobodyFocused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  // "?" opens the help; it is a dialog like the others (focus inside, Escape closes).
  await nobodyFocused();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('list', { name: 'Keyboard shortcuts' })).toContainText('Upload files');
  await expectAccessible(page, 'the keyboard shortcuts dialog');
  await page.screenshot({ path: screenPath('shell-shortcuts-desktop-light') });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // The same help from a visible button, for those who do not know the "?".
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // "/" goes to the search; what is typed there is text, not shortcuts.
  await nobodyFocused();
  await page.keyboard.press('/');
  const search = page.getByLabel('Search all folders');
  await expect(search).toBeFocused();
  await page.keyboard.type('u?n');
  await expect(search).toHaveValue('u?n');
  await expect(help).toBeHidden();
  await search.fill('');

  // "u" opens the browser's file picker.
  await nobodyFocused();
  await page.keyboard.press('u');
  await expect.poll(() => choosers.length, { timeout: 20_000 }).toBe(1).catch((cause: unknown) => {
    throw new Error(`"u" opened no file picker; the page's console said: ${consoleLines.join(' | ') || 'nothing'}`, { cause });
  });
  await choosers[0]!.setFiles([{ name: 'agenda.txt', mimeType: 'text/plain', buffer: Buffer.from('agenda\n') }]);
  await expectListed(page, ['agenda.txt']);

  // "n": New folder.
  await nobodyFocused();
  await page.keyboard.press('n');
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'New folder' })).toBeHidden();

  // Enter on a name opens it.
  await fileRow(page, name).getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: `Preview of ${name}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: `Preview of ${name}` })).toBeHidden();

  // The row menu by keyboard, down to Share.
  await page.getByRole('button', { name: `More actions for ${name}`, exact: true }).focus();
  await page.keyboard.press('Enter');
  const share = rowMenu(page, name).getByRole('menuitem', { name: 'Share', exact: true });
  await expect(rowMenu(page, name)).toBeVisible();
  for (let i = 0; i < 6 && !(await share.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('ArrowDown');
  await expect(share).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: `Share ${name}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: `Share ${name}` })).toBeHidden();

  // Space selects, Escape clears, Delete trashes the selection; the result is a toast.
  const box = fileRow(page, 'agenda.txt').getByRole('checkbox');
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(box).not.toBeChecked();
  await page.keyboard.press('Space');
  await page.keyboard.press('Delete');
  const toast = page.getByRole('region', { name: /Notifications/ }).getByRole('status').filter({ hasText: 'moved to the trash' });
  await expect(toast).toBeVisible();
  await expect(fileRow(page, 'agenda.txt')).toHaveCount(0);
  await expectAccessible(page, 'a success toast');
  await page.screenshot({ path: screenPath('shell-toast-desktop-light') });
  // It goes by itself (8 s), unlike an error.
  await expect(toast).toHaveCount(0, { timeout: 20_000 });
});
