// Several encryption workers ([Note: encryption workers],
// lib/client/files/upload/encrypt-worker-client.ts): with a pool of two,
// a second crypto worker starts, parts are encrypted in both, and the file
// still downloads byte-identical. The default on a machine of N cores is
// N - 1 workers (at least 1, at most 4).
import { expect, test, type Page } from './fixtures/test';
import { confirmRecoveryKey, signUp, uniqueEmail } from './account-helpers';
import { installHarness, loadHarness, withEngine } from './fixtures/harness';
import { CHROMIUM_PATH, HARNESS_CHROMIUM_ARGS } from './fixtures/chromium';

// [Note: harness worker and Local Network Access]
test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: HARNESS_CHROMIUM_ARGS } });

const MiB = 1024 * 1024;
// Four parts of the server's 16 MiB plan, the last one short.
const SIZE = 52 * MiB + 777;

test.describe.configure({ timeout: 240_000 });

async function signedUpPage(page: Page): Promise<void> {
  const { recoveryKey } = await signUp(page, uniqueEmail('workers'), 'workers-Passw0rd-42');
  await confirmRecoveryKey(page, recoveryKey);
  await installHarness(page);
  await loadHarness(page);
  await expect.poll(() => withEngine(page, (e) => e.unlock().then(() => true, () => false), null), { timeout: 30_000 }).toBe(true);
}

/** The page's dedicated workers running the crypto worker's script. */
const cryptoWorkers = (page: Page) => page.workers().filter((w) => /worker/.test(w.url()) && !/service/i.test(w.url())).length;

test('two encryption workers: a second worker starts, and the upload downloads byte-identical', async ({ page }) => {
  await signedUpPage(page);
  const { sha256, cores, defaultCount } = await withEngine(page, async (e, size) => {
    const defaultCount = e.encryptionWorkers();
    e.setEncryptionWorkers(2);
    e.makePatternFile('pool.bin', size, 5, 1_750_000_000_000);
    const sha256 = await e.sha256OfFile('pool.bin');
    e.start('pool', 'pool.bin', 4);
    return { sha256, cores: navigator.hardwareConcurrency, defaultCount };
  }, SIZE);
  expect(defaultCount).toBe(Math.max(1, Math.min(4, cores - 1)));

  await expect.poll(() => withEngine(page, (e) => e.run('pool')?.done ?? false, null), { timeout: 180_000, intervals: [250] }).toBe(true);
  const run = await withEngine(page, (e) => e.run('pool')!, null);
  expect(run.error).toBeUndefined();
  expect(cryptoWorkers(page)).toBeGreaterThanOrEqual(2);
  const download = await withEngine(page, (e, id) => e.downloadSha256(id), run.id!);
  expect(download.sha256).toBe(sha256);
});
