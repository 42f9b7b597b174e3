// `npm start`: set up whatever is missing, then serve Twofold on APP_ORIGIN.
// Every step is idempotent, so a second start keeps all data of the first.
import { ConfigError } from '../lib/server/env-schema';
import { readLaunchConfig } from './lib/launch-config';
import { fail, step, timed } from './lib/log';
import { ensureNextBuild, startNext, type RunningApp } from './lib/next-app';
import { homePaths } from './lib/paths';
import { startBackend, type Backend } from './lib/services';

const started = performance.now();
// From `npm start` itself (scripts/run.mjs), so the dependency install counts too.
const launchStarted = Number(process.env.TWOFOLD_LAUNCH_STARTED);
const sinceLaunch = () => ((Number.isFinite(launchStarted) ? Date.now() - launchStarted : performance.now() - started) / 1000).toFixed(1);
let backend: Backend | undefined;
let app: RunningApp | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(code);
  stopping = true;
  step('stopping…');
  await app?.stop();
  await backend?.stop();
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  const config = readLaunchConfig();
  step(`storage mode: ${config.mode === 'minio' ? 'embedded MinIO with builtin KMS' : `external S3 bucket ${config.S3_BUCKET}`}`);
  // The app build and the storage/database set-up (on a first start, MinIO's
  // Go build) overlap: neither needs the other until the app starts.
  const [backendResult, built] = await Promise.allSettled([startBackend(config, homePaths()), ensureNextBuild()]);
  if (backendResult.status === 'fulfilled') backend = backendResult.value;
  for (const result of [backendResult, built]) if (result.status === 'rejected') throw result.reason;
  app = await timed('app started', () => startNext({ port: config.PORT, host: config.HOST, env: backend!.appEnv }));
  step(`ready in ${sinceLaunch()} s: ${config.appOrigin}  (Ctrl-C stops the app and MinIO)`);
  app.process.on('exit', (code) => {
    if (!stopping) {
      step(`the app exited (code ${code ?? 'signal'})`);
      void shutdown(code ?? 1);
    }
  });
} catch (error) {
  if (error instanceof ConfigError) {
    await backend?.stop();
    fail(error.message);
  }
  console.error(error);
  await shutdown(1);
}
