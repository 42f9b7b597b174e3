// `npm run restore <backup>`: a backup made by `npm run backup` onto a fresh,
// empty TWOFOLD_HOME (and, with DATABASE_URL, an empty database).
import { resolve } from 'node:path';
import { ConfigError } from '../lib/server/env-schema';
import { RestoreRefused, restoreBackup } from './lib/backup/restore';
import { readLaunchConfig } from './lib/launch-config';
import { fail, step } from './lib/log';
import { homePaths } from './lib/paths';

const started = performance.now();
const source = process.argv[2];
if (!source) fail('usage: npm run restore <backup directory>');

try {
  const config = readLaunchConfig();
  const paths = homePaths();
  const backupDir = resolve(source);
  step(`restoring ${backupDir} into ${paths.home}${config.DATABASE_URL ? ' and the database at DATABASE_URL' : ''}`);
  const summary = await restoreBackup({ backupDir, config, paths });
  step(`manifest verified: every file's SHA-256 before; after, every object present with its size, aws:kms, and the SHA-256 of its bytes read back`);
  step(`database: ${summary.database} (backup of ${summary.createdAt})`);
  step(`objects: ${summary.objects} (${summary.objectBytes} bytes), re-encrypted at rest under the restored KMS key`);
  step(`secrets: ${summary.secrets.join(', ')} (0600 in ${paths.secrets})`);
  step(`restored in ${((performance.now() - started) / 1000).toFixed(1)} s; \`npm start\` serves it`);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  if (error instanceof RestoreRefused) fail(error.message);
  fail(`restore failed: ${error instanceof Error ? error.message : String(error)}`);
}
