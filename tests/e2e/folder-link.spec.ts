// Public links to a folder (issue 10 item 4, docs/format.md §2.1 "Linking a
// folder", §6) in Chromium: the owner links a folder with a subfolder and
// files; a fresh context with no account browses the subtree, downloads one
// file byte-identical and the whole folder as one zip that `unzip -t` accepts;
// the fragment secret is in no request. Then the password, the download limit
// (one zip or one file is one download) and revoke, as the visitor sees them.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectAccessible } from './fixtures/axe';
import { expect, test, type Browser, type Page, type Request } from './fixtures/test';
import { findIn, forms, leakingRequests } from './leak-helpers';
import { expectListed, installSaveSwitch, newVaultUser, savedByStub, sha256, textFile, uploadViaPicker, type TestFile } from './vault-helpers';
import { folderAction } from './folder-helpers';

async function newFolder(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'New folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'New folder' });
  await dialog.getByLabel('Folder name').fill(name);
  await dialog.getByRole('button', { name: 'Create folder' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: `Open folder ${name}` })).toBeVisible();
}

/** "Project Atlas" with plan.txt, and "Project Atlas/Drafts" with draft.txt; back at My files. */
async function ownerTree(page: Page, tag: string): Promise<{ top: TestFile; inner: TestFile }> {
  await installSaveSwitch(page);
  await newVaultUser(page, tag);
  const top = textFile('plan.txt', 'Milestone one: the map.\n'.repeat(200));
  const inner = textFile('draft.txt', 'A first draft, not for sharing yet.\n'.repeat(300));
  await newFolder(page, 'Project Atlas');
  await page.getByRole('button', { name: 'Open folder Project Atlas' }).click();
  await uploadViaPicker(page, [top]);
  await expectListed(page, [top.name]);
  await newFolder(page, 'Drafts');
  await page.getByRole('button', { name: 'Open folder Drafts' }).click();
  await uploadViaPicker(page, [inner]);
  await expectListed(page, [inner.name]);
  await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: 'My files' }).click();
  await expect(page.getByRole('button', { name: 'Open folder Project Atlas' })).toBeVisible();
  return { top, inner };
}

async function openLinkDialog(page: Page) {
  await folderAction(page, 'Project Atlas', 'Create link');
  const dialog = page.getByRole('dialog', { name: 'Create link to Project Atlas' });
  await expect(dialog.getByText(/No public links|Revoke/).first()).toBeVisible();
  return dialog;
}

async function createLink(page: Page, options: { password?: string; maxDownloads?: string } = {}): Promise<string> {
  const dialog = await openLinkDialog(page);
  const form = dialog.getByRole('form', { name: 'Create a public link' });
  if (options.password) await form.getByLabel('Link password (optional)').fill(options.password);
  if (options.maxDownloads) await form.getByLabel('Maximum downloads (optional)').fill(options.maxDownloads);
  await form.getByRole('button', { name: 'Create link' }).click();
  const field = dialog.getByLabel('New public link');
  await expect(field).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}#[A-Za-z0-9_-]{43}$/, { timeout: 30_000 });
  const url = await field.inputValue();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return url;
}

async function visitor(browser: Browser, requests?: Request[]) {
  const context = await browser.newContext();
  if (requests) context.on('request', (r) => requests.push(r));
  const page = await context.newPage();
  await installSaveSwitch(page);
  return { context, page };
}

