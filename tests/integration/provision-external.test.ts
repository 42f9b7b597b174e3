// External-S3 provisioning, run for real against MinIO acting as the
// external store: what MinIO supports is applied, what it lacks or drops is
// reported, and running it twice changes nothing.
import { spawnSync } from 'node:child_process';
import { CreateBucketCommand, GetBucketEncryptionCommand, GetBucketPolicyCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { provisionExternal } from '../../scripts/lib/provision-external';
import { rootS3, testContext } from '../helpers/context';

const ctx = testContext();
const s3 = rootS3(ctx);
afterAll(() => s3.destroy());

describe('npm run provision (external mode)', () => {
  it('applies SSE-KMS default encryption and the bucket policy, reports what MinIO drops or refuses, idempotently', async () => {
    const bucket = `ext-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const input = { s3, bucket, kmsKeyId: ctx.minio.kmsKeyName, appOrigin: 'http://localhost:3000' };
    const first = await provisionExternal(input);
    const second = await provisionExternal(input);
    expect(second).toEqual(first);
    // Each setting is read back: what MinIO takes without keeping is 'ignored'.
    expect(Object.fromEntries(first.map((s) => [s.step, s.status]))).toEqual({
      'default encryption SSE-KMS': 'applied',
      'bucket key (BucketKeyEnabled)': 'ignored',
      'SSE-C blocked (BlockedEncryptionTypes)': 'ignored',
      'bucket policy (deny other SSE, other KMS key, SSE-C, non-TLS)': 'applied',
      'public access block (all four settings)': 'unsupported',
      'CORS for http://localhost:3000': 'unsupported',
      'lifecycle: abort incomplete multipart uploads after 1 day': 'unsupported',
    });

    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
    expect(rule).toMatchObject({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ctx.minio.kmsKeyName });
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as {
      Statement: Array<{ Sid: string }>;
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['DenyNonKmsEncryption', 'DenyOtherKmsKey', 'DenySseC', 'DenyInsecureTransport']);
  });

  it('with SSE_MODE=AES256 applies SSE-S3 default encryption (no KMS key, no bucket key) and a policy denying any KMS key and SSE-C, idempotently', async () => {
    const bucket = `ext-aes-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const input = { s3, bucket, sseMode: 'AES256' as const, appOrigin: 'http://localhost:3000' };
    const first = await provisionExternal(input);
    expect(await provisionExternal(input)).toEqual(first);
    expect(first[0]).toEqual({ step: 'default encryption SSE-S3', status: 'applied' });

    const enc = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    const rule = enc.ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(rule?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm).toBe('AES256');
    expect(rule?.ApplyServerSideEncryptionByDefault?.KMSMasterKeyID).toBeUndefined();
    expect(rule?.BucketKeyEnabled ?? false).toBe(false);
    const policy = JSON.parse((await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as {
      Statement: Array<{ Sid: string; Condition?: Record<string, Record<string, unknown>> }>;
    };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['DenyNonSseS3Encryption', 'DenyAnyKmsKey', 'DenySseC', 'DenyInsecureTransport']);
    // MinIO hands condition values back as arrays; AWS keeps a lone string.
    expect([policy.Statement[0]?.Condition?.StringNotEquals?.['s3:x-amz-server-side-encryption']].flat()).toEqual(['AES256']);
  });

  it('the command itself reports what the store lacks and exits 0', () => {
    const out = spawnSync('npm', ['run', '--silent', 'provision'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        S3_ENDPOINT: ctx.minio.endpoint,
        S3_REGION: 'us-east-1',
        S3_BUCKET: 'twofold',
        S3_ACCESS_KEY_ID: ctx.minio.rootUser,
        S3_SECRET_ACCESS_KEY: ctx.minio.rootPassword,
        KMS_KEY_ID: ctx.minio.kmsKeyName,
      },
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/applied: default encryption SSE-KMS/);
    expect(out.stdout).toMatch(/not supported by this store, skipped: CORS/);
    expect(out.stdout).toMatch(/not supported by this store, skipped: lifecycle/);
    expect(out.stdout).toMatch(/accepted but not kept by this store: bucket key/);
    // Secrets given to the command never appear in its output.
    expect(out.stdout + out.stderr).not.toContain(ctx.minio.rootPassword);
  });
});
