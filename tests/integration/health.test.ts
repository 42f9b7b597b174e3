// /api/health reads the store and the database live, and turns 503 naming
// the failing part when either is down. Each case runs a real app server
// (the production build) against a MinIO of its own, so stopping that MinIO
// disturbs no other test.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { migrateDatabase } from '@/lib/server/db/migrate';
import type { HealthReport } from '@/lib/shared/health';
import { startNext, type RunningApp } from '../../scripts/lib/next-app';
import { freePort } from '../../scripts/lib/proc';
import { testContext } from '../helpers/context';
import { DedicatedMinio } from '../helpers/dedicated-minio';

const tmp = () => mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'health-'));
let minio: DedicatedMinio;

function appEnv(m: DedicatedMinio, db: { DATABASE_URL?: string; PGLITE_DIR?: string }): NodeJS.ProcessEnv {
  return {
    ...process.env,
    // Only the database given here: never the suite's own DATABASE_URL.
    DATABASE_URL: undefined,
    ...db,
    NODE_ENV: 'production',
    TWOFOLD_STORAGE_MODE: 'minio',
    S3_ENDPOINT: m.endpoint,
    S3_REGION: 'us-east-1',
    S3_BUCKET: m.bucket,
    S3_ACCESS_KEY_ID: m.secrets.appUser,
    S3_SECRET_ACCESS_KEY: m.secrets.appPassword,
    KMS_KEY_ID: m.secrets.kmsKeyName,
    NEXTAUTH_SECRET: m.secrets.nextAuthSecret,
    // Required by the env schema; health does not use it.
    OPAQUE_SERVER_SETUP: testContext().appEnv.OPAQUE_SERVER_SETUP,
  };
}

async function migratedDb(): Promise<{ DATABASE_URL?: string; PGLITE_DIR?: string }> {
  const target = process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : { pgliteDir: join(tmp(), 'db') };
  const conn = await openDatabase(target);
  await migrateDatabase(conn);
  await conn.close();
  return target.databaseUrl ? { DATABASE_URL: target.databaseUrl } : { PGLITE_DIR: target.pgliteDir };
}

async function health(app: RunningApp): Promise<{ status: number; body: HealthReport }> {
  const res = await fetch(`${app.url.replace('localhost', '127.0.0.1')}/api/health`);
  return { status: res.status, body: (await res.json()) as HealthReport };
}

beforeAll(async () => {
  minio = await DedicatedMinio.create();
});
afterAll(async () => {
  await minio.stop();
});

describe('GET /api/health', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startNext({ port: await freePort(), host: '127.0.0.1', env: appEnv(minio, await migratedDb()), output: 'ignore' });
  });
  afterAll(async () => app.stop());

  it('answers 200 with the live bucket encryption and the migrated database', async () => {
    const { status, body } = await health(app);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      storage: { bucket: 'twofold', mode: 'aws:kms', sse: 'aws:kms', defaultEncryption: true },
      db: { kind: process.env.DATABASE_URL ? 'postgres' : 'pglite', migrated: true },
    });
    expect(body.storage.ok && body.storage.kmsKeyId).toBe(minio.secrets.kmsKeyName);
  });

  it('turns 503 naming storage when MinIO is stopped, and recovers when it is back', async () => {
    await minio.stop();
    const down = await health(app);
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.failing).toEqual(['storage']);
    expect(down.body.storage.ok).toBe(false);
    expect(down.body.db.ok).toBe(true);

    await minio.start();
    const up = await health(app);
    expect(up.status).toBe(200);
    expect(up.body.failing).toEqual([]);
  });
});

describe('GET /api/health with the database down', () => {
  it('answers 503 naming the database', async () => {
    // A port nothing listens on: the database is unreachable.
    const deadUrl = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const app = await startNext({ port: await freePort(), host: '127.0.0.1', env: appEnv(minio, { DATABASE_URL: deadUrl }), output: 'ignore' });
    try {
      const { status, body } = await health(app);
      expect(status).toBe(503);
      expect(body.failing).toEqual(['db']);
      expect(body.db).toMatchObject({ ok: false, kind: 'postgres' });
      expect(body.storage.ok).toBe(true);
    } finally {
      await app.stop();
    }
  });
});

describe('GET /api/health with SSE_MODE=AES256', () => {
  it('reports the SSE-S3 mode read live from a bucket of its own, and no KMS key', async () => {
    const aes = await DedicatedMinio.create('twofold', 'AES256');
    const env = { ...appEnv(aes, await migratedDb()), SSE_MODE: 'AES256', KMS_KEY_ID: undefined };
    const app = await startNext({ port: await freePort(), host: '127.0.0.1', env, output: 'ignore' });
    try {
      const { status, body } = await health(app);
      expect(status, JSON.stringify(body)).toBe(200);
      expect(body.storage).toMatchObject({ ok: true, mode: 'AES256', sse: 'AES256', kmsKeyId: null, defaultEncryption: true });
    } finally {
      await app.stop();
      await aes.stop();
    }
  });
});
