// Upload faults end to end in Chromium, against a stack of the spec's own
// (its own MinIO can be stopped without disturbing other tests): the store
// goes away in the middle of a multipart upload and the tab is reloaded; the
// user picks the same file again, the upload resumes without re-sending
// acknowledged parts, and the download is byte-identical. Also: an offline
// spell is waited out, and a changed file starts over under a new key.
// The engine is driven through tests/e2e/fixtures/engine-harness.ts.
import { expect, test, type Browser, type Page } from './fixtures/test';
import { confirmRecoveryKey, signUp, uniqueEmail } from './account-helpers';
import { installHarness, loadHarness, withEngine } from './fixtures/harness';
import { CHROMIUM_PATH, HARNESS_CHROMIUM_ARGS } from './fixtures/chromium';

// [Note: harness worker and Local Network Access]
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: HARNESS_CHROMIUM_ARGS } });
import { launchStack, type StackHandle } from './fixtures/stack';

const MiB = 1024 * 1024;
// Three parts of the server's 16 MiB plan, the last one short.
const SIZE = 40 * MiB + 12_345;
const MTIME = 1_750_000_000_000;
const PASSWORD = 'resume-Passw0rd-42';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let stack: StackHandle;
test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await launchStack();
});
test.afterAll(async () => stack?.close());

async function signedUpPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const page = await context.newPage();
  const { recoveryKey } = await signUp(page, uniqueEmail('resume'), PASSWORD);
  await confirmRecoveryKey(page, recoveryKey);
  await installHarness(page);
  await loadHarness(page);
  await expect.poll(() => withEngine(page, (e) => e.unlock().then(() => true, () => false), null), { timeout: 30_000 }).toBe(true);
  return page;
}

async function finished(page: Page, key: string) {
  await expect.poll(() => withEngine(page, (e, k) => e.run(k)?.done ?? false, key), { timeout: 180_000, intervals: [250] }).toBe(true);
  const run = await withEngine(page, (e, k) => e.run(k)!, key);
  expect(run.error).toBeUndefined();
  return run;
}

/** Starts an upload with parts `held` held back, and waits until part 1 is acknowledged (recorded in IndexedDB). */
async function startUntilFirstPart(page: Page, seed: number, held: number[], flipAt?: number): Promise<{ id: string; sha256: string }> {
  const sha256 = await withEngine(page, async (e, a) => {
    e.makePatternFile('big.bin', a.size, a.seed, a.mtime, a.flipAt);
    e.holdParts(a.held);
    const hash = await e.sha256OfFile('big.bin');
    e.start('first', 'big.bin', 2);
    return hash;
  }, { size: SIZE, seed, mtime: MTIME, held, flipAt });
  let id = '';
  await expect.poll(async () => {
    const list = await withEngine(page, (e) => e.listResumable(), null);
    id = list[0]?.id ?? '';
    return list[0]?.uploadedBytes ?? 0;
  }, { timeout: 60_000, intervals: [100] }).toBe(16 * MiB);
  return { id, sha256 };
}

test('the store goes away mid-upload and the tab reloads: resume skips acknowledged parts, download is identical', async ({ browser }) => {
  const page = await signedUpPage(browser);
  const { id, sha256 } = await startUntilFirstPart(page, 7, [2, 3]);
  // Part 3 takes part 1's upload slot once part 1 is acknowledged: wait for it to be started (and held).
  await expect.poll(() => withEngine(page, (e, i) => e.parts(i), id), { timeout: 30_000, intervals: [100] }).toEqual([
    { partNumber: 1, acknowledged: true }, { partNumber: 2, acknowledged: false }, { partNumber: 3, acknowledged: false },
  ]);

  // Cut the store off while parts 2 and 3 are on their way, then close the tab's work.
  await stack.stopMinio();
  await withEngine(page, (e) => e.releaseParts(), null);
  await page.waitForTimeout(500);
  await page.reload();
  await stack.startMinio();

  await loadHarness(page);
  await withEngine(page, (e) => e.unlock(), null);
  const listed = await withEngine(page, (e) => e.listResumable(), null);
  expect(listed).toEqual([expect.objectContaining({ id, name: 'big.bin', size: SIZE, uploadedBytes: 16 * MiB })]);

  // The user picks the same file again (the same bytes, name and date).
  await withEngine(page, (e, a) => {
    e.makePatternFile('big.bin', a.size, a.seed, a.mtime);
    e.resume('again', a.id, 'big.bin', 2);
  }, { size: SIZE, seed: 7, mtime: MTIME, id });
  const run = await finished(page, 'again');
  expect(run.id).toBe(id);
  // Encrypted in the worker, not on the page's thread.
  expect(await withEngine(page, (e) => e.encryptionThread(), null)).toBe('worker');
  // After the reload only parts 2 and 3 went to the store: part 1 was acknowledged.
  expect((await withEngine(page, (e) => e.putLog(), null)).sort()).toEqual([2, 3]);
  expect(await withEngine(page, (e) => e.listResumable(), null)).toEqual([]);

  const decryptedBefore = await withEngine(page, (e) => e.workerDecryptedBytes(), null);
  const download = await withEngine(page, (e, i) => e.downloadSha256(i), id);
  expect(download.bytes).toBe(SIZE);
  expect(download.sha256).toBe(sha256);
  // Decrypted in the worker too: it released every plaintext byte, the page's thread none.
  expect(await withEngine(page, (e) => e.decryptionThread(), null)).toBe('worker');
  expect(await withEngine(page, (e) => e.workerDecryptedBytes(), null)).toBe(decryptedBefore + SIZE);
  await page.context().close();
});

test('an offline spell is waited out: the upload finishes on its own when the connection returns', async ({ browser }) => {
  const page = await signedUpPage(browser);
  const { id, sha256 } = await startUntilFirstPart(page, 11, [2]);
  await page.context().setOffline(true);
  await withEngine(page, (e) => e.releaseParts(), null);
  // Longer than the whole retry budget would take at its fastest: offline time spends no attempts.
  await page.waitForTimeout(4_000);
  expect(await withEngine(page, (e) => e.run('first'), null)).toMatchObject({ done: false });
  await page.context().setOffline(false);
  const run = await finished(page, 'first');
  expect(run.id).toBe(id);
  expect((await withEngine(page, (e, i) => e.downloadSha256(i), id)).sha256).toBe(sha256);
  await page.context().close();
});

test('a re-selected file that differs where parts were sent starts over under a new key; the old upload is aborted', async ({ browser }) => {
  const page = await signedUpPage(browser);
  const { id } = await startUntilFirstPart(page, 13, [2, 3]);
  await page.reload();
  await loadHarness(page);
  await withEngine(page, (e) => e.unlock(), null);

  // Same name, size and date, but one byte differs inside part 2, which was started.
  const changedSha = await withEngine(page, async (e, a) => {
    e.makePatternFile('big.bin', a.size, a.seed, a.mtime, 20 * 1024 * 1024);
    const hash = await e.sha256OfFile('big.bin');
    e.resume('again', a.id, 'big.bin', 2);
    return hash;
  }, { size: SIZE, seed: 13, mtime: MTIME, id });
  const run = await finished(page, 'again');
  expect(run.id).not.toBe(id);
  expect(await withEngine(page, (e, i) => e.fileStatus(i), id)).toBe(404);
  expect((await withEngine(page, (e, i) => e.downloadSha256(i), run.id!)).sha256).toBe(changedSha);
  await page.context().close();
});
