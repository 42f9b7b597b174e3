import {
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DEFAULT_SSE_MODE, SSE_MODE_LABEL, type SseMode } from '../../lib/shared/sse-mode';

export interface ExternalProvisionInput {
  s3: S3Client;
  bucket: string;
  /** Required with aws:kms (the default), unused with AES256. */
  kmsKeyId?: string;
  sseMode?: SseMode;
  appOrigin: string;
}

export interface ProvisionStep {
  step: string;
  status: 'applied' | 'unsupported';
  detail?: string;
}

/**
 * The bucket policy for an external store. Explicit wrong values are denied:
 * another algorithm, or another KMS key (under SSE_MODE=AES256: any KMS key).
 * A request with no SSE header is not denied here, because UploadPart and
 * CompleteMultipartUpload are authorized as s3:PutObject and never carry the
 * header (see README, "External S3"); such objects still get the mode from
 * the bucket's default encryption, and the app's presigned URLs always sign it.
 */
export function externalBucketPolicy(bucket: string, kmsKeyId: string | undefined, sseMode: SseMode = DEFAULT_SSE_MODE): object {
  const objects = `arn:aws:s3:::${bucket}/*`;
  if (sseMode === 'aws:kms' && !kmsKeyId) throw new Error('an SSE-KMS bucket policy needs the KMS key id');
  const keyStatement = kmsKeyId && sseMode === 'aws:kms'
    ? {
        Sid: 'DenyOtherKmsKey',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        // "If the header is present, it must name our key" (as an id or as an ARN ending in it).
        Condition: {
          StringNotLike: { 's3:x-amz-server-side-encryption-aws-kms-key-id': [kmsKeyId, `*${kmsKeyId.split('/').pop()}`] },
          Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' },
        },
      }
    : {
        // SSE-S3 names no KMS key: a request that names one asks for another mode.
        Sid: 'DenyAnyKmsKey',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { Null: { 's3:x-amz-server-side-encryption-aws-kms-key-id': 'false' } },
      };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sseMode === 'aws:kms' ? 'DenyNonKmsEncryption' : 'DenyNonSseS3Encryption',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        Condition: {
          StringNotEquals: { 's3:x-amz-server-side-encryption': sseMode },
          Null: { 's3:x-amz-server-side-encryption': 'false' },
        },
      },
      keyStatement,
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [`arn:aws:s3:::${bucket}`, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  };
}

// S3-compatible stores (MinIO among them) lack some calls; those are reported,
// not fatal. MinIO answers PutBucketCors with NotImplemented, and rejects a
// lifecycle rule made only of AbortIncompleteMultipartUpload as malformed.
const NOT_IMPLEMENTED = ['NotImplemented', 'XNotImplemented'];
const LIFECYCLE_UNSUPPORTED = [...NOT_IMPLEMENTED, 'MalformedXML', 'InvalidArgument'];

async function attempt(step: string, fn: () => Promise<unknown>, unsupported = NOT_IMPLEMENTED): Promise<ProvisionStep> {
  try {
    await fn();
    return { step, status: 'applied' };
  } catch (error) {
    if (error instanceof S3ServiceException && unsupported.includes(error.name)) {
      return { step, status: 'unsupported', detail: `${error.name}: ${error.message}` };
    }
    throw new Error(`provisioning failed at "${step}"`, { cause: error });
  }
}

/** Idempotent: every call replaces the whole configuration it sets. */
export async function provisionExternal(input: ExternalProvisionInput): Promise<ProvisionStep[]> {
  const { s3, bucket, kmsKeyId, appOrigin } = input;
  const sseMode = input.sseMode ?? DEFAULT_SSE_MODE;
  const kms = sseMode === 'aws:kms';
  // Bucket keys reduce KMS calls; SSE-S3 makes none, so it has no bucket key.
  const rule = kms
    ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: kmsKeyId }, BucketKeyEnabled: true }
    : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } };
  const policy = externalBucketPolicy(bucket, kmsKeyId, sseMode);
  return [
    await attempt(`default encryption ${SSE_MODE_LABEL[sseMode]}${kms ? ' with bucket key' : ''}`, () =>
      s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [rule] } })),
    ),
    await attempt(`bucket policy (deny other SSE, ${kms ? 'other KMS key' : 'any KMS key'}, non-TLS)`, () =>
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) })),
    ),
    await attempt(`CORS for ${appOrigin}`, () =>
      s3.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: [appOrigin],
                AllowedMethods: ['GET', 'PUT', 'HEAD'],
                AllowedHeaders: ['*'],
                ExposeHeaders: ['ETag', 'Content-Length', 'Content-Range'],
                MaxAgeSeconds: 3000,
              },
            ],
          },
        }),
      ),
    ),
    await attempt('lifecycle: abort incomplete multipart uploads after 1 day', () =>
      s3.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: bucket,
          LifecycleConfiguration: {
            Rules: [
              {
                ID: 'twofold-abort-incomplete-multipart',
                Status: 'Enabled',
                Filter: { Prefix: '' },
                AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
              },
            ],
          },
        }),
      ),
      LIFECYCLE_UNSUPPORTED,
    ),
  ];
}
