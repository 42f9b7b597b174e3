import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as opaque from '@serenity-kit/opaque';
import type { HomePaths } from './paths';

/**
 * Reads a secret file, creating it once with `make()` and mode 0600. Secrets
 * are generated on first start and kept, because losing the KMS key would
 * make every stored object unreadable.
 */
export function ensureSecret(paths: HomePaths, name: string, make: () => string): string {
  mkdirSync(paths.secrets, { recursive: true, mode: 0o700 });
  const file = join(paths.secrets, name);
  if (!existsSync(file)) writeFileSync(file, make(), { mode: 0o600, flag: 'wx' });
  // Tighten permissions even on a file an older version left readable.
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

export interface LocalSecrets {
  kmsKeyName: string;
  /** MINIO_KMS_SECRET_KEY: "<name>:<base64 of 32 bytes>". */
  kmsSecretKey: string;
  rootUser: string;
  rootPassword: string;
  appUser: string;
  appPassword: string;
  nextAuthSecret: string;
}

export const KMS_KEY_NAME = 'twofold-sse-key';

export function ensureLocalSecrets(paths: HomePaths): LocalSecrets {
  const kmsSecretKey = ensureSecret(paths, 'minio-kms-key', () => `${KMS_KEY_NAME}:${randomBytes(32).toString('base64')}`);
  const root = JSON.parse(
    ensureSecret(paths, 'minio-root.json', () => JSON.stringify({ user: `root-${token(6)}`, password: token(24) })),
  ) as { user: string; password: string };
  const app = JSON.parse(
    ensureSecret(paths, 'minio-app-user.json', () => JSON.stringify({ user: `twofold-app-${token(6)}`, password: token(24) })),
  ) as { user: string; password: string };
  return {
    kmsKeyName: kmsSecretKey.split(':')[0] ?? KMS_KEY_NAME,
    kmsSecretKey,
    rootUser: root.user,
    rootPassword: root.password,
    appUser: app.user,
    appPassword: app.password,
    nextAuthSecret: ensureSecret(paths, 'nextauth-secret', () => token(32)),
  };
}

/**
 * The OPAQUE server setup (docs/accounts.md): generated once, like the other
 * secrets, and never stored in the database. Replacing it invalidates every
 * registered password, so it must be backed up with the database.
 */
export async function ensureOpaqueServerSetup(paths: HomePaths): Promise<string> {
  await opaque.ready;
  return ensureSecret(paths, 'opaque-server-setup', () => opaque.server.createSetup());
}
