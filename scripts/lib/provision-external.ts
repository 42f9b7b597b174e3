import {
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  PutBucketCorsCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutPublicAccessBlockCommand,
  S3Client,
  S3ServiceException,
  type ServerSideEncryptionRule,
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

/**
 * applied: the store took the setting and reading it back shows it.
 * ignored: the store accepted the call, but reading back shows it did not keep the setting.
 * unsupported: the store refused the call (NotImplemented, MalformedXML…).
 */
export interface ProvisionStep {
  step: string;
  status: 'applied' | 'ignored' | 'unsupported';
  detail?: string;
}

/**
 * The bucket policy for an external store. Explicit wrong values are denied:
 * another algorithm, another KMS key (under SSE_MODE=AES256: any KMS key), or
 * SSE-C (customer-provided keys). A request with no SSE header is not denied
 * here, because UploadPart and CompleteMultipartUpload are authorized as
 * s3:PutObject and never carry the header (see README, "External S3"); such
 * objects still get the mode from the bucket's default encryption, and the
 * app's presigned URLs always sign it.
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
        // SSE-C sends no x-amz-server-side-encryption header, so the first
        // statement does not see it. BlockedEncryptionTypes (below) is AWS's
        // own switch; this statement holds on stores that ignore that switch.
        Sid: 'DenySseC',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { Null: { 's3:x-amz-server-side-encryption-customer-algorithm': 'false' } },
      },
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

// S3-compatible stores lack some calls; those are reported, not fatal.
// MinIO answers PutBucketCors with NotImplemented, and rejects a lifecycle
// rule made only of AbortIncompleteMultipartUpload, and a public access
// block, as malformed.
const NOT_IMPLEMENTED = ['NotImplemented', 'XNotImplemented'];
const REJECTED_AS_UNKNOWN = [...NOT_IMPLEMENTED, 'MalformedXML', 'InvalidArgument', 'InvalidRequest'];

class Unsupported extends Error {}

async function call(fn: () => Promise<unknown>, unsupported: string[]): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof S3ServiceException && unsupported.includes(error.name)) throw new Unsupported(`${error.name}: ${error.message}`);
    throw error;
  }
}

/** Runs one setting: write it, then read it back and judge what the store kept. */
async function attempt(
  step: string,
  write: () => Promise<unknown>,
  readBack: () => Promise<string | undefined>,
  unsupported = NOT_IMPLEMENTED,
): Promise<ProvisionStep> {
  try {
    await call(write, unsupported);
    // A store that takes the write but cannot read the setting back has not shown that it kept it.
    const mismatch = await readBack().catch((error: unknown) => {
      if (error instanceof S3ServiceException) return `accepted, but reading it back answered ${error.name}: ${error.message}`;
      throw error;
    });
    return mismatch ? { step, status: 'ignored', detail: mismatch } : { step, status: 'applied' };
  } catch (error) {
    if (error instanceof Unsupported) return { step, status: 'unsupported', detail: error.message };
    throw new Error(`provisioning failed at "${step}"`, { cause: error });
  }
}

function encryptionRule(sseMode: SseMode, kmsKeyId: string | undefined, blockSseC: boolean): ServerSideEncryptionRule {
  return {
    // Bucket keys reduce KMS calls; SSE-S3 makes none, so it has no bucket key.
    ...(sseMode === 'aws:kms'
      ? { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: kmsKeyId }, BucketKeyEnabled: true }
      : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }),
    // AWS blocks SSE-C on new buckets by default from April 2026; saying so
    // explicitly keeps older buckets and other stores in line.
    ...(blockSseC ? { BlockedEncryptionTypes: { EncryptionType: ['SSE-C'] } } : {}),
  };
}

async function readEncryptionRule(s3: S3Client, bucket: string): Promise<ServerSideEncryptionRule | undefined> {
  const out = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
  return out.ServerSideEncryptionConfiguration?.Rules?.[0];
}

