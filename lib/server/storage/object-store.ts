import 'server-only';
import { randomBytes } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { DEFAULT_SSE_MODE, type SseMode } from '../../shared/sse-mode';
import type { StorageConfig } from './client';

/** What a browser must send with a presigned PUT: the URL and the signed headers. */
export interface PresignedRequest {
  url: string;
  method: 'PUT' | 'GET';
  headers: Record<string, string>;
  expiresAt: string;
}

export interface ObjectEncryption {
  sse: string | undefined;
  kmsKeyId: string | undefined;
  bucketKeyEnabled: boolean;
  size: number;
}

export interface BucketEncryption {
  sse: string | undefined;
  kmsKeyId: string | undefined;
  bucketKeyEnabled: boolean;
}

// [Note: SSE headers stay headers] The presigner normally hoists x-amz-*
// headers into the query string. Keeping the SSE headers unhoisted makes
// them signed *headers*: a browser that drops them, or sends another
// algorithm or key, breaks the signature and S3 refuses the request.
const UNHOISTABLE = new Set(['x-amz-server-side-encryption', 'x-amz-server-side-encryption-aws-kms-key-id']);

// [Note: size-bound, single-use writes] A presigned write used to be good for
// any body until it expired, so a holder of a single-PUT URL could replace a
// completed file (quota, recipients and the list still believing the old
// size). Every write URL now signs `content-length`: the browser sets it from
// the body and cannot forge it, and the store refuses any other length. The
// single PUT also signs `if-none-match: *`, so once an object exists at the
// key the same URL gets 412 instead of overwriting it. A signed header the
// client leaves out is refused too, so neither can be dropped. Parts need no
// condition: after CompleteMultipartUpload the upload id is gone and a part
// URL answers NoSuchUpload. The completion itself is conditional as well.
const SIGNED_LENGTH = new Set(['content-length']);
export const CREATE_ONLY_HEADER = { 'If-None-Match': '*' } as const;