const withSave = (url: string, mode: 'fs' | 'blob') => url.replace('#', `?e2e-save=${mode}#`);
const card = (page: Page) => page.getByRole('region', { name: 'A folder shared with you' });
const linkIdOf = (url: string) => new URL(url).pathname.split('/').pop()!;

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${name} overflows at ${width} px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join('test-results', `folder-link-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('a folder link: a fresh context browses the subtree, downloads a file and the folder as a zip; the secret reaches no request', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const ownerRequests: Request[] = [];
  page.context().on('request', (r) => ownerRequests.push(r));
  const { top, inner } = await ownerTree(page, 'flink-owner');

  const dialog = await openLinkDialog(page);
  await expectAccessible(page, 'the folder link dialog');
  await shoot(page, 'dialog');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const url = await createLink(page);
  const secret = Buffer.from(new URL(url).hash.slice(1), 'base64url');
  expect(secret.length).toBe(32);

  const visitorRequests: Request[] = [];
  const { context, page: guest } = await visitor(browser, visitorRequests);
  await guest.goto(withSave(url, 'blob'));
  await expect(guest.getByTestId('link-folder-name')).toHaveText('Project Atlas', { timeout: 30_000 });
  expect(new URL(guest.url()).hash).toBe('');
  const files = card(guest).getByRole('list', { name: 'Files' });
  await expect(files).toContainText(top.name);
  await expect(files).not.toContainText(inner.name);
  await expectAccessible(guest, 'the folder link page');
  await shoot(guest, 'visitor');

  // Into the subfolder and one file out of it.
  await guest.getByRole('button', { name: 'Open folder Drafts' }).click();
  const crumbs = guest.getByRole('navigation', { name: 'Folder path' });
  await expect(crumbs).toHaveText(/Project Atlas\s*\/\s*Drafts/);
  await expect(files).toContainText(inner.name);
  const [one] = await Promise.all([guest.waitForEvent('download'), guest.getByRole('button', { name: `Download ${inner.name}` }).click()]);
  expect(one.suggestedFilename()).toBe(inner.name);
  expect(sha256(readFileSync((await one.path())!))).toBe(sha256(inner.buffer));
  await expect(guest.getByText(`${inner.name} was decrypted and saved.`)).toBeVisible();

  // Back up, and the whole folder as one zip.
  await crumbs.getByRole('button', { name: 'Project Atlas' }).click();
  const [zip] = await Promise.all([guest.waitForEvent('download'), guest.getByRole('button', { name: 'Download folder Project Atlas as zip' }).click()]);
  expect(zip.suggestedFilename()).toBe('Project Atlas.zip');
  const zipPath = (await zip.path())!;
  expect(execFileSync('unzip', ['-t', zipPath]).toString()).toMatch(/No errors detected/);
  const out = await mkdtemp(join(tmpdir(), 'flink-'));
  execFileSync('unzip', ['-q', zipPath, '-d', out]);
  expect(sha256(readFileSync(join(out, 'Project Atlas', top.name)))).toBe(sha256(top.buffer));
  expect(sha256(readFileSync(join(out, 'Project Atlas', 'Drafts', inner.name)))).toBe(sha256(inner.buffer));
  await expect(guest.getByText('Project Atlas.zip was saved: 2 files decrypted into it.')).toBeVisible();

  // The secret in every form, in no URL or body either browser sent. Control: the forms match the URL.
  const needles = forms(secret);
  expect(findIn(Buffer.from(url), needles)).toBe(true);
  expect(visitorRequests.some((r) => new URL(r.url()).pathname.endsWith('/file-downloads'))).toBe(true);
  expect(ownerRequests.some((r) => r.method() === 'POST' && /\/api\/folders\/[^/]+\/links$/.test(new URL(r.url()).pathname))).toBe(true);
  expect(await leakingRequests([...ownerRequests, ...visitorRequests], needles)).toEqual([]);
  await context.close();
});

test('a folder link\'s password, download limit and revoke hold', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const { top } = await ownerTree(page, 'flink-rules');
  const url = await createLink(page, { password: 'green heron 12', maxDownloads: '1' });

  const first = await visitor(browser);
  await first.page.goto(withSave(url, 'fs'));
  const unlock = first.page.getByRole('form', { name: 'Unlock the link' });
  await unlock.getByLabel('Link password').fill('green heron 13');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(card(first.page).getByRole('alert')).toHaveText('Wrong password. Check it and try again.', { timeout: 30_000 });
  await expect(first.page.getByTestId('link-folder-name')).toHaveCount(0);
  await unlock.getByLabel('Link password').fill('green heron 12');
  await unlock.getByRole('button', { name: 'Unlock' }).click();
  await expect(first.page.getByTestId('link-folder-name')).toHaveText('Project Atlas', { timeout: 30_000 });
  await expect(first.page.getByLabel('Shared folder')).toContainText('Downloads left1');
  await first.page.getByRole('button', { name: `Download ${top.name}` }).click();
  await expect(first.page.getByText(`${top.name} was decrypted and saved.`)).toBeVisible({ timeout: 30_000 });
  expect((await savedByStub(first.page)).sha256).toBe(sha256(top.buffer));
  // The one download is spent: the page says so and offers no more.
  await expect(first.page.getByLabel('Shared folder')).toContainText('Downloads left0');
  await expect(card(first.page).getByText('This link has reached its download limit. Ask the sender for a new one.')).toBeVisible();
  await expect(first.page.getByRole('button', { name: 'Download folder Project Atlas as zip' })).toBeDisabled();
  await first.context.close();

  // The next visitor is told the limit is reached before any password is asked: the server's answer to the
  // link's info already says so, and asking for a password that can open nothing would waste the visitor's time.
  const second = await visitor(browser);
  await second.page.goto(withSave(url, 'fs'));
  await expect(second.page.getByRole('main').getByRole('alert')).toContainText('this link has reached its download limit', { timeout: 30_000 });
  await expect(second.page.getByRole('form', { name: 'Unlock the link' })).toHaveCount(0);
  await second.context.close();

  // Revoke from the dialog: the open page's next download and the URL itself are refused.
  const open = await createLink(page);
  const third = await visitor(browser);
  await third.page.goto(withSave(open, 'fs'));
  await expect(third.page.getByTestId('link-folder-name')).toHaveText('Project Atlas', { timeout: 30_000 });
  const dialog = await openLinkDialog(page);
  const revoke = dialog.getByRole('button', { name: `Revoke link /s/${linkIdOf(open).slice(0, 8)}…` });
  await revoke.click();
  await expect(revoke).toHaveCount(0);
  await page.keyboard.press('Escape');
  await third.page.getByRole('button', { name: `Download ${top.name}` }).click();
  await expect(card(third.page).getByRole('alert')).toHaveText('This link does not exist or was revoked by its owner.', { timeout: 30_000 });
  // Before the server answers, the page cannot know it was a folder: its card is looked up by place, not by title.
  await third.page.goto(withSave(open, 'fs'));
  await expect(third.page.getByRole('main').getByRole('alert')).toHaveText('This link does not exist or was revoked by its owner.', { timeout: 30_000 });
  await third.context.close();
});
