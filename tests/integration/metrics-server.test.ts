// The metrics as the production server keeps them: Next bundles each route
// on its own, so /api/metrics must see what other routes counted (the one
// registry on globalThis), and the scrape is plain HTTP with a bearer token.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { startNext, type RunningApp } from '../../scripts/lib/next-app';
import { freePort } from '../../scripts/lib/proc';
import { testContext } from '../helpers/context';
import { DedicatedMinio } from '../helpers/dedicated-minio';

const TOKEN = randomBytes(24).toString('base64url');
let minio: DedicatedMinio;
let app: RunningApp;
let base: string;

async function migratedDb(): Promise<{ DATABASE_URL?: string; PGLITE_DIR?: string }> {
  if (process.env.DATABASE_URL) return { DATABASE_URL: process.env.DATABASE_URL };
  const pgliteDir = join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'metrics-server-')), 'db');
  const conn = await openDatabase({ pgliteDir });
  await migrateDatabase(conn);
  await conn.close();
  return { PGLITE_DIR: pgliteDir };
}

beforeAll(async () => {
  minio = await DedicatedMinio.create();
  const port = await freePort();
  app = await startNext({
    port,
    host: '127.0.0.1',
    output: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: undefined,
      ...(await migratedDb()),
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      TWOFOLD_STORAGE_MODE: 'minio',
      S3_ENDPOINT: minio.endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: minio.bucket,
      S3_ACCESS_KEY_ID: minio.secrets.appUser,
      S3_SECRET_ACCESS_KEY: minio.secrets.appPassword,
      KMS_KEY_ID: minio.secrets.kmsKeyName,
      NEXTAUTH_SECRET: minio.secrets.nextAuthSecret,
      NEXTAUTH_URL: `http://localhost:${port}`,
      OPAQUE_SERVER_SETUP: testContext().appEnv.OPAQUE_SERVER_SETUP,
      METRICS_TOKEN: TOKEN,
    },
  });
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  await app?.stop();
  await minio?.stop();
});

const scrape = async () => {
  const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};

describe('GET /api/metrics on the production server', () => {
  it('refuses a wrong token and, with the right one, counts requests to other routes by template, without their ids or emails', async () => {
    const fileId = randomUUID();
    const email = `victim-${randomBytes(6).toString('hex')}@example.com`;
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);
    expect((await fetch(`${base}/api/files/${fileId}`)).status).toBe(401);
    expect((await fetch(`${base}/api/users/lookup?email=${encodeURIComponent(email)}`)).status).toBe(401);

    expect((await fetch(`${base}/api/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}!` } })).status).toBe(401);
    const res = await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const [route, status] of [['/api/health/live', 200], ['/api/health/ready', 200], ['/api/files/[id]', 401], ['/api/users/lookup', 401]] as const) {
      expect(text, route).toMatch(new RegExp(`^twofold_http_requests_total\\{method="GET",route="${route.replace(/[[\]/]/g, '\\$&')}",status="${status}"\\} 1$`, 'm'));
    }
    expect(text).toMatch(/^twofold_errors_total\{code="unauthorized"\} [1-9]/m);
    for (const secret of [fileId, email, encodeURIComponent(email), 'example.com']) expect(text, secret).not.toContain(secret);
  });

  it('counts requests the proxy refuses before routing under one fixed route, with their error code', async () => {
    const fileId = randomUUID();
    const series = /^twofold_http_requests_total\{method="DELETE",route="\(refused before routing\)",status="403"\} (\d+)$/m;
    const forbidden = /^twofold_errors_total\{code="forbidden"\} (\d+)$/m;
    const before = await scrape();
    const refused = await fetch(`${base}/api/files/${fileId}`, { method: 'DELETE', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(refused.status).toBe(403);
    const after = await scrape();
    expect(Number(series.exec(after)?.[1] ?? 0) - Number(series.exec(before)?.[1] ?? 0)).toBe(1);
    expect(Number(forbidden.exec(after)?.[1] ?? 0) - Number(forbidden.exec(before)?.[1] ?? 0)).toBe(1);
    for (const secret of [fileId, 'evil.example']) expect(after, secret).not.toContain(secret);
  });
});
