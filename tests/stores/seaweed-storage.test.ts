// The storage layer against SeaweedFS's S3 gateway with SSE-KMS from
// local-kms, on a bucket provisioned by Twofold's external-S3 path and with
// the application identity, exactly as the app would use it in external
// mode. Every expectation is the store's own answer; nothing is mocked.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, GetBucketEncryptionCommand, PutBucketEncryptionCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '@/lib/server/storage/object-store';
import { appStoreOn, provisionedBucket, s3Answer, s3As, storesContext } from '../helpers/stores';

const ctx = storesContext();
const admin = s3As(ctx, 'admin');
let bucket: string;
let store: ObjectStore;
let app: S3Client;

beforeAll(async () => {
  ({ bucket } = await provisionedBucket(ctx, admin, ctx.bucket));
  ({ store, s3: app } = appStoreOn(ctx, bucket));
});
afterAll(() => {
  admin.destroy();
  app.destroy();
});

async function putWith(url: string, body: Uint8Array | string, headers: Record<string, string>) {
  const res = await fetch(url, { method: 'PUT', body: typeof body === 'string' ? body : new Uint8Array(body), headers });
  return { status: res.status, text: await res.text(), etag: res.headers.get('etag') };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('presigned PUT bound to SSE-KMS (SeaweedFS)', () => {
  it('uploads, and HEAD reports aws:kms with the local-kms key', async () => {
    const key = ObjectStore.newObjectKey();
    const body = 'ciphertext bytes';
    const presigned = await store.presignPut(key, body.length);
    const put = await putWith(presigned.url, body, presigned.headers);
    expect(put.status, put.text).toBe(200);
    const head = await store.head(key);
    expect(head.sse).toBe('aws:kms');
    expect(head.kmsKeyId).toBe(ctx.kms.keyArn);
    expect(head.size).toBe(body.length);
    // AWS sends x-amz-server-side-encryption-bucket-key-enabled: true here; SeaweedFS sends nothing.
    expect(head.bucketKeyEnabled).toBe(false);
  });

  it('refuses the same URL without the SSE headers, with AES256, with another key, with SSE-C, or with another length', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 1);
    const sseC = {
      'x-amz-server-side-encryption-customer-algorithm': 'AES256',
      'x-amz-server-side-encryption-customer-key': randomBytes(32).toString('base64'),
    };
    const attempts: Array<[string, string, Record<string, string>]> = [
      ['no SSE headers', 'x', { 'If-None-Match': '*' }],
      ['AES256 instead of aws:kms', 'x', { ...presigned.headers, 'x-amz-server-side-encryption': 'AES256' }],
      ['another KMS key id', 'x', { ...presigned.headers, 'x-amz-server-side-encryption-aws-kms-key-id': 'someone-elses-key' }],
      ['SSE-C headers added', 'x', { ...presigned.headers, ...sseC }],
      ['a longer body', 'xx', presigned.headers],
    ];
    const answers: Record<string, number> = {};
    for (const [label, body, headers] of attempts) answers[label] = (await putWith(presigned.url, body, headers)).status;
    // Each is a signature mismatch (403): the SSE headers and the length are signed.
    expect(answers).toEqual(Object.fromEntries(attempts.map(([label]) => [label, 403])));
    expect(await s3Answer(store.head(key))).toBe('NotFound');
  });

  it('stops working after its expiry (2 s)', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 'late'.length, 2);
    await new Promise((r) => setTimeout(r, 3_200));
    const put = await putWith(presigned.url, 'late', presigned.headers);
    expect(put.status).toBe(403);
    expect(put.text).toMatch(/expired/i);
    expect(await s3Answer(store.head(key))).toBe('NotFound');
  });

  it('a second PUT through the same URL is refused (If-None-Match: *)', async () => {
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, 1);
    expect((await putWith(presigned.url, 'a', presigned.headers)).status).toBe(200);
    expect((await putWith(presigned.url, 'b', presigned.headers)).status).toBe(412);
  });

  it('presigned GET returns the stored bytes, and a Range request just the range', async () => {
    const key = ObjectStore.newObjectKey();
    const body = randomBytes(4096);
    const presigned = await store.presignPut(key, body.length);
    expect((await putWith(presigned.url, body, presigned.headers)).status).toBe(200);
    const res = await fetch((await store.presignGet(key)).url, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(body.subarray(100, 200));
  });
});

