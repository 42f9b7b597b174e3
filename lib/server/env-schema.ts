import 'server-only';
import { z } from 'zod';
import { parseTrustedProxies } from './auth/ip-address';
import { sseModeEnv } from './storage/sse-mode-env';

// [Note: env validation] Every variable the server reads is declared here and
// validated once, at boot (instrumentation.ts) and by the launch scripts, so a
// misconfigured deployment fails with one readable line instead of a stack
// trace on the first request.

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const trustedProxies = z.string().transform((value, ctx) => {
  const parsed = parseTrustedProxies(value);
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'must be a hop count (e.g. 1) or comma-separated CIDRs (e.g. 10.0.0.0/8,::1/128)' });
  return parsed ?? { hops: 0 };
});

/** pino's levels; 'silent' keeps test runs quiet. */
export const logLevelSchema = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const positiveInt = (max: number) => z.coerce.number().int().positive().max(max);

export const serverEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
    PORT: positiveInt(65535).default(3000),
    NEXTAUTH_URL: z.url().optional(),
    NEXTAUTH_SECRET: z.string().min(32, 'must be at least 32 characters'),
    // The OPAQUE server's long-term key and OPRF seed (171 base64url chars from
    // opaque.server.createSetup()). Kept apart from the database on purpose: a
    // DB dump without it cannot be used to test passwords offline.
    OPAQUE_SERVER_SETUP: z.string().regex(/^[A-Za-z0-9_-]{160,400}$/, 'must be an OPAQUE server setup (npx @serenity-kit/opaque create-server-setup)'),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a valid S3 bucket name'),
    S3_ACCESS_KEY_ID: z.string().min(3).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(8).optional(),
    S3_FORCE_PATH_STYLE: bool.optional(),
    // The bucket's server-side encryption: aws:kms (SSE-KMS) or AES256 (SSE-S3). See [Note: no SSE-C].
    SSE_MODE: sseModeEnv,
    // Required with SSE_MODE=aws:kms (checked below), unused with AES256.
    KMS_KEY_ID: z.string().min(1).optional(),
    DATABASE_URL: z
      .url()
      .refine((u) => /^postgres(ql)?:\/\//.test(u), 'must be a postgres:// URL')
      .optional(),
    PGLITE_DIR: z.string().min(1).optional(),
    PRESIGN_EXPIRY_SECONDS: positiveInt(3600).default(300),
    TWOFOLD_STORAGE_MODE: z.enum(['minio', 'external']).default('external'),
    LOG_LEVEL: logLevelSchema.default('info'),
    // Per-user storage limit in ciphertext bytes (ready files plus reserved pending uploads).
    TWOFOLD_QUOTA_BYTES: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).default(10 * 1024 ** 3),
    /** Days an item stays in the trash before the sweeper deletes it for good (issue 10). */
    TWOFOLD_TRASH_DAYS: z.coerce.number().positive().max(3650).default(30),
    // [Note: session lifetimes] A session ends after this long without a
    // request. A day: the vault already locks itself in the browser after a
    // short idle time (the keys leave memory), so this only has to end
    // sessions on devices that were left behind, without asking someone who
    // uses the vault daily to sign in each morning.
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(120).max(90 * 86_400).default(86_400),
    // ...and this long after sign-in whatever happens: a week bounds what a
    // stolen cookie is worth even while it is being used (the lifetime JWTs had).
    SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(120).max(365 * 86_400).default(7 * 86_400),
    // Which X-Forwarded-For entries to believe (lib/server/auth/client-ip.ts):
    // unset = none (the socket address is the client), an integer = that many
    // proxy hops in front of the app, or comma-separated CIDRs of the proxies.
    TRUSTED_PROXIES: trustedProxies.optional(),
    // Bearer token for GET /api/metrics (lib/server/metrics); unset, that
    // endpoint answers 404 as if it did not exist.
    METRICS_TOKEN: z.string().regex(/^\S{16,}$/, 'must be at least 16 characters without spaces').optional(),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'],
        message: 'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together',
      });
    }
    if (env.SESSION_IDLE_TIMEOUT_SECONDS > env.SESSION_MAX_AGE_SECONDS) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_IDLE_TIMEOUT_SECONDS'], message: 'must not exceed SESSION_MAX_AGE_SECONDS' });
    }
    if (env.SSE_MODE === 'aws:kms' && !env.KMS_KEY_ID) {
      ctx.addIssue({ code: 'custom', path: ['KMS_KEY_ID'], message: 'is required with SSE_MODE=aws:kms (the default): the SSE-KMS key that encrypts the bucket' });
    }
    if (env.SSE_MODE === 'AES256' && env.KMS_KEY_ID) {
      // An operator who sets a key expects it to be used; say that it would not be.
      ctx.addIssue({ code: 'custom', path: ['KMS_KEY_ID'], message: 'is set but SSE_MODE=AES256 (SSE-S3) uses no KMS key: unset it, or use SSE_MODE=aws:kms' });
    }
    if (!env.DATABASE_URL && !env.PGLITE_DIR) {
      ctx.addIssue({ code: 'custom', path: ['PGLITE_DIR'], message: 'set DATABASE_URL or PGLITE_DIR' });
    }
  });

export type ServerEnv = z.infer<typeof serverEnvSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses an environment, or throws one ConfigError naming every bad variable. */
export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined>): z.infer<S> {
  // Empty strings mean "unset": shells and .env files produce them freely.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    return `${name} ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
}
