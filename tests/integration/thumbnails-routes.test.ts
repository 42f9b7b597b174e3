// The thumbnail routes (format.md §13) as Next.js runs them, against the real
// MinIO with SSE-KMS, like files-routes.test.ts: 401 without a session, 404
// for another user's ids (the same answer as an unknown or malformed id),
// 400 JSON for bad input, a PUT bound to its exact size and to SSE-KMS, and
// the thumbnail gone with its file (delete forever, empty trash). A current
// share recipient reads it; a stranger and a revoked recipient do not.
// First: it must run before any Next.js module loads (see the helper).
import '../helpers/request-scope';
import { randomBytes, randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as filesRoute from '@/app/api/files/route';
import * as fileRoute from '@/app/api/files/[id]/route';
import * as thumbnailRoute from '@/app/api/files/[id]/thumbnail/route';
import * as sharesRoute from '@/app/api/files/[id]/shares/route';
import * as shareRoute from '@/app/api/files/[id]/shares/[shareId]/route';
import * as sharedThumbnailRoute from '@/app/api/shared/[shareId]/thumbnail/route';
import * as trashRoute from '@/app/api/items/trash/route';
import * as emptyTrashRoute from '@/app/api/trash/empty/route';
import { toBase64Url } from '@/lib/crypto/bytes';
import { ciphertextSizeFromPlaintextSize } from '@/lib/crypto/file-format';
import { MAX_SEALED_THUMBNAIL_BYTES } from '@/lib/crypto/thumbnail';
import { asDb } from '@/lib/server/db/app-db';
import { getDatabase } from '@/lib/server/db/db';
import { files } from '@/lib/server/db/schema';
import { createUploadResponse } from '@/lib/shared/files';
import { ENVELOPE_BYTES, shareSchema } from '@/lib/shared/shares';
import { MAX_THUMBNAIL_BYTES, thumbnailResponse, thumbnailUploadResponse } from '@/lib/shared/thumbnails';
import { restoreAppEnv, useAppEnv } from '../helpers/app-env';
import { rootS3, testContext } from '../helpers/context';
import { call, type Handler, type Params } from '../helpers/route-call';
import { put } from '../helpers/files';
import { signedInUsersWithKeys, uploadReadyFile } from '../helpers/route-users';

const ctx = testContext();
const s3 = rootS3(ctx);
const CHUNK = 256 * 1024;

let alice: string;
let bob: string;
let mallory: string;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  const conn = await useAppEnv('thumbnails-routes');
  [alice, bob, mallory] = await signedInUsersWithKeys(conn, 3, ctx.appEnv.NEXTAUTH_SECRET!, cookies);
});
afterAll(async () => {
  s3.destroy();
  await restoreAppEnv();
});

const thumbPath = (id: string) => `/api/files/${id}/thumbnail`;
const getThumb = (user: string, id: string) => call(thumbnailRoute.GET as Handler, 'GET', thumbPath(id), { cookie: cookies[user], params: { id } });
const postThumb = (user: string, id: string, body: unknown) => call(thumbnailRoute.POST as Handler, 'POST', thumbPath(id), { cookie: cookies[user], body, params: { id } });

async function objectKeyOf(id: string): Promise<string> {
  const rows = await asDb((await getDatabase()).db).select({ objectKey: files.objectKey }).from(files).where(eq(files.id, id));
  return rows[0]!.objectKey;
}

async function stored(key: string): Promise<{ sse?: string; kmsKeyId?: string; size?: number } | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: key }));
    return { sse: head.ServerSideEncryption, kmsKeyId: head.SSEKMSKeyId, size: head.ContentLength };
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound') return undefined;
    throw error;
  }
}

async function createFile(owner: string, complete = true): Promise<string> {
  if (complete) return (await uploadReadyFile(cookies[owner], { plaintextSize: 300 })).id;
  const ciphertextSize = ciphertextSizeFromPlaintextSize(300, CHUNK);
  const created = await call(filesRoute.POST as Handler, 'POST', '/api/files', { cookie: cookies[owner], body: { ciphertextSize, chunkSize: CHUNK } });
  return createUploadResponse.parse(created.body).id;
}

