// Liveness, readiness and the Prometheus metrics (issue 13, item 5), through
// the real route handlers (tests/helpers/request-scope.ts) on a MinIO of this
// file's own, so stopping it for the readiness case disturbs no other test.
// The metrics are read the way Prometheus reads them: the scrape's text.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as liveRoute from '@/app/api/health/live/route';
import * as readyRoute from '@/app/api/health/ready/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as filesRoute from '@/app/api/files/route';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as partsRoute from '@/app/api/files/[id]/parts/route';
import * as completeRoute from '@/app/api/files/[id]/complete/route';
import * as downloadRoute from '@/app/api/files/[id]/download/route';
import * as lookupRoute from '@/app/api/users/lookup/route';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { files } from '@/lib/server/db/schema-files';
import { resetServerEnvForTests } from '@/lib/server/env';
import { filesDeps } from '@/lib/server/files/deps';
import { maybeSweep, STALE_PENDING_MS } from '@/lib/server/files/sweeper';
import { createUploadResponse, presignPartsResponse } from '@/lib/shared/files';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { createUser, fakeSealed, put } from '../helpers/files';
import { DedicatedMinio } from '../helpers/dedicated-minio';
import { inRequestScope } from '../helpers/request-scope';
import { callRoute, sessionCookie, type RouteHandler } from '../helpers/route-call';

const CHUNK = 256 * 1024;
const TOKEN = randomBytes(24).toString('base64url');
let minio: DedicatedMinio;
let alice: string;
let bob: string;
let aliceCookie: string;

beforeAll(async () => {
  minio = await DedicatedMinio.create();
  const conn = await useAppEnv('observability', {
    S3_ENDPOINT: minio.endpoint,
    S3_BUCKET: minio.bucket,
    S3_ACCESS_KEY_ID: minio.secrets.appUser,
    S3_SECRET_ACCESS_KEY: minio.secrets.appPassword,
    KMS_KEY_ID: minio.secrets.kmsKeyName,
  });
  alice = await createUser(conn);
  bob = await createUser(conn);
  aliceCookie = await sessionCookie(alice, process.env.NEXTAUTH_SECRET!);
});
afterAll(async () => {
  await restoreAppEnv();
  await minio?.stop();
});

function setMetricsToken(token: string | undefined): void {
  if (token === undefined) delete process.env.METRICS_TOKEN;
  else process.env.METRICS_TOKEN = token;
  resetServerEnvForTests();
}

/** GET /api/metrics as a scraper sends it; the body is text, not JSON. */
async function scrape(authorization?: string): Promise<{ status: number; text: string; contentType: string | null }> {
  const request = new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} });
  const response = await inRequestScope(request, '/api/metrics', () => metricsRoute.GET(request, undefined));
  return { status: response.status, text: await response.text(), contentType: response.headers.get('content-type') };
}

