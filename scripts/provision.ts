// `npm run provision`: apply the bucket settings Twofold relies on.
// External mode (S3_BUCKET set): encryption, policy, public access block,
// CORS, lifecycle on that bucket, each read back, reporting what the store
// refused or did not keep. Embedded mode: start
// MinIO, provision it, stop it.
import { ConfigError } from '../lib/server/env-schema';
import { readLaunchConfig } from './lib/launch-config';
import { fail, step } from './lib/log';
import { homePaths } from './lib/paths';
import { externalClient, provisionExternal, startBackend } from './lib/services';

try {
  const config = readLaunchConfig();
  if (config.mode === 'external') {
    const s3 = externalClient(config);
    const steps = await provisionExternal({ s3, bucket: config.S3_BUCKET!, kmsKeyId: config.KMS_KEY_ID!, appOrigin: config.appOrigin });
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
