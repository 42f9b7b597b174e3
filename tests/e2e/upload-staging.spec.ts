// OPFS staging of upload parts ([Note: OPFS staging], docs/uploads.md) in
// Chromium, under the app's CSP: with staging 'opfs' each part is PUT as a
// File from the Origin Private File System, the download is byte-identical,
// and no staged file outlives its PUT: not after success, not after a
// cancel mid-upload. A directory left by a page that is gone (no Web Lock)
// is swept; one whose page still holds its lock is not.
// The engine is driven through tests/e2e/fixtures/engine-harness.ts.
import { expect, test, type Page } from './fixtures/test';
import { confirmRecoveryKey, signUp, uniqueEmail } from './account-helpers';
import { installHarness, loadHarness, withEngine } from './fixtures/harness';
import { CHROMIUM_PATH, HARNESS_CHROMIUM_ARGS } from './fixtures/chromium';

// [Note: harness worker and Local Network Access]
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: HARNESS_CHROMIUM_ARGS } });

const MiB = 1024 * 1024;
// Three parts of the server's 16 MiB plan, the last one short.
const SIZE = 40 * MiB + 12_345;
const STAGING_DIR = 'twofold-upload-staging'; // lib/crypto/opfs-stage.ts; spelled out so a rename breaks this test

test.describe.configure({ timeout: 240_000 });

async function signedUpPage(page: Page): Promise<void> {
  const { recoveryKey } = await signUp(page, uniqueEmail('staging'), 'staging-Passw0rd-42');
  await confirmRecoveryKey(page, recoveryKey);
  await installHarness(page);
  await loadHarness(page);
  await expect.poll(() => withEngine(page, (e) => e.unlock().then(() => true, () => false), null), { timeout: 30_000 }).toBe(true);
}

/** Every file under the staging directory, as the page's origin sees its OPFS. */
function stagedFiles(page: Page): Promise<Array<{ path: string; size: number }>> {
  return page.evaluate(async (dirName) => {
    type Dir = FileSystemDirectoryHandle & { entries(): AsyncIterable<[string, FileSystemHandle]> };
    const out: Array<{ path: string; size: number }> = [];
    const walk = async (dir: Dir, prefix: string): Promise<void> => {
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === 'directory') await walk(handle as Dir, `${prefix}${name}/`);
        else out.push({ path: prefix + name, size: (await (handle as FileSystemFileHandle).getFile()).size });
      }
    };
    const root = await navigator.storage.getDirectory();
    const staging = await root.getDirectoryHandle(dirName).catch(() => undefined);
    if (staging) await walk(staging as Dir, '');
    return out;
  }, STAGING_DIR);
}

async function finished(page: Page, key: string) {
  await expect.poll(() => withEngine(page, (e, k) => e.run(k)?.done ?? false, key), { timeout: 180_000, intervals: [250] }).toBe(true);
  return withEngine(page, (e, k) => e.run(k)!, key);
}

/** Starts a 3-part upload with parts `held` held at the PUT, and waits until they are there. */
async function startHeld(page: Page, key: string, held: number[]): Promise<string> {
  const sha256 = await withEngine(page, async (e, a) => {
    e.setStaging('opfs');
    e.makePatternFile('big.bin', a.size, 11, 1_750_000_000_000);
    e.holdParts(a.held);
    const hash = await e.sha256OfFile('big.bin');
    e.start(a.key, 'big.bin', 2);
    return hash;
  }, { size: SIZE, held, key });
  await expect.poll(async () => {
    const log = await withEngine(page, (e) => e.putLog(), null);
    return held.every((n) => log.includes(n));
  }, { timeout: 60_000, intervals: [100] }).toBe(true);
  return sha256;
}

test('staged in OPFS: parts are PUT as Files, the download is identical, and no staged file is left', async ({ page }) => {
  await signedUpPage(page);
  const sha256 = await startHeld(page, 'up', [2]);
  // Part 2 waits at its PUT: its ciphertext is on disk now, a whole 16 MiB part.
  expect((await stagedFiles(page)).map((f) => f.size)).toContain(16 * MiB);
  await withEngine(page, (e) => e.releaseParts(), null);

  const run = await finished(page, 'up');
  expect(run.error).toBeUndefined();
  const bodies = await withEngine(page, (e) => e.putBodies(), null);
  expect(bodies.map((b) => b.partNumber).sort()).toEqual([1, 2, 3]);
  expect(bodies.every((b) => b.kind === 'file')).toBe(true);
  expect(await stagedFiles(page)).toEqual([]);

  const download = await withEngine(page, (e, id) => e.downloadSha256(id), run.id!);
  expect(download.sha256).toBe(sha256);
});

test('a cancelled upload leaves no staged part behind, not even those whose PUT was cut off', async ({ page }) => {
  await signedUpPage(page);
  await startHeld(page, 'cancelled', [1, 2]);
  // Both slots hold a staged part waiting at its PUT.
  expect(await stagedFiles(page)).toHaveLength(2);

  await withEngine(page, (e) => e.abort('cancelled'), null);
  await withEngine(page, (e) => e.releaseParts(), null);
  const run = await finished(page, 'cancelled');
  expect(run.error).toMatch(/AbortError/);
  expect(await stagedFiles(page)).toEqual([]);
});

test('a gone page’s staging directory is swept at the next staged upload; a live page’s is kept', async ({ page }) => {
  await signedUpPage(page);
  // Two leftovers: one whose page died (no lock), one whose page lives (this page holds its lock for it).
  await page.evaluate(async (dirName) => {
    const staging = await (await navigator.storage.getDirectory()).getDirectoryHandle(dirName, { create: true });
    for (const dir of ['crashed-tab', 'live-tab']) {
      const writable = await (await (await staging.getDirectoryHandle(dir, { create: true })).getFileHandle('part-1', { create: true })).createWritable();
      await writable.write(new Uint8Array(1000));
      await writable.close();
    }
    await new Promise<void>((held) => void navigator.locks.request(`${dirName}/live-tab`, () => (held(), new Promise(() => {}))));
  }, STAGING_DIR);

  await withEngine(page, (e) => {
    e.setStaging('opfs');
    e.makePatternFile('small.bin', 100_000, 3, 1_750_000_000_000);
    e.start('small', 'small.bin', 2);
  }, null);
  expect((await finished(page, 'small')).error).toBeUndefined();
  expect(await stagedFiles(page)).toEqual([{ path: 'live-tab/part-1', size: 1000 }]);
});