/** Presigns and PUTs a random stand-in for a sealed thumbnail (the server never opens it). */
async function storeThumbnail(owner: string, id: string, size = 1500): Promise<Buffer> {
  const res = await postThumb(owner, id, { size });
  expect(res.status).toBe(200);
  const { upload } = thumbnailUploadResponse.parse(res.body);
  const bytes = randomBytes(size);
  expect((await put(upload.url, bytes, upload.headers)).status).toBe(200);
  return bytes;
}

const validId = randomUUID();
const validShare = randomUUID();
const endpoints: Array<[string, Handler, string, string, Params, unknown?]> = [
  ['GET /api/files/[id]/thumbnail', thumbnailRoute.GET as Handler, 'GET', thumbPath(validId), { id: validId }],
  ['POST /api/files/[id]/thumbnail', thumbnailRoute.POST as Handler, 'POST', thumbPath(validId), { id: validId }, { size: 1000 }],
  ['GET /api/shared/[shareId]/thumbnail', sharedThumbnailRoute.GET as Handler, 'GET', `/api/shared/${validShare}/thumbnail`, { shareId: validShare }],
];

describe('without a valid session', () => {
  for (const [name, handler, method, path, params, body] of endpoints) {
    it(`${name} answers 401 JSON (no cookie, forged cookie)`, async () => {
      const forged = `next-auth.session-token=${randomBytes(64).toString('base64url')}`;
      for (const cookie of [undefined, forged]) {
        const res = await call(handler, method, path, { cookie, body, params });
        expect(res.status, `${name} with ${cookie ? 'a bad cookie' : 'no cookie'}`).toBe(401);
        expect(res.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
    });
  }
});

describe('with sessions', () => {
  it('keeps the lib and API caps equal', () => {
    expect(MAX_THUMBNAIL_BYTES).toBe(MAX_SEALED_THUMBNAIL_BYTES);
  });

  it('stores a thumbnail under SSE-KMS beside the file, create-only, bound to its size, and hands it back', async () => {
    const id = await createFile(alice);
    expect(thumbnailResponse.parse((await getThumb(alice, id)).body)).toEqual({ thumbnail: null });

    const size = 2000;
    const { upload } = thumbnailUploadResponse.parse((await postThumb(alice, id, { size })).body);
    expect(upload.headers).toMatchObject({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': ctx.minio.kmsKeyName, 'If-None-Match': '*' });
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    // Another length, or the SSE headers dropped or changed: the signature no longer matches.
    expect((await put(upload.url, randomBytes(size + 1), upload.headers)).status).toBe(403);
    expect((await put(upload.url, randomBytes(size - 1), upload.headers)).status).toBe(403);
    expect((await put(upload.url, randomBytes(size), { 'If-None-Match': '*' })).status).toBe(403);
    expect((await put(upload.url, randomBytes(size), { ...upload.headers, 'x-amz-server-side-encryption': 'AES256' })).status).toBe(403);
    const key = `${await objectKeyOf(id)}.thumb`;
    expect(await stored(key)).toBeUndefined();

    const bytes = randomBytes(size);
    expect((await put(upload.url, bytes, upload.headers)).status).toBe(200);
    expect(await stored(key)).toEqual({ sse: 'aws:kms', kmsKeyId: expect.stringContaining(ctx.minio.kmsKeyName), size });
    // The same URL cannot replace it, and no second URL is signed.
    expect((await put(upload.url, randomBytes(size), upload.headers)).status).toBe(412);
    const again = await postThumb(alice, id, { size });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'conflict', message: expect.any(String) } } });

    const got = thumbnailResponse.parse((await getThumb(alice, id)).body);
    const res = await fetch(got.thumbnail!.url);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
  });

  it("answers 404 for another user's file, the same as for an unknown or malformed id", async () => {
    const id = await createFile(alice);
    await storeThumbnail(alice, id);
    for (const [label, fn] of [['GET', (i: string) => getThumb(mallory, i)], ['POST', (i: string) => postThumb(mallory, i, { size: 1000 })]] as const) {
      const seen = new Set<string>();
      for (const other of [id, randomUUID(), 'not-a-uuid']) {
        const res = await fn(other);
        expect(res.status, `${label} ${other}`).toBe(404);
        seen.add(JSON.stringify(res.body));
      }
      expect(seen.size, `${label}: identical answers`).toBe(1);
    }
    expect(thumbnailResponse.parse((await getThumb(alice, id)).body).thumbnail).not.toBeNull();
  });

  it('answers 400 JSON for bad input and 409 for an unfinished upload', async () => {
    const id = await createFile(alice);
    for (const body of [{ size: 0 }, { size: MAX_THUMBNAIL_BYTES + 1 }, { size: 1.5 }, { size: '1000' }, {}, { size: 1000, name: 'cat.jpg' }, '{"size": ']) {
      const res = await postThumb(alice, id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
    }
    const pending = await createFile(alice, false);
    expect((await postThumb(alice, pending, { size: 1000 })).status).toBe(409);
    expect((await getThumb(alice, pending)).status).toBe(409);
    // The largest allowed size is signed.
    expect((await postThumb(alice, id, { size: MAX_THUMBNAIL_BYTES })).status).toBe(200);
  });

  it('lets a current share recipient read it, and nobody after the revoke', async () => {
    const id = await createFile(alice);
    const bytes = await storeThumbnail(alice, id);
    const created = await call(sharesRoute.POST as Handler, 'POST', `/api/files/${id}/shares`, {
      cookie: cookies[alice], body: { recipientId: bob, envelope: toBase64Url(randomBytes(ENVELOPE_BYTES)) }, params: { id },
    });
    const share = shareSchema.parse(created.body);
    const sharedGet = (user: string) => call(sharedThumbnailRoute.GET as Handler, 'GET', `/api/shared/${share.id}/thumbnail`, { cookie: cookies[user], params: { shareId: share.id } });
    const got = thumbnailResponse.parse((await sharedGet(bob)).body);
    expect(Buffer.from(await (await fetch(got.thumbnail!.url)).arrayBuffer())).toEqual(bytes);
    // Bob is no owner: the owner's route stays 404 for him; Mallory gets the share's 404.
    expect((await getThumb(bob, id)).status).toBe(404);
    expect((await sharedGet(mallory)).status).toBe(404);
    await call(shareRoute.DELETE as Handler, 'DELETE', `/api/files/${id}/shares/${share.id}`, { cookie: cookies[alice], params: { id, shareId: share.id } });
    expect((await sharedGet(bob)).status).toBe(404);
  });

  it('goes with its file: delete forever and empty trash remove the thumbnail object', async () => {
    const deleted = await createFile(alice);
    await storeThumbnail(alice, deleted);
    const deletedKey = await objectKeyOf(deleted);
    expect(await stored(`${deletedKey}.thumb`)).toBeDefined();
    expect((await call(fileRoute.DELETE as Handler, 'DELETE', `/api/files/${deleted}`, { cookie: cookies[alice], params: { id: deleted } })).status).toBe(200);
    expect(await stored(`${deletedKey}.thumb`)).toBeUndefined();
    expect(await stored(deletedKey)).toBeUndefined();

    const trashed = await createFile(alice);
    await storeThumbnail(alice, trashed);
    const trashedKey = await objectKeyOf(trashed);
    expect((await call(trashRoute.POST as Handler, 'POST', '/api/items/trash', { cookie: cookies[alice], body: { items: [{ kind: 'file', id: trashed }] } })).status).toBe(200);
    expect(await stored(`${trashedKey}.thumb`)).toBeDefined();
    expect((await call(emptyTrashRoute.POST as Handler, 'POST', '/api/trash/empty', { cookie: cookies[alice] })).status).toBe(200);
    expect(await stored(`${trashedKey}.thumb`)).toBeUndefined();
    // A GetObject of the old key is refused too (HeadObject's NotFound is not a stale cache).
    await expect(s3.send(new GetObjectCommand({ Bucket: ctx.bucket, Key: `${trashedKey}.thumb` }))).rejects.toMatchObject({ name: 'NoSuchKey' });
  });
});
