// Two app servers on one database behind nginx (scripts/test.ts starts them):
// the owner signs in through A, with the login's second step on B, then
// uploads and shares through B; the recipient downloads byte-identical bytes
// through B; a sign-out on A ends the session on B. nginx (started with
// `pinnable`) lets a request pick its server by the twofold_instance cookie or
// X-Twofold-Instance header, and names the server of every answer.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectUnlocked, signIn, signOut } from '../e2e/account-helpers';
import { expectListed, installSaveSwitch, newVaultUser, rowAction, savedByStub, sha256, sharedAction, textFile, uploadViaPicker } from '../e2e/vault-helpers';

const front = process.env.TWOFOLD_CLUSTER_URL ?? 'http://localhost:3000';
const A = process.env.TWOFOLD_CLUSTER_A ?? '';
const B = process.env.TWOFOLD_CLUSTER_B ?? '';

async function pin(context: BrowserContext, label: 'a' | 'b') {
  await context.addCookies([{ name: 'twofold_instance', value: label, url: front }]);
}

/** The server (host:port) behind each /api/ answer the page receives, from nginx's header. */
function recordUpstreams(page: Page): Array<{ path: string; upstream: string }> {
  const seen: Array<{ path: string; upstream: string }> = [];
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin === new URL(front).origin && url.pathname.startsWith('/api/')) seen.push({ path: url.pathname, upstream: response.headers()['x-twofold-upstream'] ?? '' });
  });
  return seen;
}

test('sign in through A, upload, share and download through B, sign out on A ends the session on B', async ({ browser, playwright }) => {
  test.setTimeout(300_000);
  expect(A && B && A !== B).toBeTruthy();
  // Each instance is also reachable directly.
  for (const upstream of [A, B]) expect((await fetch(`http://${upstream}/api/health`)).status).toBe(200);

  const ownerContext = await browser.newContext();
  await pin(ownerContext, 'a');
  const owner = await ownerContext.newPage();
  await installSaveSwitch(owner);
  const seen = recordUpstreams(owner);
  const { email, password } = await newVaultUser(owner, 'cluster-owner');
  await signOut(owner);

  // Sign in through A; next-auth's callback (the second OPAQUE step) goes to B.
  const toB = (route: Parameters<Parameters<Page['route']>[1]>[0]) => route.continue({ headers: { ...route.request().headers(), 'x-twofold-instance': 'b' } });
  await owner.route('**/api/auth/callback/**', toB);
  seen.length = 0;
  await signIn(owner, email, password);
  await expectUnlocked(owner, email);
  await owner.unroute('**/api/auth/callback/**', toB);
  expect(seen.find((s) => s.path === '/api/login/start')?.upstream).toBe(A);
  expect(seen.find((s) => s.path.startsWith('/api/auth/callback/'))?.upstream).toBe(B);

  // Everything from here on through B.
  await pin(ownerContext, 'b');
  await owner.goto('/vault');
  seen.length = 0;
  const file = textFile('cluster plan.txt', 'Two servers, one vault.\n'.repeat(300));
  await uploadViaPicker(owner, [file]);
  await expectListed(owner, [file.name]);

  const recipientContext = await browser.newContext();
  await pin(recipientContext, 'b');
  const recipient = await recipientContext.newPage();
  await installSaveSwitch(recipient);
  const recipientSeen = recordUpstreams(recipient);
  const other = await newVaultUser(recipient, 'cluster-recipient');

  await rowAction(owner, file.name, 'Share');
  const dialog = owner.getByRole('dialog', { name: `Share ${file.name}` });
  await dialog.getByLabel('Email of the person to share with').fill(other.email);
  await dialog.getByRole('button', { name: 'Find keys' }).click();
  await dialog.getByRole('button', { name: `Share with ${other.email}` }).click();
  await expect(dialog.getByText(`${file.name} is now shared with ${other.email}.`)).toBeVisible();
  await owner.keyboard.press('Escape');

  recipientSeen.length = 0;
  await recipient.goto('/vault?view=shared&e2e-save=fs');
  await sharedAction(recipient, file.name, email, 'Download');
  await expect.poll(async () => (await savedByStub(recipient)).closed, { timeout: 30_000 }).toBe(true);
  expect((await savedByStub(recipient)).sha256).toBe(sha256(file.buffer));
  // The upload, the share and the download were all answered by B.
  expect(seen.length).toBeGreaterThan(0);
  expect(recipientSeen.some((s) => s.path.endsWith('/download'))).toBe(true);
  expect([...seen, ...recipientSeen].filter((s) => s.upstream !== B)).toEqual([]);

  // A sign-out on A ends the session on B, for a copy of the cookie too.
  const stolen = await ownerContext.storageState();
  const onB = await playwright.request.newContext({ baseURL: front, storageState: stolen, extraHTTPHeaders: { 'x-twofold-instance': 'b' } });
  expect((await onB.get('/api/account')).status()).toBe(200);
  await pin(ownerContext, 'a');
  await signOut(owner);
  expect((await onB.get('/api/account')).status()).toBe(401);
  await onB.dispose();
  await ownerContext.close();
  await recipientContext.close();
});
