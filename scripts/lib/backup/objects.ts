// The objects half of a backup, read and written through the S3 API.
//
// [Note: objects through S3] Why not copy MinIO's data directory? Its layout
// (xl.meta, erasure sets, per-object sealed keys) is MinIO's private,
// version-specific format, and a copy is only consistent while MinIO is
// stopped. Through S3 we get each object's bytes exactly as the app wrote them
// (its own AES-256-GCM ciphertext; MinIO removes only its at-rest layer), the
// backup can run against a live store, and restore writes through the normal
// PUT path so the new bucket's default SSE-KMS encrypts everything again under
// the restored key. Multipart objects are written back with the same part
// sizes, so the object keeps its layout (PartsCount, partNumber reads).
//
// [Note: SSE-KMS ETags] An SSE-KMS object's ETag is not an MD5 of its bytes
// (AWS documents this; MinIO does the same: measured, the same bytes PUT
// again under the same key get a new ETag, single-part and multipart alike).
// So a restored object cannot have the ETag the manifest recorded. Restore
// checks instead that HEAD shows the ETag its own write returned, the size and
// aws:kms, and that the object's bytes read back through S3 have the SHA-256
// the manifest recorded: stronger than an ETag match. Twofold itself never
// stores or compares a finished object's ETag.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  AbortMultipartUploadCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectEntry } from './manifest';

export async function* listObjects(s3: S3Client, bucket: string): AsyncGenerator<{ key: string; size: number }> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    for (const o of page.Contents ?? []) yield { key: o.Key!, size: o.Size ?? 0 };
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

/** HEAD with partNumber gives each part's size; a single-PUT object has no parts count. */
async function partSizes(s3: S3Client, bucket: string, key: string): Promise<number[] | null> {
  const first = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: 1 }));
  const count = first.PartsCount ?? 0;
  if (count <= 1 && !/-\d+"?$/.test(first.ETag ?? '')) return null;
  const sizes = [first.ContentLength ?? 0];
  for (let n = 2; n <= count; n++) sizes.push((await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key, PartNumber: n }))).ContentLength ?? 0);
  return sizes;
}

/** Streams one object into `path` (0600); returns its manifest entry. */
export async function dumpObject(s3: S3Client, bucket: string, key: string, path: string, file: string): Promise<ObjectEntry> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: head.ETag }));
  let bytes = 0;
  const count = new Transform({ transform(chunk: Buffer, _enc, done) { bytes += chunk.length; done(null, chunk); } });
  await pipeline(got.Body as Readable, count, createWriteStream(path, { mode: 0o600, flags: 'wx' }));
  if (bytes !== head.ContentLength) throw new Error(`object ${key}: read ${bytes} bytes, HEAD said ${head.ContentLength}`);
  return {
    key, file, size: bytes, etag: head.ETag!, sse: head.ServerSideEncryption ?? 'none',
    kmsKeyId: head.SSEKMSKeyId, parts: await partSizes(s3, bucket, key),
  };
}

async function readSlice(path: string, start: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, start);
    if (bytesRead !== length) throw new Error(`${path}: short read at ${start}`);
    return buf;
  } finally {
    await handle.close();
  }
}

/** Writes one object back with SSE-KMS under `kmsKeyId`, in the same parts it had; returns the new ETag. */
export async function restoreObject(s3: S3Client, bucket: string, kmsKeyId: string, object: ObjectEntry, path: string): Promise<string> {
  const sse = { ServerSideEncryption: 'aws:kms' as const, SSEKMSKeyId: kmsKeyId };
  if (!object.parts) {
    const out = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: object.key, Body: createReadStream(path), ContentLength: object.size, ...sse }));
    return out.ETag!;
  }
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: object.key, ...sse }));
  try {
    const parts: Array<{ PartNumber: number; ETag: string }> = [];
    let offset = 0;
    for (const [i, size] of object.parts.entries()) {
      const body = await readSlice(path, offset, size);
      offset += size;
      const out = await s3.send(new UploadPartCommand({ Bucket: bucket, Key: object.key, UploadId, PartNumber: i + 1, Body: body, ContentLength: size }));
      parts.push({ PartNumber: i + 1, ETag: out.ETag! });
    }
    const done = await s3.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: object.key, UploadId, MultipartUpload: { Parts: parts } }));
    return done.ETag!;
  } catch (error) {
    await s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: object.key, UploadId })).catch(() => {});
    throw error;
  }
}

/** After restore (see [Note: SSE-KMS ETags]): present, with its size, aws:kms, the ETag restore got, and the recorded SHA-256. */
export async function checkRestoredObject(s3: S3Client, bucket: string, object: ObjectEntry, expected: { etag: string; sha256: string }): Promise<string | undefined> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: object.key })).catch((e: unknown) => e as Error);
  if (head instanceof Error) return `object ${object.key}: not readable after restore (${head.name})`;
  if (head.ContentLength !== object.size) return `object ${object.key}: ${head.ContentLength} bytes after restore, the manifest says ${object.size}`;
  if (head.ETag !== expected.etag) return `object ${object.key}: ETag ${head.ETag} after restore, the restore wrote ${expected.etag}`;
  if (head.ServerSideEncryption !== 'aws:kms') return `object ${object.key}: stored with ${head.ServerSideEncryption ?? 'no'} server-side encryption, expected aws:kms`;
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.key, IfMatch: expected.etag }));
  const hash = createHash('sha256');
  for await (const chunk of got.Body as Readable) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== expected.sha256) return `object ${object.key}: its bytes read back after restore differ from the backup (SHA-256)`;
  return undefined;
}
