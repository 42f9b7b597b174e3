// Zip downloads (issue 10): a selection of files and a folder, and a folder
// row's own button, each saved as one zip made in the browser as the files
// decrypt. Each zip is checked with Debian's unzip as a person would open it:
// `unzip -t` passes, the entry names are the tree, and every extracted file
// has the SHA-256 of what was uploaded. A file damaged in storage stops the
// zip with a message naming it, and no partial zip counts as saved.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { DEFAULT_CHUNK_SIZE } from '@/lib/crypto/constants';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { expectAccessible } from './fixtures/axe';
import { expect, test } from './fixtures/test';
import { folderAction, newFolder, openFolder, openTop } from './folder-helpers';
import {
  expectListed, flipStoredBit, installSaveSwitch, newVaultUser, objectsOf, randomFile, savedByStub, sha256, testContext, uploadViaPicker, type TestFile,
} from './vault-helpers';

// Distinct sizes, so a stored object can be told apart by its length. The
// multi-chunk files (chunks of 256 KiB) decrypt in several steps, so a damaged
// last chunk fails after earlier bytes are already in the zip.
const tree = {
  rootOne: randomFile('root one.bin', 300_001),
  rootTwo: randomFile('Übersicht ✓ 2026.txt', 5_003),
  a: randomFile('a file.bin', 600 * 1024 + 7),
  b: randomFile('b notes — draft.bin', 700 * 1024 + 11),
  c: randomFile('c déjà vu.bin', 2_013),
};

/** My files: two files and A; A: a file, B and an empty folder; A/B: b file and C; A/B/C: c file. */
async function buildTree(page: Page): Promise<void> {
  await uploadViaPicker(page, [tree.rootOne, tree.rootTwo]);
  await expectListed(page, [tree.rootOne.name, tree.rootTwo.name]);
  await newFolder(page, 'A');
  await openFolder(page, 'A');
  await uploadViaPicker(page, [tree.a]);
  await expectListed(page, [tree.a.name]);
  await newFolder(page, 'B');
  await newFolder(page, 'Empty folder');
  await openFolder(page, 'B');
  await uploadViaPicker(page, [tree.b]);
  await expectListed(page, [tree.b.name]);
  await newFolder(page, 'C');
  await openFolder(page, 'C');
  await uploadViaPicker(page, [tree.c]);
  await expectListed(page, [tree.c.name]);
  await openTop(page);
}

const unzipEnv = { ...process.env, LC_ALL: 'C.UTF-8' };
const DIR = 'dir';

/** Every path under `root`, relative, with "/" after directories; files map to their SHA-256. */
async function extracted(root: string, prefix = ''): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(out, { [`${path}/`]: DIR }, await extracted(root, `${path}/`));
    else out[path] = sha256(await readFile(join(root, path)));
  }
  return out;
}

/**
 * The saved zip as Debian's unzip sees it: the integrity test passes, the
 * entries are exactly `expected` (directories end in "/"), and extracting
 * it recreates them with the uploaded bytes.
 */
