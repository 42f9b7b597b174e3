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

// [Note: SSE on part requests] UploadPart and CompleteMultipartUpload are
// authorized as s3:PutObject, but carry no SSE header (the upload's SSE-KMS
// was fixed at CreateMultipartUpload). MinIO evaluates policy conditions over
// headers *and* query parameters, so the embedded store's "deny PutObject
// without aws:kms" user policy would refuse every part. Adding the marker as a
// signed query parameter satisfies the condition; MinIO's part handler reads
// SSE settings from headers only, so the parameter changes nothing else.
// AWS rejects SSE parameters on UploadPart, so external mode leaves them off.
type BuildStep = (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>;
const sseQuery: BuildStep = (next) => (args) => {
  const request = args.request as { query?: Record<string, string> };
  request.query = { ...request.query, 'x-amz-server-side-encryption': 'aws:kms' };
  return next(args);
};

function withSseQuery<C extends UploadPartCommand | CompleteMultipartUploadCommand>(command: C): C {
  const stack = command.middlewareStack as unknown as { add(mw: BuildStep, options: { step: 'build'; name: string }): void };
  stack.add(sseQuery, { step: 'build', name: 'twofoldSseQuery' });
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
  ) {}

  get bucket(): string {
    return this.config.bucket;
  }

  get kmsKeyId(): string {
    return this.config.kmsKeyId;
  }

  static newObjectKey(): string {
    return `objects/${randomBytes(16).toString('hex')}`;
  }

  private sseHeaders(): Record<string, string> {
    return {
      'x-amz-server-side-encryption': 'aws:kms',
      'x-amz-server-side-encryption-aws-kms-key-id': this.config.kmsKeyId,
    };
  }

  private markParts<C extends UploadPartCommand | CompleteMultipartUploadCommand>(command: C): C {
    return this.config.sseOnPartRequests ? withSseQuery(command) : command;
  }

  private expiresAt(seconds: number): string {
    return new Date(Date.now() + seconds * 1000).toISOString();
  }

  async presignPut(objectKey: string, expiresIn = this.config.presignExpirySeconds): Promise<PresignedRequest> {
    const command = new PutObjectCommand({
      Bucket: this.config.bucket,
      Key: objectKey,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: this.config.kmsKeyId,
    });
    const url = await getSignedUrl(this.s3, command, { expiresIn, unhoistableHeaders: UNHOISTABLE });
    return { url, method: 'PUT', headers: this.sseHeaders(), expiresAt: this.expiresAt(expiresIn) };
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

  /** Multipart uploads carry SSE-KMS on the create call; parts inherit it. */
  async createMultipart(objectKey: string): Promise<string> {
    const out = await this.s3.send(
      new CreateMultipartUploadCommand({
        Bucket: this.config.bucket,
        Key: objectKey,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: this.config.kmsKeyId,
      }),
    );
    if (!out.UploadId) throw new Error('storage returned no UploadId');
    return out.UploadId;
  }

  async presignPart(
    objectKey: string,
    uploadId: string,
    partNumber: number,
    expiresIn = this.config.presignExpirySeconds,
  ): Promise<PresignedRequest> {
    const command = new UploadPartCommand({
      Bucket: this.config.bucket,
      Key: objectKey,
      UploadId: uploadId,
      PartNumber: partNumber,
    });
    const url = await getSignedUrl(this.s3, this.markParts(command), { expiresIn });
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
