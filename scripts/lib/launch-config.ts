import { z } from 'zod';
import { parseEnv } from '../../lib/server/env-schema';
import { sseModeEnv } from '../../lib/server/storage/sse-mode-env';

// What `npm start` / `npm run provision` accept from the operator. External
// mode is chosen by setting S3_BUCKET; otherwise the embedded MinIO runs.
const launchSchema = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    APP_ORIGIN: z.url().optional(),
    MINIO_PORT: z.coerce.number().int().min(1).max(65535).default(9000),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(3).optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    KMS_KEY_ID: z.string().optional(),
    // Refused here already, so SSE-C never reaches a store (see [Note: no SSE-C]).
    SSE_MODE: sseModeEnv,
    DATABASE_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    OPAQUE_SERVER_SETUP: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.S3_BUCKET && env.SSE_MODE === 'aws:kms' && !env.KMS_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['KMS_KEY_ID'], message: 'is required when S3_BUCKET selects an external store with SSE_MODE=aws:kms (the default)' });
    }
    if (!env.S3_BUCKET && (env.S3_ENDPOINT || env.KMS_KEY_ID)) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required when S3_ENDPOINT or KMS_KEY_ID is set' });
    }
  });

export type LaunchConfig = z.infer<typeof launchSchema> & { mode: 'minio' | 'external'; appOrigin: string };

export function readLaunchConfig(source: Record<string, string | undefined> = process.env): LaunchConfig {
  const env = parseEnv(launchSchema, source);
  return {
    ...env,
    mode: env.S3_BUCKET ? 'external' : 'minio',
    appOrigin: env.APP_ORIGIN ?? `http://localhost:${env.PORT}`,
  };
}

export const EMBEDDED_BUCKET = 'twofold';
