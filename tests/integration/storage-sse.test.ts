// The storage layer, proved against the real MinIO with its builtin KMS:
// presigned URLs are bound to SSE-KMS, short-lived, and the application user
// cannot store anything without SSE-KMS.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CreateBucketCommand, PutBucketEncryptionCommand, PutObjectCommand, S3ServiceException } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '@/lib/server/storage/object-store';
import { appStore, testContext } from '../helpers/context';

const ctx = testContext();
const { store, s3 } = appStore(ctx);
const expectedKeyArn = `arn:aws:kms:${ctx.minio.kmsKeyName}`;

afterAll(() => s3.destroy());

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

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('presigned PUT bound to SSE-KMS', () => {
  it('signs the SSE-KMS headers, uploads, and HeadObject reports aws:kms with the expected key', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 'ciphertext bytes'.length);
    const signedHeaders = new URL(presigned.url).searchParams.get('X-Amz-SignedHeaders') ?? '';
    expect(signedHeaders.split(';')).toEqual(
      expect.arrayContaining(['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id']),
    );
    // The SSE values travel as signed headers, not as query parameters the client could drop.
    expect(new URL(presigned.url).searchParams.has('x-amz-server-side-encryption')).toBe(false);

    const put = await putWith(presigned.url, 'ciphertext bytes', presigned.headers);
    expect(put.status).toBe(200);
    const head = await store.head(key);
    expect(head.sse).toBe('aws:kms');
    expect(head.kmsKeyId).toBe(expectedKeyArn);
    expect(head.size).toBe('ciphertext bytes'.length);
  });

  it('refuses the same URL without the SSE header, with another algorithm, or with another key', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 1);
    const attempts: Array<[string, Record<string, string>]> = [
      ['no SSE headers', {}],
      ['algorithm only', { 'x-amz-server-side-encryption': 'aws:kms' }],
      ['AES256 instead of aws:kms', { ...presigned.headers, 'x-amz-server-side-encryption': 'AES256' }],
      ['another KMS key id', { ...presigned.headers, 'x-amz-server-side-encryption-aws-kms-key-id': 'someone-elses-key' }],
    ];
    for (const [label, headers] of attempts) {
      const put = await putWith(presigned.url, 'x', headers);
      // 403 for a signature mismatch; MinIO answers 400 when the KMS key id is missing.
      expect([400, 403], label).toContain(put.status);
    }
    // Nothing was stored by any refused attempt.
    expect(await s3ErrorName(store.head(key))).toBe('NotFound');
  });

  it('stops working after its expiry (2 s)', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 'late'.length, 2);
    await new Promise((r) => setTimeout(r, 3_200));
    const put = await putWith(presigned.url, 'late', presigned.headers);
    expect(put.status).toBe(403);
    expect(put.text).toMatch(/expired/i);
    expect(await s3ErrorName(store.head(key))).toBe('NotFound');
  });

  it('issues short-lived URLs by default (minutes, not hours)', async () => {
    const presigned = await store.presignPut(ObjectStore.newObjectKey(), 1);
    const expires = Number(new URL(presigned.url).searchParams.get('X-Amz-Expires'));
    expect(expires).toBeGreaterThan(0);
    expect(expires).toBeLessThanOrEqual(15 * 60);
  });

  it('presigned GET returns the stored bytes, and a Range request returns just the range', async () => {
    const key = ObjectStore.newObjectKey();
    const body = randomBytes(4096);
    const presigned = await store.presignPut(key, body.length);
    expect((await putWith(presigned.url, body, presigned.headers)).status).toBe(200);
    const get = await store.presignGet(key);
    const res = await fetch(get.url, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(100, 200));
  });
});