/** The value of one series in Prometheus text (0 when absent): `name{a="x",b="y"} value`. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean);
    if (wanted.length === have.length && wanted.every((w) => have.includes(w))) return Number(match[3]);
  }
  return 0;
}

const metricsText = async () => {
  const res = await scrape(`Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return res.text;
};

describe('GET /api/health/live', () => {
  it('answers 200 without looking at any dependency', async () => {
    expect(await callRoute(liveRoute.GET as RouteHandler, 'GET', '/api/health/live')).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe('GET /api/health/ready', () => {
  const ready = () => callRoute(readyRoute.GET as RouteHandler, 'GET', '/api/health/ready');

  it('answers 200 when the database and the encrypted bucket answer', async () => {
    expect(await ready()).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('answers 503 not_ready when the store is stopped, without its endpoint or the raw error, and 200 once it is back', async () => {
    await minio.stop();
    try {
      const down = await ready();
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ error: { code: 'not_ready', message: expect.stringContaining('bucket') } });
      const text = JSON.stringify(down.body);
      expect(text).not.toContain(String(minio.port));
      expect(text).not.toContain('127.0.0.1');
      expect(text).not.toMatch(/ECONNREFUSED|unreachable or misconfigured:/);
      // Liveness is not readiness: the process still serves.
      expect((await callRoute(liveRoute.GET as RouteHandler, 'GET', '/api/health/live')).status).toBe(200);
    } finally {
      // Waits until MinIO serves the app user again (DedicatedMinio.start).
      await minio.start();
    }
    expect((await ready()).status).toBe(200);
  });
});

describe('GET /api/metrics', () => {
  it('answers 404 while METRICS_TOKEN is not set, token or not', async () => {
    setMetricsToken(undefined);
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      const res = await scrape(authorization);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('answers 401 for a missing, wrong, prefixed or extended token, 200 with Prometheus text for the right one', async () => {
    setMetricsToken(TOKEN);
    for (const authorization of [undefined, 'Bearer', `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(authorization);
      expect(res.status, `authorization ${authorization ?? '(none)'}`).toBe(401);
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'unauthorized' } });
      expect(res.text).not.toContain('twofold_');
    }
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE twofold_http_requests_total counter');
    expect(res.text).toContain('# TYPE twofold_http_request_duration_seconds histogram');
  });

  describe('with a token', () => {
    beforeAll(() => setMetricsToken(TOKEN));

    it('counts requests and their latency by route template and status', async () => {
      const labels = { method: 'GET', route: '/api/health/live', status: '200' };
      const before = await metricsText();
      await callRoute(liveRoute.GET as RouteHandler, 'GET', '/api/health/live');
      await callRoute(liveRoute.GET as RouteHandler, 'GET', '/api/health/live');
      const after = await metricsText();
      expect(sample(after, 'twofold_http_requests_total', labels) - sample(before, 'twofold_http_requests_total', labels)).toBe(2);
      expect(sample(after, 'twofold_http_request_duration_seconds_count', labels) - sample(before, 'twofold_http_request_duration_seconds_count', labels)).toBe(2);
      expect(sample(after, 'twofold_http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(sample(after, 'twofold_http_requests_total', labels));
    });

    it('counts exactly the bytes it signs: a single PUT, multipart parts, a download', async () => {
      const upload = { direction: 'upload' };
      const download = { direction: 'download' };
      const signed = async (labels: Record<string, string>) => sample(await metricsText(), 'twofold_signed_bytes_total', labels);

      // Single PUT: one URL for the whole ciphertext.
      const small = ciphertextSizeFromPlaintextSize(70_000, CHUNK);
      let before = await signed(upload);
      const created = await callRoute(filesRoute.POST as RouteHandler, 'POST', '/api/files', { cookie: aliceCookie, body: { ciphertextSize: small, chunkSize: CHUNK } });
      expect(created.status).toBe(200);
      const single = createUploadResponse.parse(created.body);
      expect(await signed(upload) - before).toBe(small);

      // Then it is completed and downloaded: the GET covers the whole ciphertext.
      expect((await put(single.upload.parts[0]!.url, randomBytes(small), single.upload.parts[0]!.headers)).status).toBe(200);
      const id = single.id;
      expect((await callRoute(completeRoute.POST as RouteHandler, 'POST', `/api/files/${id}/complete`, { cookie: aliceCookie, body: fakeSealed(), params: { id } })).status).toBe(200);
      before = await signed(download);
      expect((await callRoute(downloadRoute.GET as RouteHandler, 'GET', `/api/files/${id}/download`, { cookie: aliceCookie, params: { id } })).status).toBe(200);
      expect(await signed(download) - before).toBe(small);

      // Multipart: the create answer signs the first parts; /parts re-signs two of them.
      const large = ciphertextSizeFromPlaintextSize(40 * 1024 * 1024, CHUNK);
      before = await signed(upload);
      const multi = createUploadResponse.parse((await callRoute(filesRoute.POST as RouteHandler, 'POST', '/api/files', {
        cookie: aliceCookie, body: { ciphertextSize: large, chunkSize: CHUNK },
      })).body);
      expect(multi.upload.kind).toBe('multipart');
      expect(multi.upload.parts).toHaveLength(multi.upload.partCount);
      expect(await signed(upload) - before).toBe(large);

      before = await signed(upload);
      const parts = await callRoute(partsRoute.POST as RouteHandler, 'POST', `/api/files/${multi.id}/parts`, {
        cookie: aliceCookie, body: { partNumbers: [2, 3] }, params: { id: multi.id },
      });
      expect(presignPartsResponse.parse(parts.body).parts).toHaveLength(2);
      const lastPart = large - 2 * multi.upload.partSize;
      expect(await signed(upload) - before).toBe(multi.upload.partSize + lastPart);
    });

    it('counts error answers by their code', async () => {
      const count = (text: string, code: string) => sample(text, 'twofold_errors_total', { code });
      const before = await metricsText();
      const missing = randomUUID();
      expect((await callRoute(fileRoute.GET as RouteHandler, 'GET', `/api/files/${missing}`, { cookie: aliceCookie, params: { id: missing } })).status).toBe(404);
      expect((await callRoute(fileRoute.GET as RouteHandler, 'GET', `/api/files/${missing}`, { params: { id: missing } })).status).toBe(401);
      expect((await callRoute(filesRoute.POST as RouteHandler, 'POST', '/api/files', { cookie: aliceCookie, body: '{"ciphertextSize": ' })).status).toBe(400);
      const after = await metricsText();
      expect(count(after, 'not_found') - count(before, 'not_found')).toBe(1);
      expect(count(after, 'unauthorized') - count(before, 'unauthorized')).toBe(1);
      expect(count(after, 'bad_request') - count(before, 'bad_request')).toBe(1);
      const route404 = { method: 'GET', route: '/api/files/[id]', status: '404' };
      expect(sample(after, 'twofold_http_requests_total', route404) - sample(before, 'twofold_http_requests_total', route404)).toBe(1);
    });

    it('counts sweeper runs and the stale uploads they removed', async () => {
      const deps = await filesDeps();
      // A moment when every upload pending now is a day stale (the multipart one above is).
      const now = Date.now() + STALE_PENDING_MS + 60 * 60 * 1000;
      const stale = await deps.db.select({ id: files.id }).from(files)
        .where(and(eq(files.status, 'pending'), lt(files.updatedAt, new Date(now - STALE_PENDING_MS))));
      expect(stale.length).toBeGreaterThan(0);
      const before = await metricsText();
      await maybeSweep(deps, now);
      const after = await metricsText();
      const delta = (name: string, labels: Record<string, string>) => sample(after, name, labels) - sample(before, name, labels);
      expect(delta('twofold_sweeper_runs_total', { outcome: 'ok' })).toBe(1);
      // The sweeper takes at most 100 per run (a PostgreSQL suite's shared database may hold more).
      expect(delta('twofold_swept_items_total', { kind: 'stale_upload' })).toBe(Math.min(stale.length, 100));
      expect(after).toMatch(/^twofold_swept_items_total\{kind="trash_entry"\} \d+$/m);
    });

    it("never carries a file id, a user id or an email: the attacker's check", async () => {
      const ciphertextSize = ciphertextSizeFromPlaintextSize(10, CHUNK);
      const { id: fileId } = createUploadResponse.parse((await callRoute(filesRoute.POST as RouteHandler, 'POST', '/api/files', {
        cookie: aliceCookie, body: { ciphertextSize, chunkSize: CHUNK },
      })).body);
      const bobEmail = `${bob}@files.test`;
      const probe = `victim-${randomBytes(6).toString('hex')}@example.com`;
      expect((await callRoute(fileRoute.GET as RouteHandler, 'GET', `/api/files/${fileId}`, { cookie: aliceCookie, params: { id: fileId } })).status).toBe(200);
      expect((await callRoute(fileRoute.DELETE as RouteHandler, 'DELETE', `/api/files/${fileId}`, { cookie: aliceCookie, params: { id: fileId } })).status).toBe(200);
      // An email where an id belongs, and emails in the directory's query string.
      await callRoute(fileRoute.GET as RouteHandler, 'GET', `/api/files/${encodeURIComponent(probe)}`, { cookie: aliceCookie, params: { id: probe } });
      for (const email of [bobEmail, probe]) {
        await callRoute(lookupRoute.GET as RouteHandler, 'GET', `/api/users/lookup?email=${encodeURIComponent(email)}`, { cookie: aliceCookie });
      }
      const text = await metricsText();
      // The requests were counted, under their templates...
      expect(sample(text, 'twofold_http_requests_total', { method: 'GET', route: '/api/files/[id]', status: '200' })).toBeGreaterThan(0);
      expect(text).toContain('route="/api/users/lookup"');
      // ...and nothing of who or what they were about.
      for (const secret of [fileId, alice, bob, bobEmail, probe, encodeURIComponent(probe), 'files.test', 'example.com']) {
        expect(text, secret).not.toContain(secret);
      }
    });
  });
});