describe('multipart upload through presigned part URLs (SeaweedFS)', () => {
  it('completes, and HEAD reports aws:kms with the local-kms key; the bytes come back', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const sizes = [5 * 1024 * 1024, 1234];
    const bodies = sizes.map((size) => randomBytes(size));
    const parts = [];
    for (const [i, body] of bodies.entries()) {
      const url = await store.presignPart(key, uploadId, i + 1, body.length);
      const res = await putWith(url.url, body, url.headers);
      expect(res.status, res.text).toBe(200);
      parts.push({ partNumber: i + 1, etag: res.etag ?? '' });
    }
    await store.completeMultipart(key, uploadId, parts);
    const head = await store.head(key);
    expect(head.sse).toBe('aws:kms');
    expect(head.kmsKeyId).toBe(ctx.kms.keyArn);
    expect(head.size).toBe(sizes[0]! + sizes[1]!);
    const get = await fetch((await store.presignGet(key)).url);
    expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.concat(bodies))).toBe(true);
  });

  it('refuses a part body of another length than signed', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const url = await store.presignPart(key, uploadId, 1, 10);
    expect((await putWith(url.url, randomBytes(11), url.headers)).status).toBe(403);
    await store.abortMultipart(key, uploadId);
  });

  it('an aborted upload can no longer receive parts', async () => {
    const key = ObjectStore.newObjectKey();
    const uploadId = await store.createMultipart(key);
    const url = await store.presignPart(key, uploadId, 1, 1);
    await store.abortMultipart(key, uploadId);
    expect((await putWith(url.url, 'x', url.headers)).status).toBe(404);
  });
});

describe('the application identity (SeaweedFS attached IAM policy)', () => {
  it('cannot PutObject with SSE-S3; with aws:kms, or with no header (default encryption gives aws:kms), it can', async () => {
    const keys = { none: ObjectStore.newObjectKey(), aes256: ObjectStore.newObjectKey(), kms: ObjectStore.newObjectKey() };
    const base = { Bucket: bucket, Body: 'x' };
    const answers = {
      none: await s3Answer(app.send(new PutObjectCommand({ ...base, Key: keys.none }))),
      aes256: await s3Answer(app.send(new PutObjectCommand({ ...base, Key: keys.aes256, ServerSideEncryption: 'AES256' }))),
      kms: await s3Answer(app.send(new PutObjectCommand({ ...base, Key: keys.kms, ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.kms.keyArn }))),
    };
    // As on AWS: the bucket policy denies the wrong algorithm; a missing header is filled in by the default.
    expect(answers).toEqual({ none: 'allowed', aes256: 'AccessDenied', kms: 'allowed' });
    expect(await store.head(keys.none)).toMatchObject({ sse: 'aws:kms', kmsKeyId: ctx.kms.keyArn });
  });

  it("SeaweedFS refuses every PutObject, aws:kms included, under MinIO's user policy (its Deny conditioned on the SSE header)", async () => {
    // [Note: SeaweedFS app policy]: why the application identity's policy is allow-only.
    const strict = s3As(ctx, 'minioPolicyApp');
    try {
      const kms = await s3Answer(
        strict.send(new PutObjectCommand({ Bucket: bucket, Key: ObjectStore.newObjectKey(), Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.kms.keyArn })),
      );
      expect(kms).toBe('AccessDenied');
      // The same identity may read what it is allowed to: the policy itself is loaded.
      expect(await s3Answer(strict.send(new GetBucketEncryptionCommand({ Bucket: bucket })))).toBe('allowed');
    } finally {
      strict.destroy();
    }
  });

  it('cannot create buckets or change bucket encryption', async () => {
    expect(await s3Answer(app.send(new CreateBucketCommand({ Bucket: `other-${Date.now()}` })))).toBe('AccessDenied');
    expect(
      await s3Answer(
        app.send(
          new PutBucketEncryptionCommand({
            Bucket: bucket,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          }),
        ),
      ),
    ).toBe('AccessDenied');
  });

  it('can read the bucket default encryption, as /api/health does', async () => {
    expect(await store.bucketEncryption()).toMatchObject({ sse: 'aws:kms', kmsKeyId: ctx.kms.keyArn });
  });
});

describe('the second layer at rest (SeaweedFS volumes)', () => {
  it('SeaweedFS never writes the uploaded bytes to its disks in the clear', async () => {
    const marker = `twofold-at-rest-marker-${randomBytes(8).toString('hex')}`;
    const key = ObjectStore.newObjectKey();
    const presigned = await store.presignPut(key, marker.length * 64);
    expect((await putWith(presigned.url, marker.repeat(64), presigned.headers)).status).toBe(200);
    const hits = filesUnder(ctx.seaweed.dataDir).filter((f) => readFileSync(f).includes(marker));
    expect(hits).toEqual([]);
    expect(await (await fetch((await store.presignGet(key)).url)).text()).toBe(marker.repeat(64));
  });
});
