import { S3Client } from '@aws-sdk/client-s3';
import { serverEnvSchema, parseEnv } from '../../lib/server/env-schema';
import { openDatabase } from '../../lib/server/db/connect';
import { migrateDatabase } from '../../lib/server/db/migrate';
import { EMBEDDED_BUCKET, type LaunchConfig } from './launch-config';
import { step, timed } from './log';
import { ensureAdminBinary, ensureMinioBinary } from './minio-binary';
import { startMinio, type RunningMinio } from './minio-process';
import type { HomePaths } from './paths';
import { provisionExternal } from './provision-external';
import { provisionMinio } from './provision-minio';
import { ensureLocalSecrets, ensureOpaqueServerSetup, ensureSecret } from './secrets';
import { randomBytes } from 'node:crypto';
import { SSE_MODE_LABEL } from '../../lib/shared/sse-mode';

export interface Backend {
  /** The environment the Next.js server runs with. */
  appEnv: NodeJS.ProcessEnv;
  minio?: RunningMinio;
  stop(): Promise<void>;
}

/**
 * Brings up storage and database for the app: in embedded mode it builds,
 * starts and provisions MinIO; in external mode it only checks the config.
 * Then it migrates the database. The result is the app's environment.
 */
export async function startBackend(config: LaunchConfig, paths: HomePaths, options: { staleUploadsExpiry?: string } = {}): Promise<Backend> {
  let minio: RunningMinio | undefined;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(config.PORT),
    NEXTAUTH_URL: config.appOrigin,
    // Exactly the database the launch config names, whatever else the shell exported.
    DATABASE_URL: config.DATABASE_URL,
    PGLITE_DIR: config.DATABASE_URL ? undefined : paths.pglite,
  };

  if (config.mode === 'minio') {
    await ensureMinioBinary();
    await ensureAdminBinary();
    const secrets = ensureLocalSecrets(paths);
    minio = await timed(`MinIO listening on 127.0.0.1:${config.MINIO_PORT}`, () =>
      startMinio({ paths, secrets, port: config.MINIO_PORT, corsOrigins: [config.appOrigin], staleUploadsExpiry: options.staleUploadsExpiry }),
    );
    await timed(`bucket, ${SSE_MODE_LABEL[config.SSE_MODE]} default encryption and application user provisioned`, () =>
      provisionMinio({ endpoint: minio!.endpoint, bucket: EMBEDDED_BUCKET, secrets, sseMode: config.SSE_MODE }),
    );
    Object.assign(env, {
      TWOFOLD_STORAGE_MODE: 'minio',
      S3_ENDPOINT: minio.endpoint,
      S3_REGION: 'us-east-1',
      S3_BUCKET: EMBEDDED_BUCKET,
      // The app signs with the application user, never with root.
      S3_ACCESS_KEY_ID: secrets.appUser,
      S3_SECRET_ACCESS_KEY: secrets.appPassword,
      SSE_MODE: config.SSE_MODE,
      // SSE-S3 uses no KMS key of ours (MinIO's builtin KMS still seals its own object keys).
      KMS_KEY_ID: config.SSE_MODE === 'aws:kms' ? secrets.kmsKeyName : undefined,
      NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? secrets.nextAuthSecret,
    });
  } else {
    Object.assign(env, {
      TWOFOLD_STORAGE_MODE: 'external',
      SSE_MODE: config.SSE_MODE,
      NEXTAUTH_SECRET: config.NEXTAUTH_SECRET ?? ensureSecret(paths, 'nextauth-secret', () => randomBytes(32).toString('base64url')),
    });
  }

  env.OPAQUE_SERVER_SETUP = config.OPAQUE_SERVER_SETUP ?? (await ensureOpaqueServerSetup(paths));

  // Validate exactly what the server will see before starting anything else.
  const serverEnv = parseEnv(serverEnvSchema, env);
  await timed(`database migrated (${serverEnv.DATABASE_URL ? 'postgres' : 'pglite'})`, async () => {
    const conn = await openDatabase({ databaseUrl: serverEnv.DATABASE_URL, pgliteDir: serverEnv.PGLITE_DIR });
    try {
      await migrateDatabase(conn);
    } finally {
      await conn.close();
    }
  });

  return {
    appEnv: env,
    minio,
    async stop() {
      if (minio) {
        step('stopping MinIO');
        await minio.stop();
      }
    },
  };
}

export function externalClient(config: LaunchConfig): S3Client {
  return new S3Client({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION ?? 'us-east-1',
    forcePathStyle: Boolean(config.S3_ENDPOINT),
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
  });
}

export { provisionExternal };