async function expectZip(download: Download, expected: Record<string, TestFile | typeof DIR>): Promise<void> {
  const zip = (await download.path())!;
  expect(execFileSync('unzip', ['-t', zip], { encoding: 'utf8', env: unzipEnv })).toContain('No errors detected');
  const names = execFileSync('unzip', ['-Z1', zip], { encoding: 'utf8', env: unzipEnv }).split('\n').filter((n) => n !== '');
  expect(names.sort()).toEqual(Object.keys(expected).sort());
  const dir = await mkdtemp(join(tmpdir(), 'twofold-zip-'));
  try {
    execFileSync('unzip', ['-q', zip, '-d', dir], { env: unzipEnv });
    const want = Object.fromEntries(Object.entries(expected).map(([path, f]) => [path, f === DIR ? DIR : sha256(f.buffer)]));
    expect(await extracted(dir)).toEqual(want);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const select = (page: Page, name: string) => page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).click();
const selectionBar = (page: Page) => page.getByRole('toolbar', { name: 'Selected items' });

test('two files and a folder, then a folder row, download as zips that unzip to the uploaded tree', async ({ page }) => {
  test.setTimeout(240_000);
  await installSaveSwitch(page);
  await newVaultUser(page, 'zip');
  await buildTree(page);
  // The service-worker path: a real browser download Playwright can save.
  await page.goto('/vault?e2e-save=sw');
  await expectListed(page, [tree.rootOne.name, tree.rootTwo.name]);

  // (a) Two files and folder A from the selection bar.
  await select(page, tree.rootOne.name);
  await select(page, tree.rootTwo.name);
  await select(page, 'A');
  await expect(selectionBar(page)).toContainText('3 items selected');
  await expectAccessible(page, 'the selection bar with three items selected');
  await page.screenshot({ path: test.info().outputPath('selection-bar-1280.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(selectionBar(page).getByRole('button', { name: 'Download as zip' })).toBeInViewport();
  // Nothing sticks out sideways on a phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('selection-bar-390.png') });
  await selectionBar(page).screenshot({ path: test.info().outputPath('selection-bar-390-toolbar.png') });
  await page.setViewportSize({ width: 1280, height: 720 });

  let downloading = page.waitForEvent('download');
  await selectionBar(page).getByRole('button', { name: 'Download as zip' }).click();
  let download = await downloading;
  expect(download.suggestedFilename()).toBe('My files.zip');
  await expectZip(download, {
    [tree.rootOne.name]: tree.rootOne,
    [tree.rootTwo.name]: tree.rootTwo,
    'A/': DIR,
    [`A/${tree.a.name}`]: tree.a,
    'A/Empty folder/': DIR,
    'A/B/': DIR,
    [`A/B/${tree.b.name}`]: tree.b,
    'A/B/C/': DIR,
    [`A/B/C/${tree.c.name}`]: tree.c,
  });
  await expect(page.getByRole('status').filter({ hasText: 'My files.zip was saved: 5 files decrypted into it.' })).toBeVisible();
  // A finished zip clears the selection.
  await expect(selectionBar(page)).toHaveCount(0);

  // (b) Folder B's own button, inside A: the zip starts at B, not at the top.
  await openFolder(page, 'A');
  downloading = page.waitForEvent('download');
  await folderAction(page, 'B', 'Download as zip');
  download = await downloading;
  expect(download.suggestedFilename()).toBe('B.zip');
  await expectZip(download, {
    'B/': DIR,
    [`B/${tree.b.name}`]: tree.b,
    'B/C/': DIR,
    [`B/C/${tree.c.name}`]: tree.c,
  });
  await expect(page.getByRole('status').filter({ hasText: 'B.zip was saved: 2 files decrypted into it.' })).toBeVisible();
});

test('a file damaged in storage stops the zip, names the file, and leaves no saved zip', async ({ page }) => {
  test.setTimeout(240_000);
  const ctx = testContext();
  await installSaveSwitch(page);
  const { email } = await newVaultUser(page, 'zip-damaged');
  await buildTree(page);

  // One bit of b's last chunk: c (before it in the zip) is already written when b fails.
  const stored = ciphertextSizeFromPlaintextSize(tree.b.buffer.length, DEFAULT_CHUNK_SIZE);
  const object = (await objectsOf(ctx, email)).find((o) => o.ciphertextSize === stored);
  expect(object, 'the stored object of b').toBeDefined();
  await flipStoredBit(ctx, object!.objectKey, (size) => size - 100);
  const damaged = `“A/B/${tree.b.name}” was altered or damaged, so the zip was stopped and nothing was saved.`;

  // Service-worker path: the browser's download had begun, and it must fail (the browser deletes its partial file).
  await page.goto('/vault?e2e-save=sw');
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await folderAction(page, 'A', 'Download as zip');
  await expect(page.getByRole('main').getByRole('alert')).toContainText(damaged);
  await expect.poll(() => downloads.length).toBe(1);
  expect(downloads[0]!.suggestedFilename()).toBe('A.zip');
  expect(await downloads[0]!.failure()).not.toBeNull();
  await expect(page.getByText('A.zip was saved')).toHaveCount(0);

  // Selection bar, File System Access path: the writable is aborted (its swap file deleted), never closed.
  await page.goto('/vault?e2e-save=fs');
  await expectListed(page, [tree.rootOne.name]);
  await select(page, tree.rootOne.name);
  await select(page, 'A');
  await selectionBar(page).getByRole('button', { name: 'Download as zip' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText(damaged);
  expect(await savedByStub(page)).toMatchObject({ name: 'My files.zip', size: 0, closed: false, aborted: true });
  await expect(page.getByText('My files.zip was saved')).toHaveCount(0);
  // The selection stays, so the person can unselect the damaged item and try again.
  await expect(selectionBar(page)).toContainText('2 items selected');
  await page.screenshot({ path: test.info().outputPath('zip-damaged-1280.png'), fullPage: true });
});
