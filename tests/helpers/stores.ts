// The store suites' view of `npm run test:stores`: SeaweedFS's S3 gateway
// over HTTPS, its admin identity (provisioning only) and the application
// identity the app would sign with, and local-kms's key.
import { readFileSync } from 'node:fs';
import { CreateBucketCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { StoresContext } from '../../scripts/lib/stores-context';
import { provisionExternal, type ProvisionStep } from '../../scripts/lib/provision-external';
import { createS3Client, type StorageConfig } from '@/lib/server/storage/client';
import { ObjectStore } from '@/lib/server/storage/object-store';

export function storesContext(): StoresContext {
  const file = process.env.TWOFOLD_STORES_CONTEXT;
  if (!file) throw new Error('TWOFOLD_STORES_CONTEXT is not set: run these suites through `npm run test:stores`');
  return JSON.parse(readFileSync(file, 'utf8')) as StoresContext;
}

type Who = 'admin' | 'app' | 'minioPolicyApp';

export function s3As(ctx: StoresContext, who: Who, endpoint = ctx.seaweed.endpoint): S3Client {
  const id = ctx.seaweed[who];
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: id.accessKey, secretAccessKey: id.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

/** The store exactly as the app builds it in external mode (no SSE marker on parts). */
export function appStoreOn(ctx: StoresContext, bucket: string, overrides: Partial<StorageConfig> = {}): { store: ObjectStore; s3: S3Client } {
  const config: StorageConfig = {
    endpoint: ctx.seaweed.endpoint,
    region: 'us-east-1',
    bucket,
    kmsKeyId: ctx.kms.keyArn,
    forcePathStyle: true,
    credentials: { accessKeyId: ctx.seaweed.app.accessKey, secretAccessKey: ctx.seaweed.app.secretKey },
    presignExpirySeconds: 300,
    sseOnPartRequests: false,
    ...overrides,
  };
  const s3 = createS3Client(config);
  return { store: new ObjectStore(s3, config), s3 };
}

/**
 * A bucket created by the admin identity and provisioned as `npm run
 * provision` does. Without a name, a fresh one; the application identity's
 * policy covers only ctx.bucket.
 */
export async function provisionedBucket(ctx: StoresContext, admin: S3Client, bucket = `provision-${Date.now()}`): Promise<{ bucket: string; steps: ProvisionStep[] }> {
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  const steps = await provisionExternal({ s3: admin, bucket, kmsKeyId: ctx.kms.keyArn, appOrigin: ctx.appOrigin });
  return { bucket, steps };
}

/** The store's answer to a call: 'allowed' or the S3 error name (AccessDenied, NotFound…). */
export async function s3Answer(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'allowed';
  } catch (error) {
    return error instanceof S3ServiceException ? error.name : String(error);
  }
}
