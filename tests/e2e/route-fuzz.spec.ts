// Issue 12 item 6: no request, however malformed, gets a 5xx or hangs. A
// property-based fuzzer over every API route, against the running app over
// HTTP so that Next's own routing and param decoding are included: bodies
// from each route's zod schema bent out of shape, hostile path params (NUL,
// %ff, %zz), raw non-JSON bodies; signed out, then signed in with a real
// session. The route list comes from app/api itself (fuzz/route-inventory.ts):
// a new route file fails the first test until fuzz/route-table.ts covers it.
import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { expect, test, type APIRequestContext } from './fixtures/test';
import { confirmRecoveryKey, expectUnlocked, signUp, uniqueEmail } from './account-helpers';
import { bodyFor, nastyString, paramSegment, rawBody } from './fuzz/arbitraries';
import { apiRouteInventory, type HttpMethod } from './fuzz/route-inventory';
import { ROUTE_TABLE, type Endpoint } from './fuzz/route-table';

// Runs per route, method and signed-in state (about 45 endpoints): the
// default keeps both passes under two minutes on two slow cores.
// TWOFOLD_FUZZ_RUNS=200 for a deeper local run.
const RUNS = Number(process.env.TWOFOLD_FUZZ_RUNS ?? 25);
const REQUEST_TIMEOUT_MS = 15_000;
const NEXTAUTH = '/api/auth/[...nextauth]';
// Node's HTTP parser answers a request head over 16 KiB with a bare 431
// before the app runs; query values stay under it (bodies are still fuzzed to 70 kB).
const QUERY_MAX = 4000;

test('the fuzzer covers exactly the routes and methods under app/api', () => {
  const inventory = Object.fromEntries(apiRouteInventory());
  const table = Object.fromEntries(Object.entries(ROUTE_TABLE).map(([route, methods]) => [route, Object.keys(methods).sort()]));
  expect(Object.keys(inventory).length).toBeGreaterThan(30);
  expect(table).toEqual(inventory);
});

interface Case {
  route: string;
  method: HttpMethod;
  endpoint: Endpoint;
}

interface Sent {
  path: string;
  json?: unknown;
  raw?: { contentType?: string; data: Buffer };
}

// Signing out everywhere ends the session, so it goes last, and next-auth's
// routes (which can sign out too) just before it.
const rank = (c: Case) => (c.endpoint.endsSession ? 2 : c.route === NEXTAUTH ? 1 : 0);
const CASES: Case[] = Object.entries(ROUTE_TABLE)
  .flatMap(([route, methods]) => Object.entries(methods).map(([method, endpoint]) => ({ route, method: method as HttpMethod, endpoint: endpoint! })))
  .sort((a, b) => rank(a) - rank(b));

const PARAM = /\[(\.\.\.)?[^\]]+\]/g;