describe('multipart upload through presigned part URLs', () => {
  it('completes, and HEAD shows aws:kms with the expected key', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const partSizes = [5 * 1024 * 1024, 1234];
    const parts: Array<{ partNumber: number; etag: string }> = [];
    const bodies: Buffer[] = [];
    for (const [i, size] of partSizes.entries()) {
      const body = randomBytes(size);
      bodies.push(body);
      const url = await store.presignPart(key, uploadId, i + 1, size);
      const res = await fetch(url.url, { method: 'PUT', body: new Uint8Array(body), headers: url.headers });
      expect(res.status).toBe(200);
      parts.push({ partNumber: i + 1, etag: res.headers.get('etag') ?? '' });
    }
    await store.completeMultipart(key, uploadId, parts);
    const head = await store.head(key);
    expect(head.sse).toBe('aws:kms');
    expect(head.kmsKeyId).toBe(expectedKeyArn);
    expect(head.size).toBe(partSizes[0]! + partSizes[1]!);

    const get = await fetch((await store.presignGet(key)).url);
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.concat(bodies))).toBe(true);
  });

  it('an aborted upload can no longer receive parts', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const url = await store.presignPart(key, uploadId, 1, 1);
    await store.abortMultipart(key, uploadId);
    const res = await fetch(url.url, { method: 'PUT', body: 'x' });
    expect(res.status).toBe(404);
  });
});

describe('the application user (its own credentials)', () => {
  it('is not the root user', () => {
    expect(ctx.appEnv.S3_ACCESS_KEY_ID).toBe(ctx.minio.appUser);
    expect(ctx.appEnv.S3_ACCESS_KEY_ID).not.toBe(ctx.minio.rootUser);
  });

  it('cannot PutObject without SSE-KMS, nor with SSE-S3, but can with aws:kms', async () => {
    const base = { Bucket: ctx.bucket, Body: 'x' };
    expect(await s3ErrorName(s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey() })))).toBe('AccessDenied');
    expect(
      await s3ErrorName(s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey(), ServerSideEncryption: 'AES256' }))),
    ).toBe('AccessDenied');
    expect(
      await s3ErrorName(
        s3.send(new PutObjectCommand({ ...base, Key: ObjectStore.newObjectKey(), ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.minio.kmsKeyName })),
      ),
    ).toBe('allowed');
  });

  it('cannot change bucket configuration or create buckets', async () => {
    expect(await s3ErrorName(s3.send(new CreateBucketCommand({ Bucket: `other-${Date.now()}` })))).toBe('AccessDenied');
    expect(
      await s3ErrorName(
        s3.send(
          new PutBucketEncryptionCommand({
            Bucket: ctx.bucket,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          }),
        ),
      ),
    ).toBe('AccessDenied');
  });
});

describe('the second layer at rest', () => {
  it('MinIO never writes the uploaded bytes to its disks in the clear', async () => {
    const marker = `twofold-at-rest-marker-${randomBytes(8).toString('hex')}`;
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, marker.length * 64);
    expect((await putWith(presigned.url, marker.repeat(64), presigned.headers)).status).toBe(200);
    const hits = filesUnder(ctx.minio.dataDir).filter((f) => readFileSync(f).includes(marker));
    expect(hits).toEqual([]);
    // Reading through S3 still gives the bytes back: the layer is transparent to the app.
    const res = await fetch((await store.presignGet(key)).url);
    expect(await res.text()).toBe(marker.repeat(64));
  });
});

describe('CORS on the store', () => {
  async function preflight(origin: string) {
    const presigned = await store.presignPut(ObjectStore.newObjectKey(), 1);
    const res = await fetch(presigned.url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'if-none-match,x-amz-server-side-encryption,x-amz-server-side-encryption-aws-kms-key-id',
      },
    });
    return res.headers.get('access-control-allow-origin');
  }

  it("allows the app's origin and no other", async () => {
    const appOrigin = ctx.appEnv.NEXTAUTH_URL!;
    expect(await preflight(appOrigin)).toBe(appOrigin);
    expect(await preflight('https://evil.example')).toBeNull();
  });
});
