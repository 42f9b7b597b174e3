// SSE_MODE parsing: aws:kms by default, AES256 on request, KMS_KEY_ID only
// required (and only allowed) with aws:kms, and SSE-C refused in one line
// that says why. Both the server's schema and the launcher's are checked,
// since either may be the first to see a deployment's environment.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, serverEnvSchema } from '@/lib/server/env-schema';
import { looksLikeSseC, SSE_C_REFUSAL } from '@/lib/server/storage/sse-mode-env';
import { readLaunchConfig } from '../../../scripts/lib/launch-config';

const base = {
  NEXTAUTH_SECRET: 'x'.repeat(32),
  OPAQUE_SERVER_SETUP: 'A'.repeat(171),
  S3_BUCKET: 'twofold',
  PGLITE_DIR: '/tmp/db',
};

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const SSE_C_SPELLINGS = ['SSE-C', 'sse-c', 'SSE_C', 'ssec', 'SSE-C:AES256', 'AES256-C', 'aes256c', 'customer', 'Customer-Provided', 'x-amz-server-side-encryption-customer-algorithm', 'C'];

describe('server env: SSE_MODE', () => {
  it('defaults to aws:kms, which requires KMS_KEY_ID', () => {
    expect(parseEnv(serverEnvSchema, { ...base, KMS_KEY_ID: 'k' }).SSE_MODE).toBe('aws:kms');
    expect(configError(() => parseEnv(serverEnvSchema, base))).toMatch(/^invalid configuration: KMS_KEY_ID is required with SSE_MODE=aws:kms/);
    expect(configError(() => parseEnv(serverEnvSchema, { ...base, SSE_MODE: 'aws:kms' }))).toMatch(/KMS_KEY_ID is required/);
  });

  it('accepts AES256 without KMS_KEY_ID, and refuses a KMS key it would not use', () => {
    const env = parseEnv(serverEnvSchema, { ...base, SSE_MODE: 'AES256' });
    expect(env.SSE_MODE).toBe('AES256');
    expect(env.KMS_KEY_ID).toBeUndefined();
    expect(configError(() => parseEnv(serverEnvSchema, { ...base, SSE_MODE: 'AES256', KMS_KEY_ID: 'k' }))).toMatch(
      /KMS_KEY_ID is set but SSE_MODE=AES256 \(SSE-S3\) uses no KMS key/,
    );
  });

  it.each(SSE_C_SPELLINGS)('refuses SSE-C spelled %j in one line saying why', (spelling) => {
    const message = configError(() => parseEnv(serverEnvSchema, { ...base, KMS_KEY_ID: 'k', SSE_MODE: spelling }));
    expect(message).toBe(`invalid configuration: SSE_MODE ${SSE_C_REFUSAL}`);
    expect(message).not.toContain('\n');
    expect(message).toMatch(/travel with every request, over TLS only, and AWS blocks SSE-C by default/);
  });

  it.each(['aws:kms:dsse', 'aes256', 'AWS:KMS', 'SSE-S3', 'none', 'kms'])('refuses %j with the usual config error', (value) => {
    const message = configError(() => parseEnv(serverEnvSchema, { ...base, KMS_KEY_ID: 'k', SSE_MODE: value }));
    expect(message).toBe('invalid configuration: SSE_MODE must be aws:kms (SSE-KMS, the default) or AES256 (SSE-S3)');
  });

  it('tells SSE-C spellings from the two modes and from other words', () => {
    for (const s of SSE_C_SPELLINGS) expect(looksLikeSseC(s), s).toBe(true);
    for (const s of ['aws:kms', 'AES256', 'SSE-S3', 'SSE-KMS', 'none', 'kms']) expect(looksLikeSseC(s), s).toBe(false);
  });
});

describe('launch config: SSE_MODE', () => {
  it('requires KMS_KEY_ID for an external bucket only with aws:kms', () => {
    expect(configError(() => readLaunchConfig({ S3_BUCKET: 'bucket' }))).toMatch(/KMS_KEY_ID is required when S3_BUCKET selects an external store with SSE_MODE=aws:kms/);
    expect(readLaunchConfig({ S3_BUCKET: 'bucket', SSE_MODE: 'AES256' })).toMatchObject({ mode: 'external', SSE_MODE: 'AES256' });
    expect(readLaunchConfig({}).SSE_MODE).toBe('aws:kms');
  });

  it('refuses SSE-C before anything starts', () => {
    expect(configError(() => readLaunchConfig({ SSE_MODE: 'SSE-C' }))).toBe(`invalid configuration: SSE_MODE ${SSE_C_REFUSAL}`);
  });
});
