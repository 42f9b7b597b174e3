import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import type { TestContext } from '../../scripts/lib/test-context';
import { createS3Client, type StorageConfig } from '@/lib/server/storage/client';
import { ObjectStore } from '@/lib/server/storage/object-store';

export function testContext(): TestContext {
  const file = process.env.TWOFOLD_TEST_CONTEXT;
  if (!file) throw new Error('TWOFOLD_TEST_CONTEXT is not set: run integration tests through `npm test`');
  return JSON.parse(readFileSync(file, 'utf8')) as TestContext;
}

export function appStorageConfig(ctx: TestContext, overrides: Partial<StorageConfig> = {}): StorageConfig {
  return {
    endpoint: ctx.minio.endpoint,
    region: 'us-east-1',
    bucket: ctx.bucket,
    kmsKeyId: ctx.minio.kmsKeyName,
    forcePathStyle: true,
    credentials: { accessKeyId: ctx.minio.appUser, secretAccessKey: ctx.minio.appPassword },
    presignExpirySeconds: 300,
    sseOnPartRequests: true,
    ...overrides,
  };
}

/** The store exactly as the app builds it: application user, never root. */
export function appStore(ctx: TestContext, overrides: Partial<StorageConfig> = {}): { store: ObjectStore; s3: S3Client } {
  const config = appStorageConfig(ctx, overrides);
  const s3 = createS3Client(config);
  return { store: new ObjectStore(s3, config), s3 };
}

export function rootS3(ctx: TestContext): S3Client {
  return new S3Client({
    endpoint: ctx.minio.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ctx.minio.rootUser, secretAccessKey: ctx.minio.rootPassword },
  });
}
