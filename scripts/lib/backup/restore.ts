// `npm run restore <backup>`: a backup (create.ts) onto a fresh, empty
// TWOFOLD_HOME, checked against its manifest before and after.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LaunchConfig } from '../launch-config';
import { ensureAdminBinary, ensureMinioBinary } from '../minio-binary';
import { startMinio } from '../minio-process';
import { binDir, type HomePaths } from '../paths';
import { freePort } from '../proc';
import { provisionMinio, rootClient } from '../provision-minio';
import { PGLITE_DUMP, POSTGRES_DUMP, assertPostgresEmpty, restorePglite, restorePostgres } from './database';
import { verifyBackup } from './manifest';
import { checkRestoredObject, restoreObject } from './objects';
import { BACKED_UP_SECRETS, localSecretsOf, writeSecrets, type SecretName } from './secrets';

/** A refusal with the reasons; nothing has been written when it is thrown before the restore starts. */
export class RestoreRefused extends Error {
  constructor(message: string, readonly problems: string[] = []) {
    super(problems.length ? `${message}:\n${problems.slice(0, 20).map((p) => `  - ${p}`).join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}` : message);
  }
}

export interface RestoreSummary {
  home: string;
  database: 'pglite' | 'postgres';
  objects: number;
  objectBytes: number;
  secrets: readonly string[];
  createdAt: string;
}

/** Empty, or absent. The MinIO build cache may sit in the default home (.twofold/bin); it is not runtime data. */
function assertFreshHome(paths: HomePaths): void {
  if (!existsSync(paths.home)) return;
  const entries = readdirSync(paths.home).filter((e) => resolve(paths.home, e) !== resolve(binDir));
  if (entries.length > 0) {
    throw new RestoreRefused(`${paths.home} is not empty (${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}): restore only writes into a fresh TWOFOLD_HOME, it never merges; point TWOFOLD_HOME at a new directory`);
  }
}

export async function restoreBackup(input: { backupDir: string; config: LaunchConfig; paths: HomePaths }): Promise<RestoreSummary> {
  const { backupDir, config, paths } = input;
  if (config.mode !== 'minio') throw new RestoreRefused('npm run restore restores the embedded MinIO set-up; unset S3_BUCKET');

  const { manifest, problems } = await verifyBackup(backupDir);
  if (!manifest || problems.length) throw new RestoreRefused(`refusing to restore ${backupDir}: it does not match its manifest`, problems);
  if (manifest.database === 'postgres' && !config.DATABASE_URL) throw new RestoreRefused('this backup holds a PostgreSQL dump: set DATABASE_URL to an empty database');
  if (manifest.database === 'pglite' && config.DATABASE_URL) throw new RestoreRefused('this backup holds a PGlite database: unset DATABASE_URL');
  assertFreshHome(paths);
  if (config.DATABASE_URL) await assertPostgresEmpty(config.DATABASE_URL).catch((e: Error) => { throw new RestoreRefused(e.message); });

  const secrets = Object.fromEntries(
    BACKED_UP_SECRETS.map((name) => [name, readFileSync(join(backupDir, 'secrets', name), 'utf8')]),
  ) as Record<SecretName, string>;
  const local = localSecretsOf(secrets);
  if (local.kmsKeyName !== manifest.kmsKeyName) throw new RestoreRefused(`the KMS key in the backup is named ${local.kmsKeyName}, the manifest says ${manifest.kmsKeyName}`);

  writeSecrets(paths.secrets, secrets);
  if (manifest.database === 'pglite') await restorePglite(join(backupDir, PGLITE_DUMP), paths.pglite);
  else await restorePostgres(join(backupDir, POSTGRES_DUMP), config.DATABASE_URL!);

  await ensureMinioBinary();
  await ensureAdminBinary();
  // A port of its own: the restored disks do not depend on it, and a MinIO of another home may hold MINIO_PORT.
  const minio = await startMinio({ paths, secrets: local, port: await freePort(), corsOrigins: [config.appOrigin] });
  const s3 = rootClient(minio.endpoint, local);
  const after: string[] = [];
  try {
    // The same provisioning `npm start` does: bucket, default SSE-KMS under the restored key, the app user and its policy.
    await provisionMinio({ endpoint: minio.endpoint, bucket: manifest.bucket, secrets: local });
    const written = new Map<string, string>();
    for (const object of manifest.objects) written.set(object.key, await restoreObject(s3, manifest.bucket, local.kmsKeyName, object, join(backupDir, object.file)));
    const sha256Of = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    for (const object of manifest.objects) {
      const problem = await checkRestoredObject(s3, manifest.bucket, object, { etag: written.get(object.key)!, sha256: sha256Of.get(object.file)! });
      if (problem) after.push(problem);
    }
  } finally {
    s3.destroy();
    await minio.stop();
  }
  if (after.length) throw new RestoreRefused(`the restored store does not match the manifest (${paths.home} is incomplete: delete it before trying again)`, after);
  return {
    home: paths.home,
    database: manifest.database,
    objects: manifest.objects.length,
    objectBytes: manifest.objects.reduce((n, o) => n + o.size, 0),
    secrets: BACKED_UP_SECRETS,
    createdAt: manifest.createdAt,
  };
}
