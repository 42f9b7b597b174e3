// KMS key provisioning against a real local-kms started here: every call
// local-kms implements is exercised and read back, provisioning is run
// twice, and the policy semantics that local-kms stores but does not enforce
// are pinned with its actual answers. [Note: local-kms has no IAM] It has no
// principals at all: it checks no signature and evaluates no key policy, so
// "who may do what" is shown by the unit test of the policy builder, never
// here (tests/unit/scripts/kms-key-policy.test.ts, docs/operations.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  DisableKeyRotationCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  InvalidCiphertextException,
  KMSClient,
  paginateListAliases,
  paginateListKeys,
  PutKeyPolicyCommand,
  ScheduleKeyDeletionCommand,
} from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyPolicy } from '../../scripts/lib/kms-key-policy';
import { startLocalKms, type RunningLocalKms } from '../../scripts/lib/local-kms-process';
import { provisionKms, type KmsProvisionInput } from '../../scripts/lib/provision-kms';

const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';
const BUCKET = 'twofold-kms-test';
const ADMINS = [`arn:aws:iam::${ACCOUNT}:role/KeyAdmin`];
const APP = `arn:aws:iam::${ACCOUNT}:role/TwofoldApp`;
const BUCKET_CONTEXT = { 'aws:s3:arn': `arn:aws:s3:::${BUCKET}` };

let localKms: RunningLocalKms;
let kms: KMSClient;
const input = (alias: string, overrides: Partial<KmsProvisionInput> = {}): KmsProvisionInput => ({
  kms, alias, rotationDays: 180, region: REGION, bucket: BUCKET, adminPrincipals: ADMINS, appPrincipal: APP, ...overrides,
});
const expectedPolicy = () => keyPolicy({ partition: 'aws', accountId: ACCOUNT, region: REGION, bucket: BUCKET, adminPrincipals: ADMINS, appPrincipal: APP });
const storedPolicy = async (keyId: string) => JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy!) as unknown;
async function aliasesNamed(alias: string) {
  const found = [];
  for await (const page of paginateListAliases({ client: kms }, {})) found.push(...(page.Aliases ?? []).filter((a) => a.AliasName === alias));
  return found;
}
async function keyCount() {
  let n = 0;
  for await (const page of paginateListKeys({ client: kms }, {})) n += page.Keys?.length ?? 0;
  return n;
}

beforeAll(async () => {
  const started = performance.now();
  localKms = await startLocalKms({ dataDir: mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'local-kms-')), region: REGION, accountId: ACCOUNT });
  console.log(`local-kms answered ListKeys after ${((performance.now() - started) / 1000).toFixed(2)} s`);
  kms = localKms.client();
});
afterAll(async () => {
  kms?.destroy();
  await localKms?.stop();
});

