// A second `npm start` keeps every byte and row of the first: the launcher's
// back end is brought up twice on the same TWOFOLD_HOME, and what the first
// run stored must come back unchanged (same KMS key, same objects, same rows).
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/server/db/connect';
import { instance } from '@/lib/server/db/schema';
import { createS3Client, storageConfigFromEnv } from '@/lib/server/storage/client';
import { ObjectStore } from '@/lib/server/storage/object-store';
import { parseEnv, serverEnvSchema } from '@/lib/server/env-schema';
import { readLaunchConfig } from '../../scripts/lib/launch-config';
import { homePaths } from '../../scripts/lib/paths';
import { freePort } from '../../scripts/lib/proc';
import { startBackend } from '../../scripts/lib/services';

describe('restarting the launcher', () => {
  it('keeps the KMS key, every stored object and every database row', async () => {
    const paths = homePaths(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'restart-')));
    // PGlite is what `npm start` uses by default; this test is about the launcher, not the server kind.
    const launch = async () =>
      startBackend(
        readLaunchConfig({ ...process.env, DATABASE_URL: undefined, PORT: String(await freePort()), MINIO_PORT: String(await freePort()) }),
        paths,
      );
    const key = ObjectStore.newObjectKey();
    const body = randomBytes(70_000);
    const rowKey = `restart-${Date.now()}`;

    const first = await launch();
    const kmsKeyBefore = readFileSync(join(paths.secrets, 'minio-kms-key'), 'utf8');
    {
      const env = parseEnv(serverEnvSchema, first.appEnv);
      const config = storageConfigFromEnv(env);
      const store = new ObjectStore(createS3Client(config), config);
      const put = await store.presignPut(key, body.length);
      expect((await fetch(put.url, { method: 'PUT', body: new Uint8Array(body), headers: put.headers })).status).toBe(200);
      const db = await openDatabase({ pgliteDir: env.PGLITE_DIR });
      await db.db.insert(instance).values({ key: rowKey, value: 'first run' });
      await db.close();
    }
    await first.stop();

    const second = await launch();
    try {
      expect(readFileSync(join(paths.secrets, 'minio-kms-key'), 'utf8')).toBe(kmsKeyBefore);
      const env = parseEnv(serverEnvSchema, second.appEnv);
      const config = storageConfigFromEnv(env);
      const store = new ObjectStore(createS3Client(config), config);
      const res = await fetch((await store.presignGet(key)).url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
      expect((await store.head(key)).sse).toBe('aws:kms');
      const db = await openDatabase({ pgliteDir: env.PGLITE_DIR });
      const rows = await db.db.select().from(instance).where(eq(instance.key, rowKey));
      await db.close();
      expect(rows.map((r) => r.value)).toEqual(['first run']);
    } finally {
      await second.stop();
    }
  });
});
