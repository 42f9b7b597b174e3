// `npm run backup [-- <dir>]`: database, secrets and objects of the embedded
// set-up (TWOFOLD_HOME) into one new directory. See docs/operations.md
// "Backup and restore" and scripts/lib/backup/.
import { resolve } from 'node:path';
import { ConfigError } from '../lib/server/env-schema';
import { createBackup } from './lib/backup/create';
import { readLaunchConfig } from './lib/launch-config';
import { fail, step } from './lib/log';
import { homePaths, repoRoot } from './lib/paths';

const started = performance.now();
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
const out = resolve(process.argv[2] ?? resolve(repoRoot, '.twofold-backups', `twofold-${stamp}`));

try {
  const config = readLaunchConfig();
  const paths = homePaths();
  step(`backing up ${paths.home} (${config.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : 'PGlite'}) into ${out}`);
  const summary = await createBackup({ config, paths, out });
  step(`database: ${summary.database} dump`);
  step(`objects: ${summary.objects} (${summary.objectBytes} bytes), each with size, ETag and SSE in manifest.json`);
  step(`secrets: ${summary.secrets.join(', ')}`);
  step(`backup written in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary.dir} (0700, files 0600, SHA-256 of each in manifest.json)`);
  step(
    'WARNING: the objects are ciphertext, but the secrets in this backup are not: the OPAQUE server setup and the ' +
      'MinIO KMS key are in plaintext. Store the backup encrypted (e.g. age, gpg or an encrypted volume) and access-controlled.',
  );
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  fail(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
}
