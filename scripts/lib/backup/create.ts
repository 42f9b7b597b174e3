// `npm run backup` for the embedded set-up: database, secrets and objects of
// one TWOFOLD_HOME into one directory, with a manifest (manifest.ts).
import { chmodSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EMBEDDED_BUCKET, type LaunchConfig } from '../launch-config';
import { ensureMinioBinary } from '../minio-binary';
import { startMinio } from '../minio-process';
import type { HomePaths } from '../paths';
import { freePort } from '../proc';
import { rootClient } from '../provision-minio';
import { PGLITE_DUMP, POSTGRES_DUMP, dumpPglite, dumpPostgres, assertPgliteClosed } from './database';
import { BACKUP_FORMAT, describeFile, writeManifest, type BackupManifest, type ObjectEntry } from './manifest';
import { dumpObject, listObjects } from './objects';
import { BACKED_UP_SECRETS, localSecretsOf, readHomeSecrets, writeSecrets } from './secrets';

export interface BackupSummary {
  dir: string;
  database: 'pglite' | 'postgres';
  objects: number;
  objectBytes: number;
  secrets: readonly string[];
}

/** Refuses when the home's own MinIO answers: two MinIO processes must never share one data directory. */
export async function assertMinioStopped(port: number): Promise<void> {
  const live = await fetch(`http://127.0.0.1:${port}/minio/health/live`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
  if (live) throw new Error(`a MinIO answers on 127.0.0.1:${port} (is \`npm start\` running?): stop it first, the backup starts its own`);
}

export async function createBackup(input: { config: LaunchConfig; paths: HomePaths; out: string }): Promise<BackupSummary> {
  const { config, paths, out } = input;
  if (config.mode !== 'minio') {
    throw new Error('npm run backup covers the embedded MinIO set-up; with S3_BUCKET set, back up as docs/operations.md "Backup and restore" describes');
  }
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out} is not empty: choose a new backup directory`);
  const secrets = readHomeSecrets(paths);
  const database = config.DATABASE_URL ? 'postgres' : 'pglite';
  if (database === 'pglite') assertPgliteClosed(paths.pglite);
  await assertMinioStopped(config.MINIO_PORT);

  // 0700 before anything lands in it: the secrets below are plaintext.
  mkdirSync(out, { recursive: true, mode: 0o700 });
  chmodSync(out, 0o700);
  for (const sub of ['database', 'objects']) mkdirSync(join(out, sub), { mode: 0o700 });

  // The database first: every object a row names was written before the
  // row, so a dump taken before the object listing never names a missing one.
  if (database === 'pglite') await dumpPglite(paths.pglite, join(out, PGLITE_DUMP));
  else await dumpPostgres(config.DATABASE_URL!, join(out, POSTGRES_DUMP));

  writeSecrets(join(out, 'secrets'), secrets);

  const local = localSecretsOf(secrets);
  await ensureMinioBinary();
  const minio = await startMinio({ paths, secrets: local, port: await freePort(), corsOrigins: [config.appOrigin] });
  const s3 = rootClient(minio.endpoint, local);
  const objects: ObjectEntry[] = [];
  try {
    for await (const { key } of listObjects(s3, EMBEDDED_BUCKET)) {
      const file = `objects/${String(objects.length).padStart(6, '0')}`;
      objects.push(await dumpObject(s3, EMBEDDED_BUCKET, key, join(out, file), file));
    }
  } finally {
    s3.destroy();
    await minio.stop();
  }

  const backedUp = [
    database === 'pglite' ? PGLITE_DUMP : POSTGRES_DUMP,
    ...BACKED_UP_SECRETS.map((name) => `secrets/${name}`),
    ...objects.map((o) => o.file),
  ];
  for (const p of backedUp) chmodSync(join(out, p), 0o600);
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    createdAt: new Date().toISOString(),
    database,
    bucket: EMBEDDED_BUCKET,
    kmsKeyName: local.kmsKeyName,
    files: await Promise.all(backedUp.map((p) => describeFile(out, p))),
    objects,
  };
  writeManifest(out, manifest);
  return { dir: out, database, objects: objects.length, objectBytes: objects.reduce((n, o) => n + o.size, 0), secrets: BACKED_UP_SECRETS };
}
