// Presigned writes are bound to their exact size and cannot change a file
// after it is complete (issue 12, finding 1). Everything here is the store's
// own answer, against the real MinIO: the app is not asked until complete.
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import type { FilesDeps } from '@/lib/server/files/deps';
import { createUpload } from '@/lib/server/files/create-upload';
import { downloadUrl } from '@/lib/server/files/download';
import { presignParts } from '@/lib/server/files/presign-parts';
import { getFile } from '@/lib/server/files/queries';
import { getUsage } from '@/lib/server/files/quota';
import { ObjectStore } from '@/lib/server/storage/object-store';
import { appStore, testContext } from '../helpers/context';
import { createUser, depsFor, errorCode, fakeSealed, openMigratedDb, put } from '../helpers/files';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const MiB = 1024 * 1024;
const CHUNK = 256 * 1024;
let conn: DbConnection;
let deps: FilesDeps;
let alice: string;

beforeAll(async () => {
  conn = await openMigratedDb('files-write-once');
  deps = depsFor(conn, store, { partLimits: { singlePutMaxBytes: 1 * MiB, partSize: 5 * MiB } });
  alice = await createUser(conn);
});
afterAll(async () => {
  s3.destroy();
  await conn.close();
});

const sizeOf = (plaintext: number) => ciphertextSizeFromPlaintextSize(plaintext, CHUNK);
const objectKeyOf = async (id: string) =>
  (await conn.query(`SELECT object_key FROM files WHERE id = '${id}'`))[0]!.object_key as string;
const download = async (id: string) => Buffer.from(await (await fetch((await downloadUrl(deps, alice, id)).url)).arrayBuffer());

describe('a completed single-PUT file', () => {
  it('cannot be replaced through its own upload URL: the object, its size and the quota stay as they were', async () => {
    const ciphertextSize = sizeOf(1000);
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    const part = created.upload.parts[0]!;
    const original = randomBytes(ciphertextSize);
    expect((await put(part.url, original, part.headers)).status).toBe(200);
    await completeUpload(deps, alice, created.id, fakeSealed());
    const usage = await getUsage(deps.db, alice, deps.quotaBytes);

    // The attack: the same URL, still within its lifetime, with 8 MiB, and
    // with a same-size body (which the length binding alone would let through).
    const bigger = await put(part.url, randomBytes(8 * MiB), part.headers);
    expect(bigger.status).toBe(403);
    const sameSize = await put(part.url, randomBytes(ciphertextSize), part.headers);
    expect(sameSize.status).toBe(412);
    // Leaving out the signed condition breaks the signature instead.
    const withoutCondition = Object.fromEntries(Object.entries(part.headers).filter(([name]) => name !== 'If-None-Match'));
    expect([400, 403]).toContain((await put(part.url, randomBytes(ciphertextSize), withoutCondition)).status);

    expect((await store.head(await objectKeyOf(created.id))).size).toBe(ciphertextSize);
    expect((await download(created.id)).equals(original)).toBe(true);
    expect((await getFile(deps, alice, created.id)).ciphertextSize).toBe(ciphertextSize);
    expect(await getUsage(deps.db, alice, deps.quotaBytes)).toEqual(usage);
    // And no fresh URL is handed out for it.
    expect(await errorCode(presignParts(deps, alice, created.id, [1]))).toBe('conflict');
  });
});

describe('a single-PUT URL is bound to the declared size', () => {
  for (const [label, delta] of [['larger', 1], ['smaller', -1]] as const) {
    it(`refuses a ${label} body at the store, and nothing is stored`, async () => {
      const ciphertextSize = sizeOf(5000);
      const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
      const part = created.upload.parts[0]!;
      expect(new URL(part.url).searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
        expect.arrayContaining(['content-length', 'if-none-match']),
      );
      const res = await put(part.url, randomBytes(ciphertextSize + delta), part.headers);
      expect(res.status).toBe(403);
      await expect(store.head(await objectKeyOf(created.id))).rejects.toMatchObject({ name: 'NotFound' });
      // The honest body still goes through the same URL afterwards.
      expect((await put(part.url, randomBytes(ciphertextSize), part.headers)).status).toBe(200);
      expect((await completeUpload(deps, alice, created.id, fakeSealed())).status).toBe('ready');
    });
  }
});

describe('multipart uploads', () => {
  it('refuse a part body of another size than the part, at the store', async () => {
    const ciphertextSize = sizeOf(5 * MiB + 3000); // parts of 5 MiB and ~3 KiB
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    const [first, last] = created.upload.parts;
    const body = randomBytes(ciphertextSize);
    const lastSize = ciphertextSize - 5 * MiB;
    expect((await put(last!.url, randomBytes(lastSize + 1), last!.headers)).status).toBe(403);
    expect((await put(last!.url, randomBytes(lastSize - 1), last!.headers)).status).toBe(403);
    expect((await put(first!.url, randomBytes(5 * MiB + 1), first!.headers)).status).toBe(403);

    const etags = [];
    for (const [i, p] of [first!, last!].entries()) {
      const res = await put(p.url, body.subarray(i * 5 * MiB, (i + 1) * 5 * MiB), p.headers);
      expect(res.status).toBe(200);
      etags.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
    }
    await completeUpload(deps, alice, created.id, { ...fakeSealed(), parts: etags });
    // After complete the upload id is gone: the part URLs write nothing.
    expect((await put(first!.url, body.subarray(0, 5 * MiB), first!.headers)).status).toBe(404);
    expect((await download(created.id)).equals(body)).toBe(true);
  });

  it('completion does not replace an object already at the key (If-None-Match: *)', async () => {
    const key = ObjectStore.newObjectKey();
    const existing = randomBytes(100);
    await s3.send(new PutObjectCommand({
      Bucket: ctx.bucket, Key: key, Body: existing, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.minio.kmsKeyName,
    }));
    const uploadId = await store.createMultipart(key);
    const part = await store.presignPart(key, uploadId, 1, 10);
    const res = await put(part.url, randomBytes(10), part.headers);
    expect(res.status).toBe(200);
    await expect(store.completeMultipart(key, uploadId, [{ partNumber: 1, etag: res.headers.get('etag')! }]))
      .rejects.toMatchObject({ name: 'PreconditionFailed' });
    expect((await store.head(key)).size).toBe(100);
    await store.abortMultipart(key, uploadId);
  });
});
