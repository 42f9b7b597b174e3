// `npm run provision`: apply the bucket settings Twofold relies on.
// External mode (S3_BUCKET set): encryption, policy, CORS, lifecycle on that
// bucket, reporting what the store does not support. Embedded mode: start
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
    const steps = await provisionExternal({ s3, bucket: config.S3_BUCKET!, kmsKeyId: config.KMS_KEY_ID, sseMode: config.SSE_MODE, appOrigin: config.appOrigin });
    for (const s of steps) {
      step(s.status === 'applied' ? `applied: ${s.step}` : `not supported by this store, skipped: ${s.step} (${s.detail})`);
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
