// Which secrets a backup carries, and why each one matters. Everything else
// in TWOFOLD_HOME (logs, MinIO's disks, PGlite's files) is either rebuilt or
// travels in its own logical form (objects, database dump).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HomePaths } from '../paths';
import type { LocalSecrets } from '../secrets';

export const BACKED_UP_SECRETS = [
  // The OPAQUE server key and OPRF seed. Every registration record in the
  // database was made against it: without it no password works any more
  // (only recovery keys, docs/accounts.md), so it must travel with the dump.
  'opaque-server-setup',
  // The embedded MinIO's KMS key (MINIO_KMS_SECRET_KEY). Restore re-uploads the
  // objects under it, so that the key id in the bucket default and in the
  // app's signed SSE-KMS headers stays the same; and should anyone restore
  // MinIO's own disks instead, without this key no object decrypts at rest.
  'minio-kms-key',
  // Signs session cookies (and next-auth's state). Without it every session
  // ends; restoring it keeps the deployment's identity, and it is needed for
  // the same reason the app needs it at start-up.
  'nextauth-secret',
  // MinIO root credentials: restore provisions the new MinIO with them; kept
  // so the restored home is the same installation, not a new one.
  'minio-root.json',
  // The application user's key pair: restore re-creates the user with the
  // same credentials, so nothing configured outside the home has to change.
  'minio-app-user.json',
] as const;

export type SecretName = (typeof BACKED_UP_SECRETS)[number];

/**
 * The home's secrets as they are, without generating any: a backup of a home
 * whose key is missing must fail, not silently back up a brand-new key.
 * OPAQUE_SERVER_SETUP / NEXTAUTH_SECRET from the environment win, as they do
 * for `npm start`.
 */
export function readHomeSecrets(paths: HomePaths, env: NodeJS.ProcessEnv = process.env): Record<SecretName, string> {
  const fromEnv: Partial<Record<SecretName, string | undefined>> = {
    'opaque-server-setup': env.OPAQUE_SERVER_SETUP,
    'nextauth-secret': env.NEXTAUTH_SECRET,
  };
  const out = {} as Record<SecretName, string>;
  for (const name of BACKED_UP_SECRETS) {
    const file = join(paths.secrets, name);
    const value = fromEnv[name] ?? (existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined);
    if (!value) throw new Error(`${file} is missing: this home has never been started, or it is not a Twofold home`);
    out[name] = value;
  }
  return out;
}

export function writeSecrets(dir: string, secrets: Record<SecretName, string>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const name of BACKED_UP_SECRETS) writeFileSync(join(dir, name), secrets[name], { mode: 0o600, flag: 'wx' });
}

/** The LocalSecrets shape MinIO's launcher takes, from the files above. */
export function localSecretsOf(secrets: Record<SecretName, string>): LocalSecrets {
  const root = JSON.parse(secrets['minio-root.json']) as { user: string; password: string };
  const app = JSON.parse(secrets['minio-app-user.json']) as { user: string; password: string };
  return {
    kmsKeyName: secrets['minio-kms-key'].split(':')[0]!,
    kmsSecretKey: secrets['minio-kms-key'],
    rootUser: root.user,
    rootPassword: root.password,
    appUser: app.user,
    appPassword: app.password,
    nextAuthSecret: secrets['nextauth-secret'],
  };
}