/** Default encryption is one call carrying three settings; each is judged on its own. */
async function provisionEncryption(s3: S3Client, bucket: string, sseMode: SseMode, kmsKeyId: string | undefined): Promise<ProvisionStep[]> {
  const put = (blockSseC: boolean) =>
    s3.send(new PutBucketEncryptionCommand({ Bucket: bucket, ServerSideEncryptionConfiguration: { Rules: [encryptionRule(sseMode, kmsKeyId, blockSseC)] } }));
  const sseCStep = 'SSE-C blocked (BlockedEncryptionTypes)';
  let sseC: ProvisionStep;
  try {
    await call(() => put(true), REJECTED_AS_UNKNOWN);
    sseC = { step: sseCStep, status: 'applied' };
  } catch (error) {
    if (!(error instanceof Unsupported)) throw new Error('provisioning failed at "default encryption"', { cause: error });
    // A store that rejects the element still gets the rest of the rule.
    sseC = { step: sseCStep, status: 'unsupported', detail: error.message };
    await put(false).catch((cause: unknown) => {
      throw new Error('provisioning failed at "default encryption"', { cause });
    });
  }
  const rule = await readEncryptionRule(s3, bucket);
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  const defaultStep = `default encryption ${SSE_MODE_LABEL[sseMode]}`;
  const kept = byDefault?.SSEAlgorithm === sseMode && (sseMode !== 'aws:kms' || byDefault.KMSMasterKeyID === kmsKeyId);
  const encryption: ProvisionStep = kept
    ? { step: defaultStep, status: 'applied' }
    : { step: defaultStep, status: 'ignored', detail: `read back ${byDefault?.SSEAlgorithm ?? 'none'} / ${byDefault?.KMSMasterKeyID ?? 'no key'}` };
  const bucketKey: ProvisionStep =
    rule?.BucketKeyEnabled === true
      ? { step: 'bucket key (BucketKeyEnabled)', status: 'applied' }
      : { step: 'bucket key (BucketKeyEnabled)', status: 'ignored', detail: `read back ${String(rule?.BucketKeyEnabled ?? 'absent')}` };
  if (sseC.status === 'applied' && !rule?.BlockedEncryptionTypes?.EncryptionType?.includes('SSE-C')) {
    sseC = { step: sseCStep, status: 'ignored', detail: 'accepted, but not in the configuration read back' };
  }
  return sseMode === 'aws:kms' ? [encryption, bucketKey, sseC] : [encryption, sseC];
}

/** Idempotent: every call replaces the whole configuration it sets. */
export async function provisionExternal(input: ExternalProvisionInput): Promise<ProvisionStep[]> {
  const { s3, bucket, kmsKeyId, appOrigin } = input;
  const sseMode = input.sseMode ?? DEFAULT_SSE_MODE;
  const policy = externalBucketPolicy(bucket, kmsKeyId, sseMode) as { Statement: Array<{ Sid: string }> };
  const publicAccessBlock = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
  return [
    ...(await provisionEncryption(s3, bucket, sseMode, kmsKeyId)),
    await attempt(
      `bucket policy (deny other SSE, ${sseMode === 'aws:kms' ? 'other KMS key' : 'any KMS key'}, SSE-C, non-TLS)`,
      () => s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify(policy) })),
      async () => {
        const stored = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as { Statement?: Array<{ Sid?: string }> };
        const sids = (stored.Statement ?? []).map((s) => s.Sid).join(',');
        return sids === policy.Statement.map((s) => s.Sid).join(',') ? undefined : `read back statements ${sids || 'none'}`;
      },
    ),
    await attempt(
      'public access block (all four settings)',
      () => s3.send(new PutPublicAccessBlockCommand({ Bucket: bucket, PublicAccessBlockConfiguration: publicAccessBlock })),
      async () => {
        const stored = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration ?? {};
        const off = Object.keys(publicAccessBlock).filter((k) => stored[k as keyof typeof stored] !== true);
        return off.length ? `read back without ${off.join(', ')}` : undefined;
      },
      // MinIO answers MalformedXML: it has no such configuration.
      REJECTED_AS_UNKNOWN,
    ),
    await attempt(
      `CORS for ${appOrigin}`,
      () =>
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
      async () => {
        const rules = (await s3.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules ?? [];
        const origins = rules.flatMap((r) => r.AllowedOrigins ?? []);
        return origins.join(',') === appOrigin ? undefined : `read back origins ${origins.join(',') || 'none'}`;
      },
    ),
    await attempt(
      'lifecycle: abort incomplete multipart uploads after 1 day',
      () =>
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
      async () => {
        const rules = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
        const rule = rules.find((r) => r.ID === 'twofold-abort-incomplete-multipart');
        return rule?.AbortIncompleteMultipartUpload?.DaysAfterInitiation === 1 && rule.Status === 'Enabled'
          ? undefined
          : `read back ${rule ? JSON.stringify(rule) : 'no such rule'}`;
      },
      REJECTED_AS_UNKNOWN,
    ),
  ];
}