/** The route's path with each [param] filled in; a catch-all takes one or more segments. */
function pathArbitrary({ route, endpoint }: Case): fc.Arbitrary<string> {
  const slots = route.match(PARAM) ?? [];
  const fills = slots.map((slot) => (slot.startsWith('[...')
    ? fc.oneof(fc.constantFrom(...(endpoint.catchAll ?? ['x'])), fc.array(paramSegment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/')))
    : paramSegment));
  const query = endpoint.query
    ? fc.oneof(nastyString.map((v) => `?${endpoint.query![0]}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '').slice(0, QUERY_MAX))}`), fc.constantFrom('', '?email=%ff', '?email', '?email=a&email=b'))
    : fc.constant('');
  return fc.tuple(fc.tuple(...fills), query).map(([values, q]) => {
    let i = 0;
    return route.replace(PARAM, () => values[i++]!) + q;
  });
}

function sentArbitrary(c: Case): fc.Arbitrary<Sent> {
  const path = pathArbitrary(c);
  if (c.method === 'GET') return path.map((p) => ({ path: p }));
  const bodies: Array<fc.WeightedArbitrary<Omit<Sent, 'path'>>> = [{ arbitrary: rawBody.map((raw) => ({ raw })), weight: 1 }, { arbitrary: fc.constant({}), weight: 1 }];
  if (c.endpoint.body) bodies.unshift({ arbitrary: bodyFor(c.endpoint.body).map((json) => ({ json })), weight: 4 });
  return fc.tuple(path, fc.oneof(...bodies)).map(([p, body]) => ({ path: p, ...body }));
}

/** The same route with one param replaced by an undecodable escape: always tried, whatever fast-check draws. */
function fixedPaths({ route, endpoint }: Case): string[] {
  const slots = route.match(PARAM) ?? [];
  const plain = (slot: string) => (slot.startsWith('[...') ? endpoint.catchAll?.[0] ?? 'x' : '0b9c6a52-7d1e-4f3a-8b2c-5e6f7a8b9c0d');
  return slots.flatMap((_, target) => ['%ff', '%zz', '%00'].map((bad) => {
    let i = 0;
    return route.replace(PARAM, (slot) => (i++ === target ? bad : plain(slot)));
  }));
}

const describeSent = (c: Case, sent: Sent) => {
  const body = sent.json !== undefined ? JSON.stringify(sent.json) : sent.raw ? `${sent.raw.contentType}: ${sent.raw.data.toString('latin1')}` : '';
  return `${c.method} ${sent.path.slice(0, 200)} ${body.slice(0, 200)}`;
};

async function send(request: APIRequestContext, origin: string, c: Case, sent: Sent): Promise<void> {
  const headers: Record<string, string> = {
    // A documentation address per request: the per-IP sign-in limits of the
    // specs that run after this one keep their budget.
    'X-Forwarded-For': `198.51.100.${randomInt(1, 255)}`,
  };
  // Same-origin, as a browser would send it on a state-changing request.
  if (c.method !== 'GET') headers.Origin = origin;
  if (sent.raw?.contentType) headers['Content-Type'] = sent.raw.contentType;
  const response = await request.fetch(`${origin}${sent.path}`, {
    method: c.method,
    headers,
    ...(sent.json !== undefined ? { data: sent.json } : sent.raw ? { data: sent.raw.data } : {}),
    timeout: REQUEST_TIMEOUT_MS,
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const what = `${describeSent(c, sent)} → ${response.status()}`;
  expect(response.status(), what).toBeLessThan(500);
  // next-auth answers its own way (redirects, HTML); every other API error is our JSON shape.
  if (c.route !== NEXTAUTH && response.status() >= 400) {
    const body: unknown = await response.json().catch(() => (response.text()));
    // Bulk routes add `items`, each item's outcome ([Note: all or nothing]); code and message are always there.
    expect(body, what).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
  }
}

async function expectHealthy(request: APIRequestContext, origin: string, after: string) {
  const health = await request.get(`${origin}/api/health`, { timeout: REQUEST_TIMEOUT_MS });
  expect(health.status(), `/api/health after ${after}`).toBe(200);
}

/** Fuzzes route by route and reports every failing one at the end, each with fast-check's counterexample and seed. */
async function fuzzEveryRoute(request: APIRequestContext, origin: string, beforeSessionEnds?: () => Promise<void>) {
  const failures: string[] = [];
  for (const c of CASES) {
    if (c.endpoint.endsSession || c.route === NEXTAUTH) await beforeSessionEnds?.();
    const attempt = async (what: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (error) {
        failures.push(`${what} ${c.method} ${c.route}: ${String(error instanceof Error ? error.message : error).split('\n').filter(Boolean).slice(0, 3).join(' | ').slice(0, 600)}`);
      }
    };
    await attempt('fixed', async () => {
      for (const path of fixedPaths(c)) await send(request, origin, c, { path, json: {} });
    });
    await attempt('fuzzed', () => fc.assert(fc.asyncProperty(sentArbitrary(c), (sent) => send(request, origin, c, sent)), { numRuns: RUNS, endOnFailure: true }));
    await expectHealthy(request, origin, `${c.method} ${c.route}`);
  }
  expect(failures).toEqual([]);
}

test('signed out: malformed requests to every route get 4xx JSON, never a 5xx or a hang', async ({ request, baseURL }) => {
  test.setTimeout(120_000);
  await fuzzEveryRoute(request, new URL(baseURL!).origin);
});

test('signed in: the same, with a real session past every handler\'s sign-in check', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail('fuzz');
  const { recoveryKey } = await signUp(page, email, `fuzz password ${randomInt(1e9)}`);
  await confirmRecoveryKey(page, recoveryKey);
  await expectUnlocked(page, email);
  const origin = new URL(baseURL!).origin;
  // page.request shares the browser's cookies: the session from the real sign-up.
  const stillSignedIn = async () => expect((await page.request.get(`${origin}/api/account`)).status(), 'the session outlived the fuzzing').toBe(200);
  await stillSignedIn();
  let checked = false;
  await fuzzEveryRoute(page.request, origin, async () => {
    if (!checked) await stillSignedIn();
    checked = true;
  });
  expect(checked).toBe(true);
});
