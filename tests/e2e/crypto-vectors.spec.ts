// Cross-check in Chromium: the bundled lib/crypto decrypts the committed
// vectors to the same results as Node, reproduces the committed ciphertexts,
// and what Chromium encrypts Node decrypts. Served from a loopback server
// (a secure context), independent of the Next app.
import { expect, test, type Page } from './fixtures/test';
import { fromBase64Url, toBase64Url, toHex } from '@/lib/crypto/bytes';
import { importFileKey } from '@/lib/crypto/file-key';
import { decryptFileBytes } from '@/lib/crypto/whole-file';
import { checkVectors, expectedResults, type VectorResults } from '@/tests/vectors/check';
import { checkNegativeVectors, expectedNegativeResults } from '@/tests/vectors/negative-check';
import type { NegativeResult } from '@/tests/vectors/negative-types';
import { loadNegativeVectors, loadVectors } from '@/tests/vectors/load';
import type { CryptoPageApi } from './fixtures/crypto-entry';
import { repoPath, serveBundle } from './fixtures/serve-bundle';

const vectors = loadVectors();
const negative = loadNegativeVectors();
let server: Awaited<ReturnType<typeof serveBundle>>;

test.beforeAll(async () => {
  server = await serveBundle(repoPath('tests/e2e/fixtures/crypto-entry.ts'));
});

test.afterAll(async () => {
  await server?.close();
});

async function openPage(page: Page): Promise<void> {
  await page.goto(server.url);
  await page.waitForFunction(() => 'twofoldCrypto' in globalThis && globalThis.isSecureContext);
}

function pageApi(page: Page) {
  return <K extends keyof CryptoPageApi>(name: K, ...args: Parameters<CryptoPageApi[K]>) =>
    page.evaluate(
      ([n, a]) => (globalThis as unknown as { twofoldCrypto: Record<string, (...x: unknown[]) => unknown> }).twofoldCrypto[n]!(...a),
      [name, args] as const,
    ) as Promise<Awaited<ReturnType<CryptoPageApi[K]>>>;
}

test('Chromium decrypts the committed vectors exactly as Node does', async ({ page }) => {
  await openPage(page);
  const inBrowser = (await pageApi(page)('checkVectors', vectors)) as VectorResults;
  const inNode = await checkVectors(vectors);
  expect(inBrowser).toEqual(inNode);
  expect(inBrowser).toEqual(expectedResults(vectors));
});

test('Chromium refuses every negative vector as labelled, as Node does', async ({ page }) => {
  await openPage(page);
  const inBrowser = (await pageApi(page)('checkNegativeVectors', negative)) as NegativeResult[];
  expect(inBrowser).toEqual(await checkNegativeVectors(negative));
  expect(inBrowser).toEqual(expectedNegativeResults(negative));
});

test('Chromium reproduces the committed ciphertexts and envelope byte for byte', async ({ page }) => {
  await openPage(page);
  const call = pageApi(page);
  expect(await call('buildFileVectors')).toEqual(vectors.file);
  const envelope = await call('buildEnvelopeVectors');
  expect(envelope.envelopeBase64Url).toBe(vectors.envelope.envelopeBase64Url);
});

test('what Chromium encrypts, Node decrypts', async ({ page }) => {
  await openPage(page);
  const fileKeyBytes = crypto.getRandomValues(new Uint8Array(32));
  const plaintext = crypto.getRandomValues(new Uint8Array(5 * 1024 + 77));
  const ciphertext = await pageApi(page)('encryptForNode', toHex(fileKeyBytes), toBase64Url(plaintext), 1024);
  const decrypted = await decryptFileBytes(await importFileKey(fileKeyBytes), fromBase64Url(ciphertext));
  expect(toHex(decrypted)).toBe(toHex(plaintext));
});