describe('KMS provisioning (local-kms)', () => {
  it('creates the key with its alias, turns rotation on and applies the policy, all read back', async () => {
    const result = await provisionKms(input('alias/twofold'));
    expect(result.steps.map((s) => s.status)).toEqual(['created', 'applied', 'applied']);
    expect(result.keyArn).toBe(`arn:aws:kms:${REGION}:${ACCOUNT}:key/${result.keyId}`);

    const meta = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/twofold' }))).KeyMetadata!;
    expect(meta).toMatchObject({ KeyId: result.keyId, KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled', KeyManager: 'CUSTOMER' });
    expect((await aliasesNamed('alias/twofold')).map((a) => a.TargetKeyId)).toEqual([result.keyId]);
    expect(await storedPolicy(result.keyId)).toEqual(expectedPolicy());

    const rotation = await kms.send(new GetKeyRotationStatusCommand({ KeyId: result.keyId }));
    expect(rotation.KeyRotationEnabled).toBe(true);
    // local-kms's answer: it accepted RotationPeriodInDays=180 but neither
    // stores nor reports it (AWS answers 180); its rotation is always yearly.
    expect(rotation.RotationPeriodInDays).toBeUndefined();

    // The key works the way S3 uses it with bucket keys: a data key bound to the bucket's ARN.
    const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: 'alias/twofold', KeySpec: 'AES_256', EncryptionContext: BUCKET_CONTEXT }));
    expect(dataKey.Plaintext).toHaveLength(32);
    expect(dataKey.KeyId).toBe(result.keyArn);
    const decrypted = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: BUCKET_CONTEXT }));
    expect(Buffer.from(decrypted.Plaintext!)).toEqual(Buffer.from(dataKey.Plaintext!));
    // The encryption context is enforced, because it is cryptographic (authenticated data), not policy.
    await expect(
      kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::another-bucket' } })),
    ).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('a second run adopts the same key, leaves one alias and changes nothing it can verify', async () => {
    const first = await provisionKms(input('alias/twofold-twice'));
    const keysAfterFirst = await keyCount();
    const second = await provisionKms(input('alias/twofold-twice'));
    expect(second.keyId).toBe(first.keyId);
    expect(second.steps).toEqual([
      { step: 'key alias/twofold-twice', status: 'adopted', detail: first.keyArn },
      // Re-sent only because local-kms cannot report the period (see above); on AWS this is "unchanged".
      { step: 'automatic rotation every 180 days', status: 'applied', detail: 'the store does not report a rotation period' },
      { step: 'key policy (administrators, app through S3 only, account root)', status: 'unchanged' },
    ]);
    expect(await keyCount()).toBe(keysAfterFirst);
    expect(await aliasesNamed('alias/twofold-twice')).toHaveLength(1);
  });

  it('repairs drift: a replaced policy and disabled rotation are put back', async () => {
    const { keyId } = await provisionKms(input('alias/twofold-drift'));
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) }));
    await kms.send(new DisableKeyRotationCommand({ KeyId: keyId }));
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(false);

    const again = await provisionKms(input('alias/twofold-drift'));
    expect(again.steps.map((s) => s.status)).toEqual(['adopted', 'applied', 'applied']);
    expect(again.steps[1]!.detail).toBeUndefined();
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: keyId }))).KeyRotationEnabled).toBe(true);
    expect(await storedPolicy(keyId)).toEqual(expectedPolicy());
  });

  it('refuses to adopt a disabled key, and a bad principal creates no key', async () => {
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
    await kms.send(new CreateAliasCommand({ AliasName: 'alias/twofold-disabled', TargetKeyId: KeyMetadata!.KeyId }));
    await kms.send(new DisableKeyCommand({ KeyId: KeyMetadata!.KeyId }));
    await expect(provisionKms(input('alias/twofold-disabled'))).rejects.toThrow(/KMS provisioning failed at "adopt or create alias\/twofold-disabled"/);
    await expect(provisionKms(input('alias/twofold-disabled'))).rejects.toHaveProperty('cause.message', expect.stringMatching(/is Disabled/));

    const before = await keyCount();
    await expect(provisionKms(input('alias/twofold-typo', { appPrincipal: 'TwofoldApp' }))).rejects.toThrow(/not an IAM role or user ARN/);
    await expect(provisionKms(input('alias/twofold-typo', { rotationDays: 30 }))).rejects.toThrow(/90–2560 days/);
    expect(await keyCount()).toBe(before);
    expect(await aliasesNamed('alias/twofold-typo')).toHaveLength(0);
  });

  describe('what local-kms stores but does not enforce (each of these AWS would refuse under the provisioned policy)', () => {
    // A client with other credentials, as the app would have: local-kms checks no signature, so any will do.
    const asApp = () => new KMSClient({ endpoint: localKms.endpoint, region: REGION, credentials: { accessKeyId: 'TWOFOLDAPP', secretAccessKey: 'not-checked' }, maxAttempts: 1 });

    it('GenerateDataKey succeeds directly, without kms:ViaService and without the bucket context', async () => {
      await provisionKms(input('alias/twofold-unenforced'));
      const app = asApp();
      try {
        // AWS: AccessDeniedException (AppCannotUseTheKeyOutsideS3, AppCannotUseTheKeyForAnotherBucket).
        const direct = await app.send(new GenerateDataKeyCommand({ KeyId: 'alias/twofold-unenforced', KeySpec: 'AES_256' }));
        expect(direct.Plaintext).toHaveLength(32);
        const otherBucket = await app.send(new GenerateDataKeyCommand({ KeyId: 'alias/twofold-unenforced', KeySpec: 'AES_256', EncryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::another-bucket' } }));
        expect(otherBucket.Plaintext).toHaveLength(32);
      } finally {
        app.destroy();
      }
    });

    it('"the app" can replace the key policy, even with one that is not JSON, and schedule the key for deletion', async () => {
      const { keyId } = await provisionKms(input('alias/twofold-scratch'));
      const app = asApp();
      try {
        // AWS: AccessDeniedException (AppCannotManageTheKey); and MalformedPolicyDocumentException for the text.
        await app.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: 'not a policy' }));
        expect((await kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' }))).Policy).toBe('not a policy');
        // AWS: AccessDeniedException (AppCannotManageTheKey).
        const deletion = await app.send(new ScheduleKeyDeletionCommand({ KeyId: keyId, PendingWindowInDays: 7 }));
        expect(deletion.KeyState ?? (await kms.send(new DescribeKeyCommand({ KeyId: keyId }))).KeyMetadata!.KeyState).toBe('PendingDeletion');
      } finally {
        app.destroy();
      }
    });
  });

  it('`npm run provision -- --kms-only` provisions the key from the environment, twice, without printing secrets', () => {
    const env = {
      ...process.env,
      S3_BUCKET: BUCKET,
      S3_REGION: REGION,
      S3_ACCESS_KEY_ID: 'PROVISIONER',
      S3_SECRET_ACCESS_KEY: 'provisioner-secret-never-printed',
      KMS_KEY_ID: 'alias/twofold-command',
      KMS_PROVISION: 'true',
      KMS_ENDPOINT: localKms.endpoint,
      KMS_ROTATION_DAYS: '180',
      KMS_ADMIN_PRINCIPALS: ADMINS.join(','),
      KMS_APP_PRINCIPAL: APP,
    };
    const runIt = () => spawnSync('npm', ['run', '--silent', 'provision', '--', '--kms-only'], { encoding: 'utf8', timeout: 60_000, env });
    const first = runIt();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/KMS created: key alias\/twofold-command \(arn:aws:kms:eu-central-1:123456789012:key\/[0-9a-f-]{36}\)/);
    expect(first.stdout).toMatch(/KMS applied: key policy/);
    // The app is told the ARN, which is what S3 reports ([Note: app key id] in scripts/provision.ts).
    const arn = /KMS created: key alias\/twofold-command \((\S+)\)/.exec(first.stdout)![1];
    expect(first.stdout).toContain(`KMS key for the app: KMS_KEY_ID=${arn}`);
    const second = runIt();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/KMS adopted: key alias\/twofold-command/);
    expect(second.stdout).toMatch(/KMS unchanged: key policy/);
    expect(first.stdout + first.stderr + second.stdout + second.stderr).not.toContain('provisioner-secret-never-printed');

    const bad = spawnSync('npm', ['run', '--silent', 'provision', '--', '--kms-only'], { encoding: 'utf8', timeout: 60_000, env: { ...env, KMS_KEY_ID: 'key-id-not-alias', KMS_ROTATION_DAYS: '30' } });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/KMS_ROTATION_DAYS .*KMS_KEY_ID must be an alias|KMS_KEY_ID must be an alias.*KMS_ROTATION_DAYS/);
  });
});
