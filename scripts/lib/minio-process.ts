import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { minioBinary } from './minio-binary';
import type { HomePaths } from './paths';
import { waitFor } from './proc';
import type { LocalSecrets } from './secrets';

export interface MinioOptions {
  paths: HomePaths;
  secrets: LocalSecrets;
  port: number;
  /** Origins allowed by CORS: the app's, and nothing else. */
  corsOrigins: string[];
  /** How long an abandoned multipart upload lives before MinIO removes it. */
  staleUploadsExpiry?: string;
}

export interface RunningMinio {
  endpoint: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function minioEnv(options: MinioOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MINIO_ROOT_USER: options.secrets.rootUser,
    MINIO_ROOT_PASSWORD: options.secrets.rootPassword,
    // Builtin KMS: one static key, generated once and kept under .twofold/secrets (0600).
    MINIO_KMS_SECRET_KEY: options.secrets.kmsSecretKey,
    MINIO_API_STALE_UPLOADS_EXPIRY: options.staleUploadsExpiry ?? '24h',
    MINIO_API_STALE_UPLOADS_CLEANUP_INTERVAL: '1h',
    MINIO_API_CORS_ALLOW_ORIGIN: options.corsOrigins.join(','),
    MINIO_BROWSER: 'off',
    MINIO_UPDATE: 'off',
  };
}

/**
 * Starts MinIO on loopback only. Its output goes to a log file in the data
 * home rather than the terminal; MinIO does not log request query strings,
 * so presigned signatures do not end up there either.
 */
export async function startMinio(options: MinioOptions): Promise<RunningMinio> {
  mkdirSync(options.paths.minioData, { recursive: true });
  const log = openSync(join(options.paths.home, 'minio.log'), 'a');
  const child = spawn(
    minioBinary,
    ['server', options.paths.minioData, '--address', `127.0.0.1:${options.port}`, '--quiet'],
    { env: minioEnv(options), stdio: ['ignore', log, log] },
  );
  const endpoint = `http://127.0.0.1:${options.port}`;
  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.on('exit', () => ((exited = true), resolve())));

  await waitFor('MinIO', async () => (await fetch(`${endpoint}/minio/health/ready`)).ok, {
    gaveUp: () => (exited ? `MinIO exited during start-up; see ${join(options.paths.home, 'minio.log')}` : undefined),
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });

  return {
    endpoint,
    process: child,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(timer);
    },
  };
}
