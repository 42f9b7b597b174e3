// `npm run provision`: apply the bucket settings Twofold relies on.
// External mode (S3_BUCKET set): encryption, policy, public access block,
// CORS, lifecycle on that bucket, each read back, reporting what the store
// refused or did not keep. Embedded mode: start MinIO, provision it, stop it.
// With KMS_PROVISION=true (external mode) the SSE-KMS key is adopted or
// created first (scripts/lib/provision-kms.ts); `-- --kms-only` stops after the key.
import { KMSClient } from '@aws-sdk/client-kms';
import { ConfigError } from '../lib/server/env-schema';
import { readLaunchConfig, type LaunchConfig } from './lib/launch-config';
import { fail, step } from './lib/log';
import { readKmsProvisionConfig, type KmsProvisionConfig } from './lib/kms-config';
import { homePaths } from './lib/paths';
import { provisionKms } from './lib/provision-kms';
import { externalClient, provisionExternal, startBackend } from './lib/services';

const kmsOnly = process.argv.includes('--kms-only');

/** Adopts or creates the SSE-KMS key, with the same credentials the S3 steps use; returns its ARN. */
async function provisionKey(config: LaunchConfig, kmsConfig: KmsProvisionConfig): Promise<string> {
  const region = config.S3_REGION ?? 'us-east-1';
  const kms = new KMSClient({
    endpoint: kmsConfig.endpoint,
    region,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
  try {
    const result = await provisionKms({ kms, ...kmsConfig, region, bucket: config.S3_BUCKET! });
    for (const s of result.steps) step(`KMS ${s.status}: ${s.step}${s.detail ? ` (${s.detail})` : ''}`);
    // [Note: app key id] S3 reports an object's key as the key ARN, never an
    // alias, and the app compares that with its KMS_KEY_ID; so the app needs
    // the ARN, while provisioning finds the key by its alias.
    step(`KMS key for the app: KMS_KEY_ID=${result.keyArn}`);
    return result.keyArn;
  } finally {
    kms.destroy();
  }
}

try {
  const config = readLaunchConfig();
  const kmsConfig = readKmsProvisionConfig();
  if (kmsConfig && config.mode !== 'external') fail('KMS_PROVISION=true needs external mode (S3_BUCKET); the embedded MinIO has its own builtin key.');
  if (kmsOnly && !kmsConfig) fail('--kms-only needs KMS_PROVISION=true');
  // The key first: the bucket's default encryption names it.
  const keyArn = kmsConfig ? await provisionKey(config, kmsConfig) : undefined;
  if (kmsOnly) {
    // Only the key was asked for, e.g. before the bucket exists.
  } else if (config.mode === 'external') {
    const s3 = externalClient(config);
    // The bucket names the key by ARN, as S3 reports it ([Note: app key id]).
    const steps = await provisionExternal({ s3, bucket: config.S3_BUCKET!, kmsKeyId: keyArn ?? config.KMS_KEY_ID, sseMode: config.SSE_MODE, appOrigin: config.appOrigin });
    for (const s of steps) {
      const line = {
        applied: `applied: ${s.step}`,
        ignored: `accepted but not kept by this store: ${s.step} (${s.detail})`,
        unsupported: `not supported by this store, skipped: ${s.step} (${s.detail})`,
      }[s.status];
      step(line);
    }
  } else {
    const backend = await startBackend(config, homePaths());
    await backend.stop();
  }
  step('provisioning done');
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.name}: ${error.cause.message}` : '';
  fail(`${error instanceof Error ? error.message : String(error)}${cause}`);
}
