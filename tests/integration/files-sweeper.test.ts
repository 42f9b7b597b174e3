// The sweeper removes pending uploads idle past the cut-off: row (hence the
// reservation), multipart upload and object. Fresh and ready files stay.
import { randomBytes } from 'node:crypto';
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import { createUpload } from '@/lib/server/files/create-upload';
import { getFile } from '@/lib/server/files/queries';
import { getUsage } from '@/lib/server/files/quota';
import { maybeSweep, sweepStaleUploads } from '@/lib/server/files/sweeper';
import { appStore, rootS3, testContext } from '../helpers/context';
import { createUser, depsFor, errorCode, fakeSealed, openMigratedDb, put } from '../helpers/files';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const root = rootS3(ctx);
const MiB = 1024 * 1024;
const CHUNK = 256 * 1024;
let conn: DbConnection;

beforeAll(async () => {
  conn = await openMigratedDb('files-sweeper');
});
afterAll(async () => {
  s3.destroy();
  root.destroy();
  await conn.close();
});

async function rowOf(id: string) {
  return (await conn.query(`SELECT object_key, upload_id FROM files WHERE id = '${id}'`))[0] as { object_key: string; upload_id: string | null };
}

async function makeStale(id: string) {
  await conn.query(`UPDATE files SET updated_at = now() - interval '2 days', created_at = now() - interval '2 days' WHERE id = '${id}'`);
}

async function uploadsUnder(key: string) {
  const out = await root.send(new ListMultipartUploadsCommand({ Bucket: ctx.bucket, Prefix: key }));
  return out.Uploads ?? [];
}

describe('sweeper', () => {
  it('removes stale pending uploads, their multipart uploads and objects; keeps fresh and ready files', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store, { partLimits: { singlePutMaxBytes: MiB, partSize: 5 * MiB } });

    // Stale multipart upload with one part stored.
    const multi = await createUpload(deps, user, { ciphertextSize: ciphertextSizeFromPlaintextSize(6 * MiB, CHUNK), chunkSize: CHUNK });
    expect((await put(multi.upload.parts[0]!.url, randomBytes(5 * MiB), multi.upload.parts[0]!.headers)).status).toBe(200);
    const multiRow = await rowOf(multi.id);
    expect(await uploadsUnder(multiRow.object_key)).toHaveLength(1);
    // Stale single PUT whose object was stored but never completed.
    const singleSize = ciphertextSizeFromPlaintextSize(1000, CHUNK);
    const single = await createUpload(deps, user, { ciphertextSize: singleSize, chunkSize: CHUNK });
    await put(single.upload.parts[0]!.url, randomBytes(singleSize), single.upload.parts[0]!.headers);
    const singleRow = await rowOf(single.id);
    // A fresh pending upload and an old ready file.
    const fresh = await createUpload(deps, user, { ciphertextSize: singleSize, chunkSize: CHUNK });
    const ready = await createUpload(deps, user, { ciphertextSize: singleSize, chunkSize: CHUNK });
    await put(ready.upload.parts[0]!.url, randomBytes(singleSize), ready.upload.parts[0]!.headers);
    await completeUpload(deps, user, ready.id, fakeSealed());
    for (const id of [multi.id, single.id, ready.id]) await makeStale(id);

    expect(await sweepStaleUploads(deps)).toBeGreaterThanOrEqual(2);

    expect(await errorCode(getFile(deps, user, multi.id))).toBe('not_found');
    expect(await errorCode(getFile(deps, user, single.id))).toBe('not_found');
    expect(await uploadsUnder(multiRow.object_key)).toEqual([]);
    await expect(store.head(singleRow.object_key)).rejects.toMatchObject({ name: 'NotFound' });
    expect((await getFile(deps, user, fresh.id)).status).toBe('pending');
    expect((await getFile(deps, user, ready.id)).status).toBe('ready');
    expect(await getUsage(deps.db, user, deps.quotaBytes)).toMatchObject({ usedBytes: singleSize, reservedBytes: singleSize });
  });

  it('recent part requests keep a long upload alive', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store);
    const created = await createUpload(deps, user, { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK });
    await conn.query(`UPDATE files SET created_at = now() - interval '2 days' WHERE id = '${created.id}'`);
    await sweepStaleUploads(deps);
    expect((await getFile(deps, user, created.id)).status).toBe('pending');
  });

  it('runs opportunistically at most once per interval', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store);
    const a = await createUpload(deps, user, { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK });
    await makeStale(a.id);
    const t = Date.now() + 3_600_000; // later than any sweep the creates above triggered
    await maybeSweep(deps, t);
    expect(await errorCode(getFile(deps, user, a.id))).toBe('not_found');
    const b = await createUpload(deps, user, { ciphertextSize: ciphertextSizeFromPlaintextSize(10, CHUNK), chunkSize: CHUNK });
    await makeStale(b.id);
    await maybeSweep(deps, t + 1000); // throttled
    expect((await getFile(deps, user, b.id)).status).toBe('pending');
    await maybeSweep(deps, t + 10 * 60_000);
    expect(await errorCode(getFile(deps, user, b.id))).toBe('not_found');
  });
});
