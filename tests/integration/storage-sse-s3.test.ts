// SSE_MODE=AES256 (SSE-S3) against a real MinIO of this file's own, so the
// shared store stays in aws:kms: presigned PUTs and multipart uploads store
// objects whose HEAD says AES256 and names no KMS key, the other mode's
// header (or none) is refused, and the object and bucket checks follow the mode.
import { randomBytes } from 'node:crypto';
import { PutObjectCommand, S3ServiceException, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectMismatch } from '@/lib/server/files/verify-object';
import { checkStorage } from '@/lib/server/health';
import { createS3Client, type StorageConfig } from '@/lib/server/storage/client';
import { ObjectStore } from '@/lib/server/storage/object-store';
import { DedicatedMinio } from '../helpers/dedicated-minio';

let minio: DedicatedMinio;
let s3: S3Client;
let store: ObjectStore;
/** The same bucket seen by an app configured for aws:kms: every check must object. */
let kmsStore: ObjectStore;

function config(m: DedicatedMinio, overrides: Partial<StorageConfig>): StorageConfig {
  return {
    endpoint: m.endpoint,
    region: 'us-east-1',
    bucket: m.bucket,
    forcePathStyle: true,
    credentials: { accessKeyId: m.secrets.appUser, secretAccessKey: m.secrets.appPassword },
    presignExpirySeconds: 300,
    sseOnPartRequests: true,
    ...overrides,
  };
}

beforeAll(async () => {
  minio = await DedicatedMinio.create('twofold', 'AES256');
  const aes = config(minio, { sseMode: 'AES256' });
  s3 = createS3Client(aes);
  store = new ObjectStore(s3, aes);
  kmsStore = new ObjectStore(s3, config(minio, { sseMode: 'aws:kms', kmsKeyId: minio.secrets.kmsKeyName }));
});
afterAll(async () => {
  s3?.destroy();
  await minio?.stop();
});

async function putWith(url: string, body: Uint8Array | string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'PUT', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  return { status: res.status, text: await res.text() };
}

async function s3ErrorName(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    return error instanceof S3ServiceException ? error.name : String(error);
  }
}

describe('SSE_MODE=AES256: presigned PUT', () => {
  it('signs only the AES256 header, uploads, and HEAD says AES256 with no KMS key', async () => {
    const key = ObjectStore.newObjectKey();
    const body = 'ciphertext bytes';
    const presigned = await store.presignPut(key, body.length);
    expect(presigned.headers).toEqual({ 'x-amz-server-side-encryption': 'AES256', 'If-None-Match': '*' });
    const signed = (new URL(presigned.url).searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
    expect(signed).toContain('x-amz-server-side-encryption');
    expect(signed).not.toContain('x-amz-server-side-encryption-aws-kms-key-id');
    expect(new URL(presigned.url).searchParams.has('x-amz-server-side-encryption')).toBe(false);

    expect((await putWith(presigned.url, body, presigned.headers)).status).toBe(200);
    const head = await store.head(key);
    expect(head.sse).toBe('AES256');
    expect(head.kmsKeyId).toBeUndefined();
    expect(head.size).toBe(body.length);
    // The completion check accepts it under AES256 and refuses it under aws:kms.
    expect(objectMismatch(head, { ciphertextSize: body.length }, store)).toBeUndefined();
    expect(objectMismatch(head, { ciphertextSize: body.length }, kmsStore)).toMatch(/encrypted with AES256, expected SSE-KMS/);
  });

  it('refuses the same URL without the header, or with the SSE-KMS headers instead', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 1);
    const attempts: Array<[string, Record<string, string>]> = [
      ['no SSE header', { 'If-None-Match': '*' }],
      ['aws:kms instead of AES256', { ...presigned.headers, 'x-amz-server-side-encryption': 'aws:kms' }],
      [
        'aws:kms with a key id',
        { ...presigned.headers, 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': minio.secrets.kmsKeyName },
      ],
    ];
    for (const [label, headers] of attempts) {
      const put = await putWith(presigned.url, 'x', headers);
      expect([400, 403], `${label}: ${put.status} ${put.text}`).toContain(put.status);
    }
    expect(await s3ErrorName(store.head(key))).toBe('NotFound');
  });
});

describe('SSE_MODE=AES256: multipart upload through presigned part URLs', () => {
  it('completes, and HEAD says AES256 with no KMS key', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const sizes = [5 * 1024 * 1024, 777];
    const bodies = sizes.map((size) => randomBytes(size));
    const parts: Array<{ partNumber: number; etag: string }> = [];
    for (const [i, body] of bodies.entries()) {
      const url = await store.presignPart(key, uploadId, i + 1, body.length);
      // The part carries the mode as a signed query marker (see [Note: SSE on part requests]).
      expect(new URL(url.url).searchParams.get('x-amz-server-side-encryption')).toBe('AES256');
      const res = await fetch(url.url, { method: 'PUT', body: new Uint8Array(body), headers: url.headers });
      expect(res.status, await res.clone().text()).toBe(200);
      parts.push({ partNumber: i + 1, etag: res.headers.get('etag') ?? '' });
    }
    await store.completeMultipart(key, uploadId, parts);
    const head = await store.head(key);
    expect(head).toMatchObject({ sse: 'AES256', kmsKeyId: undefined, size: sizes[0]! + sizes[1]! });
    const get = await fetch((await store.presignGet(key)).url);
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.concat(bodies))).toBe(true);
  });
});

describe('SSE_MODE=AES256: the application user policy', () => {
  it('refuses PutObject without a header or with aws:kms, and allows AES256', async () => {
    const base = { Bucket: minio.bucket, Body: 'x' };
    expect(await s3ErrorName(s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey() })))).toBe('AccessDenied');
    expect(
      await s3ErrorName(
        s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey(), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: minio.secrets.kmsKeyName })),
      ),
    ).toBe('AccessDenied');
    expect(await s3ErrorName(s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey(), ServerSideEncryption: 'AES256' })))).toBe('allowed');
  });
});

describe('SSE_MODE=AES256: the bucket check behind /api/health', () => {
  it('reports AES256 and no KMS key for an AES256 deployment', async () => {
    const health = await checkStorage(store, minio.endpoint);
    expect(health).toMatchObject({ ok: true, mode: 'AES256', sse: 'AES256', kmsKeyId: null, defaultEncryption: true });
  });

  it('fails, naming both modes, when the app expects aws:kms of an AES256 bucket', async () => {
    const health = await checkStorage(kmsStore, minio.endpoint);
    expect(health.ok).toBe(false);
    expect(health).toMatchObject({ mode: 'aws:kms' });
    expect(!health.ok && health.error).toMatch(/AES256, expected SSE-KMS \(aws:kms\)/);
  });
});
