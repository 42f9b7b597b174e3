import { spawn } from 'node:child_process';
import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { DEFAULT_SSE_MODE, type SseMode } from '../../lib/shared/sse-mode';
import { appUserPolicy } from './app-policy';
import { adminBinary } from './minio-binary';
import type { LocalSecrets } from './secrets';

export interface MinioProvisionInput {
  endpoint: string;
  bucket: string;
  secrets: LocalSecrets;
  /** The bucket default and the app user's policy follow it; aws:kms unless given. */
  sseMode?: SseMode;
}

export function rootClient(endpoint: string, secrets: LocalSecrets): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: secrets.rootUser, secretAccessKey: secrets.rootPassword },
  });
}

/** Idempotent: every step either creates or re-asserts the desired state. */
export async function provisionMinio(input: MinioProvisionInput): Promise<void> {
  const s3 = rootClient(input.endpoint, input.secrets);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: input.bucket }));
  } catch (error) {
    if (!(error instanceof S3ServiceException && error.name === 'BucketAlreadyOwnedByYou')) throw error;
  }
  const sseMode = input.sseMode ?? DEFAULT_SSE_MODE;
  // MinIO requires KMSMasterKeyID for aws:kms; without it the default is SSE-S3.
  // SSE-S3 on MinIO still seals each object key with the builtin KMS key, but
  // that key is MinIO's own, not one the operator administers per bucket.
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: input.bucket,
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault:
              sseMode === 'aws:kms' ? { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: input.secrets.kmsKeyName } : { SSEAlgorithm: 'AES256' },
          },
        ],
      },
    }),
  );
  await runAdmin({
    endpoint: input.endpoint,
    rootUser: input.secrets.rootUser,
    rootPassword: input.secrets.rootPassword,
    appUser: input.secrets.appUser,
    appPassword: input.secrets.appPassword,
    policyName: `twofold-app-${input.bucket}`,
    policy: appUserPolicy(input.bucket, sseMode),
  });
  s3.destroy();
}

/** Credentials travel on stdin, never in argv where `ps` would show them. */
function runAdmin(request: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(adminBinary, [], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `admin helper exited ${code}`))));
    child.stdin.end(JSON.stringify(request));
  });
}
