// Twofold's external-S3 provisioning against SeaweedFS's S3 gateway: what
// it applies, refuses or silently drops is asserted from the store's own
// answers (each setting read back), and the settings that it does keep are
// shown to be enforced.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProvisionStep } from '../../scripts/lib/provision-external';
import { provisionExternal } from '../../scripts/lib/provision-external';
import { provisionedBucket, s3Answer, s3As, storesContext } from '../helpers/stores';

const ctx = storesContext();
const admin = s3As(ctx, 'admin');
let bucket: string;
let steps: ProvisionStep[];

beforeAll(async () => {
  ({ bucket, steps } = await provisionedBucket(ctx, admin));
});
afterAll(() => admin.destroy());

const statusOf = (list: ProvisionStep[]) => Object.fromEntries(list.map((s) => [s.step, s.status]));

describe('npm run provision (external mode) against SeaweedFS', () => {
  it('reports each setting as SeaweedFS answered it, and a second run changes nothing', async () => {
    expect(statusOf(steps)).toEqual({
      'default encryption SSE-KMS': 'applied',
      'bucket key (BucketKeyEnabled)': 'applied',
      'SSE-C blocked (BlockedEncryptionTypes)': 'ignored',
      'bucket policy (deny other SSE, other KMS key, SSE-C, non-TLS)': 'applied',
      'public access block (all four settings)': 'applied',
      [`CORS for ${ctx.appOrigin}`]: 'applied',
      'lifecycle: abort incomplete multipart uploads after 1 day': 'applied',
    });
    const again = await provisionExternal({ s3: admin, bucket, kmsKeyId: ctx.kms.keyArn, appOrigin: ctx.appOrigin });
    expect(again).toEqual(steps);
  });

  it('default encryption reads back as SSE-KMS under the key with BucketKeyEnabled, but without BlockedEncryptionTypes', async () => {
    const rule = (await admin.send(new GetBucketEncryptionCommand({ Bucket: bucket }))).ServerSideEncryptionConfiguration?.Rules?.[0];
    expect(rule?.ApplyServerSideEncryptionByDefault).toEqual({ SSEAlgorithm: 'aws:kms', KMSMasterKeyID: ctx.kms.keyArn });
    expect(rule?.BucketKeyEnabled).toBe(true);
    // SeaweedFS takes the element without an error and drops it.
    expect(rule?.BlockedEncryptionTypes).toBeUndefined();
  });

  it('policy, public access block, CORS and lifecycle read back as written', async () => {
    const policy = JSON.parse((await admin.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}') as { Statement: Array<{ Sid: string }> };
    expect(policy.Statement.map((s) => s.Sid)).toEqual(['DenyNonKmsEncryption', 'DenyOtherKmsKey', 'DenySseC', 'DenyInsecureTransport']);
    expect((await admin.send(new GetPublicAccessBlockCommand({ Bucket: bucket }))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const cors = (await admin.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules ?? [];
    expect(cors.flatMap((r) => r.AllowedOrigins)).toEqual([ctx.appOrigin]);
    const lifecycle = (await admin.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    expect(lifecycle.map((r) => [r.ID, r.Status, r.AbortIncompleteMultipartUpload?.DaysAfterInitiation])).toEqual([
      ['twofold-abort-incomplete-multipart', 'Enabled', 1],
    ]);
  });

  it('the command itself prints what the store kept, dropped or refused, and exits 0', () => {
    const out = spawnSync('npm', ['run', '--silent', 'provision'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        S3_ENDPOINT: ctx.seaweed.endpoint,
        S3_REGION: 'us-east-1',
        S3_BUCKET: bucket,
        S3_ACCESS_KEY_ID: ctx.seaweed.admin.accessKey,
        S3_SECRET_ACCESS_KEY: ctx.seaweed.admin.secretKey,
        KMS_KEY_ID: ctx.kms.keyArn,
      },
    });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toMatch(/applied: default encryption SSE-KMS/);
    expect(out.stdout).toMatch(/accepted but not kept by this store: SSE-C blocked \(BlockedEncryptionTypes\)/);
    expect(out.stdout).toMatch(/applied: CORS for/);
    expect(out.stdout).toMatch(/applied: lifecycle/);
    expect(out.stdout + out.stderr).not.toContain(ctx.seaweed.admin.secretKey);
  });
});

describe('the bucket policy is enforced by SeaweedFS, for every principal', () => {
  // The admin identity may do anything by its own grant, so whatever it is
  // refused here is refused by the bucket policy alone.
  const put = (extra: Partial<ConstructorParameters<typeof PutObjectCommand>[0]>, client = admin) =>
    s3Answer(client.send(new PutObjectCommand({ Bucket: bucket, Key: `policy/${randomBytes(8).toString('hex')}`, Body: 'x', ...extra })));

  it('refuses SSE-S3, another KMS key and SSE-C; allows SSE-KMS under the key and no header (default encryption)', async () => {
    const answers = {
      aes256: await put({ ServerSideEncryption: 'AES256' }),
      otherKey: await put({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'someone-elses-key' }),
      sseC: await put({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') }),
      ourKey: await put({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.kms.keyArn }),
      noHeader: await put({}),
    };
    expect(answers).toEqual({ aes256: 'AccessDenied', otherKey: 'AccessDenied', sseC: 'AccessDenied', ourKey: 'allowed', noHeader: 'allowed' });
  });

  it('an object put without an SSE header gets SSE-KMS under the key from the default encryption', async () => {
    const key = `policy/default-${randomBytes(8).toString('hex')}`;
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    const got = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect([got.ServerSideEncryption, got.SSEKMSKeyId]).toEqual(['aws:kms', ctx.kms.keyArn]);
  });

  it('refuses plain HTTP (aws:SecureTransport false), even for a correctly encrypted PUT', async () => {
    const plain = s3As(ctx, 'admin', ctx.seaweed.plainEndpoint);
    try {
      expect(await put({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.kms.keyArn }, plain)).toBe('AccessDenied');
      expect(await s3Answer(plain.send(new GetBucketEncryptionCommand({ Bucket: bucket })))).toBe('AccessDenied');
    } finally {
      plain.destroy();
    }
  });

  it('refuses anonymous reads', async () => {
    const key = `policy/anon-${randomBytes(8).toString('hex')}`;
    await admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    const res = await fetch(`${ctx.seaweed.endpoint}/${bucket}/${key}`);
    expect(res.status).toBe(403);
  });
});

describe("SeaweedFS's SSE-KMS provider is local-kms", () => {
  it('resolves a key id or alias to the key ARN, and fails a key local-kms does not have', async () => {
    // A bucket without Twofold's policy, so that only the KMS answers.
    const bare = `kms-${Date.now()}`;
    await admin.send(new CreateBucketCommand({ Bucket: bare }));
    const putHead = async (keyId: string) => {
      const answer = await s3Answer(admin.send(new PutObjectCommand({ Bucket: bare, Key: 'k', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: keyId })));
      return answer === 'allowed' ? (await admin.send(new HeadObjectCommand({ Bucket: bare, Key: 'k' }))).SSEKMSKeyId : answer;
    };
    expect(await putHead(ctx.kms.keyId)).toBe(ctx.kms.keyArn);
    expect(await putHead(ctx.kms.alias)).toBe(ctx.kms.keyArn);
    // AWS answers 400 KMS.NotFoundException; SeaweedFS turns local-kms's NotFoundException into a 500.
    expect(await putHead(ctx.kms.keyArn.replace(ctx.kms.keyId, '00000000-0000-0000-0000-000000000000'))).toBe('InternalError');
  });
});

describe('what SeaweedFS does on a bucket without Twofold\'s settings', () => {
  it('takes SSE-KMS and even SSE-C over plain HTTP (AWS refuses both), so the policy\'s non-TLS deny matters', async () => {
    const bare = `plain-${Date.now()}`;
    await admin.send(new CreateBucketCommand({ Bucket: bare }));
    const plain = s3As(ctx, 'admin', ctx.seaweed.plainEndpoint);
    try {
      const answers = {
        kms: await s3Answer(plain.send(new PutObjectCommand({ Bucket: bare, Key: 'a', Body: 'x', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: ctx.kms.keyArn }))),
        sseC: await s3Answer(
          plain.send(new PutObjectCommand({ Bucket: bare, Key: 'b', Body: 'x', SSECustomerAlgorithm: 'AES256', SSECustomerKey: randomBytes(32).toString('base64') })),
        ),
      };
      expect(answers).toEqual({ kms: 'allowed', sseC: 'allowed' });
    } finally {
      plain.destroy();
    }
  });

  it('stores an object put without an SSE header unencrypted (no default encryption of its own)', async () => {
    const bare = `nodefault-${Date.now()}`;
    await admin.send(new CreateBucketCommand({ Bucket: bare }));
    await admin.send(new PutObjectCommand({ Bucket: bare, Key: 'n', Body: 'x' }));
    expect((await admin.send(new HeadObjectCommand({ Bucket: bare, Key: 'n' }))).ServerSideEncryption).toBeUndefined();
  });
});

describe('CORS on SeaweedFS', () => {
  async function preflight(onBucket: string, origin: string) {
    const res = await fetch(`${ctx.seaweed.endpoint}/${onBucket}/objects/x`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'if-none-match,x-amz-server-side-encryption,x-amz-server-side-encryption-aws-kms-key-id',
      },
    });
    return res.headers.get('access-control-allow-origin');
  }

  it("the provisioned bucket allows the app's origin and no other, the gateway's fallback included", async () => {
    expect(await preflight(bucket, ctx.appOrigin)).toBe(ctx.appOrigin);
    expect(await preflight(bucket, 'https://evil.example')).toBeNull();
    expect(await preflight(bucket, ctx.fallbackCorsOrigin)).toBeNull();
  });

  it('a bucket without a CORS configuration gets the gateway-wide fallback (-s3.allowedOrigins), not nothing as on AWS', async () => {
    const bare = `cors-${Date.now()}`;
    await admin.send(new CreateBucketCommand({ Bucket: bare }));
    expect(await preflight(bare, ctx.fallbackCorsOrigin)).toBe(ctx.fallbackCorsOrigin);
    expect(await preflight(bare, ctx.appOrigin)).toBeNull();
  });
});
