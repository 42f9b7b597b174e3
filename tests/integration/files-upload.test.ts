// Uploads through presigned SSE-KMS URLs against the real MinIO and database:
// single PUT and multipart, verification at complete, idempotent complete,
// download and the "layers" view.
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import type { DbConnection } from '@/lib/server/db/connect';
import { completeUpload } from '@/lib/server/files/complete-upload';
import type { FilesDeps } from '@/lib/server/files/deps';
import { downloadUrl, fileLayers } from '@/lib/server/files/download';
import { createUpload } from '@/lib/server/files/create-upload';
import { presignParts } from '@/lib/server/files/presign-parts';
import { getFile, listFiles, renameFile } from '@/lib/server/files/queries';
import { getUsage } from '@/lib/server/files/quota';
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
  conn = await openMigratedDb('files-upload');
  // Small parts so multipart runs with a few MiB (S3's minimum part is 5 MiB).
  deps = depsFor(conn, store, { partLimits: { singlePutMaxBytes: 1 * MiB, partSize: 5 * MiB } });
  alice = await createUser(conn);
});
afterAll(async () => {
  s3.destroy();
  await conn.close();
});

const sizeOf = (plaintext: number) => ciphertextSizeFromPlaintextSize(plaintext, CHUNK);

describe('single presigned PUT', () => {
  it('create → PUT → complete → HeadObject shows aws:kms with the deployment key', async () => {
    const ciphertextSize = sizeOf(100_000);
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    expect(created.upload).toMatchObject({ kind: 'single', partCount: 1, partSize: ciphertextSize });
    const [part] = created.upload.parts;
    expect(part?.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect((await getFile(deps, alice, created.id)).status).toBe('pending');
    expect(await listFiles(deps, alice)).not.toContainEqual(expect.objectContaining({ id: created.id }));

    const body = randomBytes(ciphertextSize);
    expect((await put(part!.url, body, part!.headers)).status).toBe(200);
    const sealed = fakeSealed();
    const file = await completeUpload(deps, alice, created.id, sealed);
    expect(file).toMatchObject({ id: created.id, status: 'ready', ciphertextSize, chunkSize: CHUNK, ...sealed });
    expect(file.completedAt).not.toBeNull();

    const layers = await fileLayers(deps, alice, created.id);
    expect(layers.storage).toMatchObject({ sse: 'aws:kms', kmsKeyId: `arn:aws:kms:${ctx.minio.kmsKeyName}`, size: ciphertextSize, expectedKmsKey: true });
    // The first-bytes URL serves exactly bytes 0..63, and only with its signed Range header.
    const first = await fetch(layers.firstBytes.url, { headers: layers.firstBytes.headers });
    expect(first.status).toBe(206);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(body.subarray(0, 64));
    for (const headers of [{}, { Range: `bytes=0-${ciphertextSize - 1}` }] as Array<Record<string, string>>) {
      const refused = await fetch(layers.firstBytes.url, { headers });
      // 403 for a signature mismatch; MinIO answers 400 when a signed header is missing.
      expect([400, 403]).toContain(refused.status);
      await refused.arrayBuffer();
    }

    const download = await downloadUrl(deps, alice, created.id);
    expect(download).toMatchObject({ ciphertextSize, chunkSize: CHUNK });
    expect(Number(new URL(download.url).searchParams.get('X-Amz-Expires'))).toBeLessThanOrEqual(60);
    expect(Buffer.from(await (await fetch(download.url)).arrayBuffer()).equals(body)).toBe(true);
    expect((await listFiles(deps, alice)).map((f) => f.id)).toContain(created.id);
  });

  it('completing twice is harmless: the second answer is the same ready file', async () => {
    const ciphertextSize = sizeOf(10);
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    const part = created.upload.parts[0]!;
    await put(part.url, randomBytes(ciphertextSize), part.headers);
    const sealed = fakeSealed();
    const first = await completeUpload(deps, alice, created.id, sealed);
    const second = await completeUpload(deps, alice, created.id, fakeSealed());
    expect(second).toEqual(first);
    expect(second.wrappedFileKey).toBe(sealed.wrappedFileKey); // the first complete's key stands
    expect((await store.head((await conn.query(`SELECT object_key FROM files WHERE id = '${created.id}'`))[0]!.object_key as string)).size).toBe(ciphertextSize);
  });

  it('refuses to complete before anything was uploaded (the upload stays pending)', async () => {
    const created = await createUpload(deps, alice, { ciphertextSize: sizeOf(10), chunkSize: CHUNK });
    expect(await errorCode(completeUpload(deps, alice, created.id, fakeSealed()))).toBe('conflict');
    expect((await getFile(deps, alice, created.id)).status).toBe('pending');
  });

  it('rejects a size mismatch at complete, deletes the object and releases the reservation', async () => {
    const ciphertextSize = sizeOf(5000);
    const before = await getUsage(deps.db, alice, deps.quotaBytes);
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    const part = created.upload.parts[0]!;
    const objectKey = (await conn.query(`SELECT object_key FROM files WHERE id = '${created.id}'`))[0]!.object_key as string;
    // The presigned PUT binds the length, so the store refuses a short body
    // (files-write-once.test.ts). A store that did not would keep it: stand
    // in for one by writing the short object with the app's own credentials.
    expect((await put(part.url, randomBytes(ciphertextSize - 16), part.headers)).status).toBe(403);
    await s3.send(new PutObjectCommand({
      Bucket: ctx.bucket, Key: objectKey, Body: randomBytes(ciphertextSize - 16), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.minio.kmsKeyName,
    }));
    await expect(completeUpload(deps, alice, created.id, fakeSealed())).rejects.toMatchObject({
      code: 'bad_request', message: expect.stringMatching(/bytes but .* were declared; the upload was discarded/),
    });
    await expect(store.head(objectKey)).rejects.toMatchObject({ name: 'NotFound' });
    expect(await errorCode(getFile(deps, alice, created.id))).toBe('not_found');
    expect(await getUsage(deps.db, alice, deps.quotaBytes)).toEqual(before);
  });

  it('refuses create for sizes no encoder produces and chunk sizes the format forbids', async () => {
    expect(await errorCode(createUpload(deps, alice, { ciphertextSize: 80, chunkSize: CHUNK }))).toBe('bad_request');
    expect(await errorCode(createUpload(deps, alice, { ciphertextSize: sizeOf(10), chunkSize: 1000 }))).toBe('bad_request');
  });

  it('rename replaces only the metadata blob', async () => {
    const ciphertextSize = sizeOf(1);
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    expect(await errorCode(renameFile(deps, alice, created.id, 'AAAA'))).toBe('conflict'); // not ready yet
    await put(created.upload.parts[0]!.url, randomBytes(ciphertextSize), created.upload.parts[0]!.headers);
    const done = await completeUpload(deps, alice, created.id, fakeSealed());
    const renamed = await renameFile(deps, alice, created.id, 'bmV3LW5hbWU');
    expect(renamed).toMatchObject({ encryptedMetadata: 'bmV3LW5hbWU', wrappedFileKey: done.wrappedFileKey, ciphertextSize });
  });
});

describe('multipart upload', () => {
  it('create → parts → complete assembles the object with aws:kms', async () => {
    const ciphertextSize = sizeOf(5 * MiB + 3000); // two parts of the 5 MiB test part size
    const created = await createUpload(deps, alice, { ciphertextSize, chunkSize: CHUNK });
    expect(created.upload).toMatchObject({ kind: 'multipart', partSize: 5 * MiB, partCount: 2 });
    expect(created.upload.parts.map((p) => p.partNumber)).toEqual([1, 2]);

    const body = randomBytes(ciphertextSize);
    // Fresh URLs come from /parts; numbers outside 1..partCount are refused.
    const fresh = await presignParts(deps, alice, created.id, [2, 1]);
    expect(fresh.map((p) => p.partNumber)).toEqual([2, 1]);
    expect(await errorCode(presignParts(deps, alice, created.id, [3]))).toBe('bad_request');
    const parts = [];
    for (const p of fresh.sort((a, b) => a.partNumber - b.partNumber)) {
      const slice = body.subarray((p.partNumber - 1) * 5 * MiB, p.partNumber * 5 * MiB);
      const res = await put(p.url, slice, p.headers);
      expect(res.status).toBe(200);
      parts.push({ partNumber: p.partNumber, etag: res.headers.get('etag')! });
    }
    // Missing parts are refused before S3 is asked; the upload stays pending.
    expect(await errorCode(completeUpload(deps, alice, created.id, { ...fakeSealed(), parts: parts.slice(0, 1) }))).toBe('bad_request');
    // A wrong ETag is refused by S3: still pending, and a correct retry succeeds.
    const wrong = [parts[0]!, { partNumber: 2, etag: '"00000000000000000000000000000000"' }];
    expect(await errorCode(completeUpload(deps, alice, created.id, { ...fakeSealed(), parts: wrong }))).toBe('bad_request');
    expect((await getFile(deps, alice, created.id)).status).toBe('pending');

    const file = await completeUpload(deps, alice, created.id, { ...fakeSealed(), parts });
    expect(file.status).toBe('ready');
    const row = (await conn.query(`SELECT object_key, upload_id FROM files WHERE id = '${file.id}'`))[0]!;
    expect(row.upload_id).toBeNull();
    const head = await store.head(row.object_key as string);
    expect(head).toMatchObject({ sse: 'aws:kms', kmsKeyId: `arn:aws:kms:${ctx.minio.kmsKeyName}`, size: ciphertextSize });
    // A retried complete (e.g. after a lost response) finds the upload gone and the file ready.
    expect(await completeUpload(deps, alice, created.id, { ...fakeSealed(), parts })).toEqual(file);
    expect(await errorCode(presignParts(deps, alice, created.id, [1]))).toBe('conflict');
    const download = await downloadUrl(deps, alice, file.id);
    expect(Buffer.from(await (await fetch(download.url)).arrayBuffer()).equals(body)).toBe(true);
  });
});
