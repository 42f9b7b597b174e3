import 'server-only';
import { S3Client } from '@aws-sdk/client-s3';
import type { SseMode } from '../../shared/sse-mode';
import type { ServerEnv } from '../env-schema';

export interface StorageConfig {
  endpoint?: string;
  region: string;
  bucket: string;
  /** aws:kms unless the operator chose AES256 (SSE-S3); see lib/shared/sse-mode.ts. */
  sseMode?: SseMode;
  /** The SSE-KMS key; required with aws:kms, unused with AES256. */
  kmsKeyId?: string;
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  presignExpirySeconds: number;
  /** See [Note: SSE on part requests]. */
  sseOnPartRequests: boolean;
}

export function storageConfigFromEnv(env: ServerEnv): StorageConfig {
  return {
    endpoint: env.S3_ENDPOINT,
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    sseMode: env.SSE_MODE,
    kmsKeyId: env.KMS_KEY_ID,
    // Custom endpoints (MinIO and most S3-compatibles) want path-style URLs.
    forcePathStyle: env.S3_FORCE_PATH_STYLE ?? Boolean(env.S3_ENDPOINT),
    credentials:
      env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
        : undefined,
    presignExpirySeconds: env.PRESIGN_EXPIRY_SECONDS,
    sseOnPartRequests: env.TWOFOLD_STORAGE_MODE === 'minio',
  };
}

export function createS3Client(config: StorageConfig): S3Client {
  return new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    // Without explicit credentials the SDK's default chain applies (instance
    // roles, AWS_PROFILE…), which is what an AWS deployment wants.
    credentials: config.credentials,
    // Checksums computed by the SDK would become signed headers that a
    // browser PUT cannot reproduce; S3 still verifies Content-MD5/ETag.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
  });
}
