// Quota: reserved at create, re-checked at complete, released by abort, and
// not overbooked by concurrent creates.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import { createUpload } from '@/lib/server/files/create-upload';
import { deleteFile } from '@/lib/server/files/discard';
import { getUsage } from '@/lib/server/files/quota';
import { toErrorResponse } from '@/lib/server/errors';
import { appStore, testContext } from '../helpers/context';
import { createUser, depsFor, errorCode, fakeSealed, openMigratedDb, put } from '../helpers/files';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const CHUNK = 64 * 1024;
const size = (plaintext: number) => ciphertextSizeFromPlaintextSize(plaintext, CHUNK);
let conn: DbConnection;

beforeAll(async () => {
  conn = await openMigratedDb('files-quota');
});
afterAll(async () => {
  s3.destroy();
  await conn.close();
});

async function objectKeyOf(id: string): Promise<string> {
  return (await conn.query(`SELECT object_key FROM files WHERE id = '${id}'`))[0]!.object_key as string;
}

describe('quota', () => {
  it('refuses a create that does not fit with 413 quota_exceeded, counting pending reservations', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store, { quotaBytes: size(300_000) });
    const first = await createUpload(deps, user, { ciphertextSize: size(200_000), chunkSize: CHUNK });
    expect(await getUsage(deps.db, user, deps.quotaBytes)).toEqual({ usedBytes: 0, reservedBytes: size(200_000), quotaBytes: size(300_000) });
    // Fits the quota alone, not next to the pending reservation.
    const refused = createUpload(deps, user, { ciphertextSize: size(200_000), chunkSize: CHUNK });
    await expect(refused).rejects.toMatchObject({ code: 'quota_exceeded' });
    const response = toErrorResponse(await refused.catch((e: unknown) => e));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'quota_exceeded' } });

    // Aborting the first releases its reservation at once.
    await deleteFile(deps, user, first.id);
    expect((await getUsage(deps.db, user, deps.quotaBytes)).reservedBytes).toBe(0);
    expect(await errorCode(createUpload(deps, user, { ciphertextSize: size(200_000), chunkSize: CHUNK }))).toBe('resolved');
  });

  it('re-checks at complete: a quota lowered meanwhile discards the upload with 413', async () => {
    const user = await createUser(conn);
    const generous = depsFor(conn, store, { quotaBytes: 10 * 1024 * 1024 });
    const ciphertextSize = size(50_000);
    const stored = await createUpload(generous, user, { ciphertextSize, chunkSize: CHUNK });
    await put(stored.upload.parts[0]!.url, randomBytes(ciphertextSize), stored.upload.parts[0]!.headers);
    await completeUpload(generous, user, stored.id, fakeSealed());

    const created = await createUpload(generous, user, { ciphertextSize, chunkSize: CHUNK });
    await put(created.upload.parts[0]!.url, randomBytes(ciphertextSize), created.upload.parts[0]!.headers);
    const objectKey = await objectKeyOf(created.id);
    // Room for one file, not two: the ready one already takes it.
    const lowered = { ...generous, quotaBytes: ciphertextSize + 10 };
    await expect(completeUpload(lowered, user, created.id, fakeSealed())).rejects.toMatchObject({ code: 'quota_exceeded' });
    await expect(store.head(objectKey)).rejects.toMatchObject({ name: 'NotFound' });
    expect(await getUsage(lowered.db, user, lowered.quotaBytes)).toMatchObject({ usedBytes: ciphertextSize, reservedBytes: 0 });
  });

  it('abort of a multipart upload releases the quota and the upload', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store, { partLimits: { singlePutMaxBytes: 1024 * 1024, partSize: 5 * 1024 * 1024 } });
    const created = await createUpload(deps, user, { ciphertextSize: size(6 * 1024 * 1024), chunkSize: CHUNK });
    expect(created.upload.kind).toBe('multipart');
    const part = created.upload.parts[0]!;
    expect((await put(part.url, randomBytes(5 * 1024 * 1024), part.headers)).status).toBe(200);
    expect((await getUsage(deps.db, user, deps.quotaBytes)).reservedBytes).toBe(size(6 * 1024 * 1024));
    await deleteFile(deps, user, created.id);
    expect(await getUsage(deps.db, user, deps.quotaBytes)).toMatchObject({ usedBytes: 0, reservedBytes: 0 });
    // The aborted upload takes no more parts, even one of the signed size.
    const again = await fetch(part.url, { method: 'PUT', body: randomBytes(5 * 1024 * 1024), headers: part.headers });
    expect(again.status).toBe(404);
    await again.arrayBuffer();
  });

  it('concurrent creates cannot overbook the quota', async () => {
    const user = await createUser(conn);
    const deps = depsFor(conn, store, { quotaBytes: size(100_000) * 3 });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => errorCode(createUpload(deps, user, { ciphertextSize: size(100_000), chunkSize: CHUNK }))),
    );
    expect(results.filter((r) => r === 'resolved')).toHaveLength(3);
    expect(results.filter((r) => r === 'quota_exceeded')).toHaveLength(2);
    expect((await getUsage(deps.db, user, deps.quotaBytes)).reservedBytes).toBe(size(100_000) * 3);
  });
});