// [Note: SSE on part requests] UploadPart and CompleteMultipartUpload are
// authorized as s3:PutObject, but carry no SSE header (the upload's SSE was
// fixed at CreateMultipartUpload). MinIO evaluates policy conditions over
// headers *and* query parameters, so the embedded store's "deny PutObject
// without the mode's header" user policy (aws:kms, or AES256 under
// SSE_MODE=AES256) would refuse every part. Adding the marker as a signed
// query parameter satisfies the condition; MinIO's part handler reads
// SSE settings from headers only, so the parameter changes nothing else.
// AWS rejects SSE parameters on UploadPart, so external mode leaves them off.
type BuildStep = (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>;
function sseQuery(mode: SseMode): BuildStep {
  return (next) => (args) => {
    const request = args.request as { query?: Record<string, string> };
    request.query = { ...request.query, 'x-amz-server-side-encryption': mode };
    return next(args);
  };
}

function withSseQuery<C extends UploadPartCommand | CompleteMultipartUploadCommand>(command: C, mode: SseMode): C {
  const stack = command.middlewareStack as unknown as { add(mw: BuildStep, options: { step: 'build'; name: string }): void };
  stack.add(sseQuery(mode), { step: 'build', name: 'twofoldSseQuery' });
  return command;
}

/**
 * The only door to the bucket. Object keys are built here from random bytes,
 * never from anything a user typed, so names cannot leak into storage paths.
 */
export class ObjectStore {
  constructor(
    private readonly s3: S3Client,
    private readonly config: StorageConfig,
  ) {
    // The env schema already insists on the key; this guards every other caller.
    if (this.sseMode === 'aws:kms' && !config.kmsKeyId) throw new Error('an SSE-KMS store needs a KMS key id');
  }

  /** The deployment's server-side encryption: every write is signed with it. */
  get sseMode(): SseMode {
    return this.config.sseMode ?? DEFAULT_SSE_MODE;
  }

  get bucket(): string {
    return this.config.bucket;
  }

  /** The SSE-KMS key, or undefined under SSE-S3 (which uses none of ours). */
  get kmsKeyId(): string | undefined {
    return this.sseMode === 'aws:kms' ? this.config.kmsKeyId : undefined;
  }

  static newObjectKey(): string {
    return `objects/${randomBytes(16).toString('hex')}`;
  }

  private sseHeaders(): Record<string, string> {
    const key = this.kmsKeyId;
    return key
      ? { 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': key }
      : { 'x-amz-server-side-encryption': this.sseMode };
  }

  /** The same, as the SDK's command parameters. */
  private sseParams(): { ServerSideEncryption: SseMode; SSEKMSKeyId?: string } {
    const key = this.kmsKeyId;
    return key ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: key } : { ServerSideEncryption: this.sseMode };
  }

  private markParts<C extends UploadPartCommand | CompleteMultipartUploadCommand>(command: C): C {
    return this.config.sseOnPartRequests ? withSseQuery(command, this.sseMode) : command;
  }

  private expiresAt(seconds: number): string {
    return new Date(Date.now() + seconds * 1000).toISOString();
  }

  /** A PUT of exactly `size` bytes that only creates: see [Note: size-bound, single-use writes]. */
  async presignPut(objectKey: string, size: number, expiresIn = this.config.presignExpirySeconds): Promise<PresignedRequest> {
    const command = new PutObjectCommand({
      Bucket: this.config.bucket,
      Key: objectKey,
      ContentLength: size,
      IfNoneMatch: '*',
      ...this.sseParams(),
    });
    const url = await getSignedUrl(this.s3, command, { expiresIn, unhoistableHeaders: UNHOISTABLE, signableHeaders: SIGNED_LENGTH });
    // Content-Length is not in `headers`: the browser sets it from the body
    // (fetch drops it if a script tries), and that is what makes it binding.
    return { url, method: 'PUT', headers: { ...this.sseHeaders(), ...CREATE_ONLY_HEADER }, expiresAt: this.expiresAt(expiresIn) };
  }

  async presignGet(objectKey: string, expiresIn = this.config.presignExpirySeconds): Promise<PresignedRequest> {
    const command = new GetObjectCommand({ Bucket: this.config.bucket, Key: objectKey });
    const url = await getSignedUrl(this.s3, command, { expiresIn });
    return { url, method: 'GET', headers: {}, expiresAt: this.expiresAt(expiresIn) };
  }

  /**
   * A GET of bytes [first, last] only. The Range header stays a signed header
   * (the presigner hoists only x-amz-* headers), so the URL serves nothing else.
   */
  async presignGetRange(objectKey: string, first: number, last: number, expiresIn = this.config.presignExpirySeconds): Promise<PresignedRequest> {
    const range = `bytes=${first}-${last}`;
    const command = new GetObjectCommand({ Bucket: this.config.bucket, Key: objectKey, Range: range });
    const url = await getSignedUrl(this.s3, command, { expiresIn });
    return { url, method: 'GET', headers: { Range: range }, expiresAt: this.expiresAt(expiresIn) };
  }

  /** Multipart uploads carry the SSE mode on the create call; parts inherit it. */
  async createMultipart(objectKey: string): Promise<string> {
    const out = await this.s3.send(
      new CreateMultipartUploadCommand({ Bucket: this.config.bucket, Key: objectKey, ...this.sseParams() }),
    );
    if (!out.UploadId) throw new Error('storage returned no UploadId');
    return out.UploadId;
  }

  /** An UploadPart of exactly `size` bytes: see [Note: size-bound, single-use writes]. */
  async presignPart(
    objectKey: string,
    uploadId: string,
    partNumber: number,
    size: number,
    expiresIn = this.config.presignExpirySeconds,
  ): Promise<PresignedRequest> {
    const command = new UploadPartCommand({
      Bucket: this.config.bucket,
      Key: objectKey,
      UploadId: uploadId,
      PartNumber: partNumber,
      ContentLength: size,
    });
    const url = await getSignedUrl(this.s3, this.markParts(command), { expiresIn, signableHeaders: SIGNED_LENGTH });
    return { url, method: 'PUT', headers: {}, expiresAt: this.expiresAt(expiresIn) };
  }

  async completeMultipart(
    objectKey: string,
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
  ): Promise<void> {
    const command = new CompleteMultipartUploadCommand({
      Bucket: this.config.bucket,
      Key: objectKey,
      UploadId: uploadId,
      // Never replaces an object that is already at the key.
      IfNoneMatch: '*',
      MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
    });
    await this.s3.send(this.markParts(command));
  }

  async abortMultipart(objectKey: string, uploadId: string): Promise<void> {
    await this.s3.send(
      new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key: objectKey, UploadId: uploadId }),
    );
  }

  async head(objectKey: string): Promise<ObjectEncryption> {
    const out = await this.s3.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: objectKey }));
    return {
      sse: out.ServerSideEncryption,
      kmsKeyId: out.SSEKMSKeyId,
      bucketKeyEnabled: out.BucketKeyEnabled ?? false,
      size: out.ContentLength ?? 0,
    };
  }

  async delete(objectKey: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: objectKey }));
  }

  /** Read live from the store, never from config: /api/health reports what S3 says. */
  async bucketEncryption(): Promise<BucketEncryption> {
    const out = await this.s3.send(new GetBucketEncryptionCommand({ Bucket: this.config.bucket }));
    const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0];
    return {
      sse: rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm,
      kmsKeyId: rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID,
      bucketKeyEnabled: rule?.BucketKeyEnabled ?? false,
    };
  }
}
