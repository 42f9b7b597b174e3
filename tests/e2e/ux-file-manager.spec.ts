// The files section as a file manager (issue 11): one toolbar, list and grid
// layouts (the choice survives a reload), the sort in both, drag rows onto a
// folder or a breadcrumb step to move them (with dispatched drag events, and
// once with the mouse itself), and drop files anywhere on the
// page to upload into the open folder. axe and screenshots in both layouts,
// light and dark, at 1280 and 390 px.
import { expectAccessible } from './fixtures/axe';
import { expect, test, type Locator, type Page } from './fixtures/test';
import { crumbs, newFolder, openFolder, openTop } from './folder-helpers';
import { screenshotBoth } from './screens';
import { expectListed, fileList, fileRow, listedNames, newVaultUser, pngFile, randomFile, textFile, uploadViaPicker } from './vault-helpers';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const layoutButton = (page: Page, name: 'List' | 'Grid') => page.getByRole('group', { name: 'Layout' }).getByRole('button', { name, exact: true });
const folderItem = (page: Page, name: string): Locator => page.getByRole('list', { name: 'Folders' }).getByRole('listitem', { name: `Folder ${name}`, exact: true });

async function expectNoHorizontalOverflow(page: Page, what: string): Promise<void> {
  await page.setViewportSize(PHONE);
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${what}: page wider than the screen`).toBeLessThanOrEqual(clientWidth);
  await page.setViewportSize(DESKTOP);
}

/** A DataTransfer made in the page holding real Files, as a drag from the desktop has. */
async function desktopDrag(page: Page, files: { name: string; text: string }[]) {
  return page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
}

/**
 * A row drag as the browser fires it: dragstart on the row (the page's own
 * handler fills the DataTransfer), then dragenter and dragover on the target.
 * Returns the drop on the target.
 */
async function dragOver(page: Page, source: Locator, target: Locator): Promise<() => Promise<void>> {
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await source.dispatchEvent('dragstart', { dataTransfer });
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  return async () => {
    await target.dispatchEvent('drop', { dataTransfer });
  };
}

async function dragAndDrop(page: Page, source: Locator, target: Locator): Promise<void> {
  await (await dragOver(page, source, target))();
}

test('the grid shows the folders and files, survives a reload and sorts like the list; axe in both layouts, light and dark', async ({ page }) => {
  test.setTimeout(240_000);
  await newVaultUser(page, 'grid');
  const toolbar = page.getByRole('toolbar', { name: 'File actions' });
  for (const name of ['Upload files', 'Upload folder']) await expect(toolbar.getByLabel(name, { exact: true })).toBeAttached();
  await expect(toolbar.getByRole('button', { name: 'New folder' })).toBeVisible();
  // Arrow keys walk the toolbar (the toolbar pattern); Tab still reaches each control.
  await toolbar.getByRole('button', { name: 'New folder' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(layoutButton(page, 'List')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByLabel('Sort by')).toBeFocused();
  await layoutButton(page, 'Grid').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(layoutButton(page, 'List')).toBeFocused();
  await expect(page.getByRole('region', { name: 'Upload files' }), 'the big drop zone is gone').toHaveCount(0);
  await expect(page.getByText('Drop files or folders anywhere on this page, or use Upload files.')).toBeVisible();

  await newFolder(page, 'Receipts');
  const photo = await pngFile(page, 'b photo.png');
  const files = [textFile('a notes.txt', 'short'), photo, { ...randomFile('c backup.zip', 200 * 1024), mimeType: 'application/zip' }];
  await uploadViaPicker(page, files);
  await expectListed(page, files.map((f) => f.name));

  const sortBy = page.getByLabel('Sort by');
  await expect(layoutButton(page, 'List')).toHaveAttribute('aria-pressed', 'true');
  await sortBy.selectOption({ label: 'Name (A to Z)' });
  expect(await listedNames(page)).toEqual(['a notes.txt', 'b photo.png', 'c backup.zip']);
  await sortBy.selectOption({ label: 'Largest first' });
  expect(await listedNames(page)).toEqual(['c backup.zip', 'b photo.png', 'a notes.txt']);
  await expectAccessible(page, 'the list view');
  await screenshotBoth(page, 'files-list-light');
  await expectNoHorizontalOverflow(page, 'the list view');

  await layoutButton(page, 'Grid').click();
  await expect(layoutButton(page, 'Grid')).toHaveAttribute('aria-pressed', 'true');
  await expect(layoutButton(page, 'List')).toHaveAttribute('aria-pressed', 'false');
  const expectGrid = async () => {
    await expect(folderItem(page, 'Receipts')).toBeVisible();
    await expectListed(page, files.map((f) => f.name));
    // Cards, not rows: at 1280 px the files sit side by side, under the folders.
    const boxes = await Promise.all(files.map((f) => fileRow(page, f.name).boundingBox()));
    expect(new Set(boxes.map((b) => Math.round(b!.y))).size, 'the three file cards share one line').toBe(1);
    expect((await folderItem(page, 'Receipts').boundingBox())!.y).toBeLessThan(boxes[0]!.y);
    // Each card shows its kind, its name in full in title, its size and its menu.
    // The photo's card shows its decrypted thumbnail (vault-thumbnails.spec.ts); the others their kind.
    await expect(fileRow(page, 'b photo.png').locator('img')).toBeVisible();
    await expect(fileRow(page, 'c backup.zip').locator('[data-kind]')).toHaveAttribute('data-kind', 'archive');
    await expect(fileRow(page, 'a notes.txt').locator('[data-kind]')).toHaveAttribute('data-kind', 'text');
    await expect(fileRow(page, 'c backup.zip').getByTestId('file-name')).toHaveAttribute('title', 'c backup.zip');
    await expect(fileRow(page, 'c backup.zip')).toContainText('200 KiB');
    await expect(fileRow(page, 'c backup.zip').getByRole('button', { name: 'More actions for c backup.zip', exact: true })).toBeVisible();
    await expect(fileRow(page, 'c backup.zip').getByRole('checkbox', { name: 'Select c backup.zip' })).toBeVisible();
  };
  await expectGrid();
  await sortBy.selectOption({ label: 'Name (Z to A)' });
  expect(await listedNames(page)).toEqual(['c backup.zip', 'b photo.png', 'a notes.txt']);
  await sortBy.selectOption({ label: 'Smallest first' });
  expect(await listedNames(page)).toEqual(['a notes.txt', 'b photo.png', 'c backup.zip']);

  await page.reload();
  await expect(layoutButton(page, 'Grid')).toHaveAttribute('aria-pressed', 'true');
  await expectGrid();
  await expectAccessible(page, 'the grid view');
  await screenshotBoth(page, 'files-grid-light');
  await expectNoHorizontalOverflow(page, 'the grid view');

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(true);
  await expectAccessible(page, 'the grid view, dark');
  await screenshotBoth(page, 'files-grid-dark');
  await layoutButton(page, 'List').click();
  await expect(fileList(page)).toBeVisible();
  await expectAccessible(page, 'the list view, dark');
  await screenshotBoth(page, 'files-list-dark');
});

test('dragging a file onto a folder moves it, a selected file carries the selection, and a breadcrumb step takes a drop', async ({ page }) => {
  test.setTimeout(240_000);
  await newVaultUser(page, 'drag');
  await newFolder(page, 'Receipts');
  await uploadViaPicker(page, ['one.txt', 'two.txt', 'three.txt'].map((n) => textFile(n, n)));
  await expectListed(page, ['one.txt', 'two.txt', 'three.txt']);

  // The drag in flight: the folder lights up, the upload overlay does not show.
  const target = folderItem(page, 'Receipts');
  const drop = await dragOver(page, fileRow(page, 'one.txt'), target);
  await expect(target).toHaveAttribute('data-drop-over', 'true');
  await expect(page.getByTestId('page-drop'), 'a row drag is not an upload').toHaveCount(0);
  await drop();
  await expect(page.getByText('one.txt was moved to Receipts.')).toBeVisible();
  await expect(fileRow(page, 'one.txt')).toHaveCount(0);
  await expect(target).not.toHaveAttribute('data-drop-over');

  // In the grid: two selected, one dragged, both go.
  await layoutButton(page, 'Grid').click();
  await fileRow(page, 'two.txt').getByRole('checkbox', { name: 'Select two.txt' }).click();
  await fileRow(page, 'three.txt').getByRole('checkbox', { name: 'Select three.txt' }).click();
  await dragAndDrop(page, fileRow(page, 'two.txt'), folderItem(page, 'Receipts'));
  await expect(page.getByText('2 items were moved to Receipts.')).toBeVisible();
  await expect(fileList(page)).toHaveCount(0);

  await openFolder(page, 'Receipts');
  await expectListed(page, ['one.txt', 'two.txt', 'three.txt']);
  await dragAndDrop(page, fileRow(page, 'one.txt'), crumbs(page).getByRole('button', { name: 'My files' }));
  await expect(page.getByText('one.txt was moved to My files.')).toBeVisible();
  await expect(fileRow(page, 'one.txt')).toHaveCount(0);

  // The moves are on the server, not only on screen.
  await page.reload();
  await expectListed(page, ['one.txt']);
  await openFolder(page, 'Receipts');
  await expectListed(page, ['two.txt', 'three.txt']);
  await expect(fileRow(page, 'one.txt')).toHaveCount(0);
  await openTop(page);
});

test('a real mouse drag (press, move, release) moves a file onto a folder', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(DESKTOP);
  await newVaultUser(page, 'mouse-drag');
  await newFolder(page, 'Receipts');
  await uploadViaPicker(page, [textFile('invoice.txt', 'invoice')]);
  await expectListed(page, ['invoice.txt']);
  // Not dispatched events: Playwright moves the mouse, Chromium starts its own
  // drag from the row (draggable) and fires dragstart/dragover/drop itself.
  await fileRow(page, 'invoice.txt').dragTo(folderItem(page, 'Receipts'));
  await expect(page.getByText('invoice.txt was moved to Receipts.')).toBeVisible();
  await expect(fileRow(page, 'invoice.txt')).toHaveCount(0);
  await openFolder(page, 'Receipts');
  await expectListed(page, ['invoice.txt']);
});

test('files dropped anywhere on the page upload into the open folder, with an overlay naming it', async ({ page }) => {
  test.setTimeout(180_000);
  await newVaultUser(page, 'page-drop');
  await newFolder(page, 'Inbox');
  await openFolder(page, 'Inbox');
  await expect(page.getByText('This folder is empty.')).toBeVisible();

  const dataTransfer = await desktopDrag(page, [{ name: 'dropped.txt', text: 'from the desktop' }]);
  // On the usage meter, far from any list: anywhere on the page will do.
  const somewhere = page.getByRole('meter', { name: 'Storage used' });
  await somewhere.dispatchEvent('dragenter', { dataTransfer });
  await somewhere.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByText('Drop to upload to Inbox')).toBeVisible();
  await screenshotBoth(page, 'files-drop-overlay');
  await somewhere.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop to upload to Inbox')).toBeHidden();
  await expectListed(page, ['dropped.txt']);

  await page.reload();
  await expect(fileList(page)).toHaveCount(0); // the top level holds only the folder
  await expect(folderItem(page, 'Inbox')).toBeVisible();
  await openFolder(page, 'Inbox');
  await expectListed(page, ['dropped.txt']);
});
