// The backup and restore drill (docs/operations.md "Backup and restore"):
// files uploaded through the real engine, `npm run backup` and
// `npm run restore` run as the operator runs them (scripts/run.mjs, child
// processes), the home wiped, the stack started on the restored home, the
// same password signs in (OPAQUE), and the files decrypt byte for byte. The
// PostgreSQL suite runs the same drill with pg_dump/pg_restore.
// Before anything that loads Next.js (tests/helpers/request-scope.ts says why).
import '../helpers/request-scope';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as opaque from '@serenity-kit/opaque';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { GET as accountGet } from '@/app/api/account/route';
import { POST as loginStart } from '@/app/api/login/start/route';
import { storedKeysFromJson } from '@/lib/client/account/codec';
import type { FilesApi } from '@/lib/client/files/api';
import { downloadFile } from '@/lib/client/files/download/download-engine';
import { uploadFile } from '@/lib/client/files/upload/upload-engine';
import { openAccountKeys } from '@/lib/crypto/account-keys';
import { concatBytes, fromBase64Url } from '@/lib/crypto/bytes';
import { generateFileKeyBytes, importFileKey, unwrapFileKey, wrapFileKey } from '@/lib/crypto/file-key';
import { rootParent } from '@/lib/crypto/key-parent';
import { encryptMetadata } from '@/lib/crypto/metadata';
import { deriveKekFromExportKey } from '@/lib/crypto/root-key';
import { appDb } from '@/lib/server/db/app-db';
import { openDatabase } from '@/lib/server/db/connect';
import { getDatabase } from '@/lib/server/db/db';
import { files } from '@/lib/server/db/schema';
import { parseEnv, serverEnvSchema } from '@/lib/server/env-schema';
import { resetServerEnvForTests } from '@/lib/server/env';
import { completeUpload } from '@/lib/server/files/complete-upload';
import { createUpload } from '@/lib/server/files/create-upload';
import type { FilesDeps } from '@/lib/server/files/deps';
import { downloadUrl } from '@/lib/server/files/download';
import { presignParts } from '@/lib/server/files/presign-parts';
import { getFile } from '@/lib/server/files/queries';
import { createS3Client, storageConfigFromEnv } from '@/lib/server/storage/client';
import { ObjectStore } from '@/lib/server/storage/object-store';
import type { AccountJson } from '@/lib/shared/accounts';
import { readLaunchConfig } from '../../scripts/lib/launch-config';
import { homePaths, repoRoot } from '../../scripts/lib/paths';
import { createDatabase } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/proc';
import { startBackend, type Backend } from '../../scripts/lib/services';
import { startMinio } from '../../scripts/lib/minio-process';
import { ensureLocalSecrets } from '../../scripts/lib/secrets';
import { clientFinishLogin } from '../helpers/account-client';
import { Browser, callAuth, signUp, uniqueEmail } from '../helpers/auth-flow';
import { callRoute } from '../helpers/route-call';

const MiB = 1024 * 1024;
const tmp = mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), 'backup-'));
const savedEnv = { ...process.env };
// The PostgreSQL suite sets DATABASE_URL to its cluster; the drill gets two databases of its own there.
const cluster = process.env.DATABASE_URL;
const dbName = (role: string) => `backup_${role}_${randomUUID().slice(0, 8)}`;

afterAll(() => {
  restoreEnv();
  rmSync(tmp, { recursive: true, force: true });
});

function restoreEnv(): void {
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  resetServerEnvForTests();
}

/** `npm run <command>` exactly: the same entry point, in a child process, with its own TWOFOLD_HOME. */
function npmRun(command: 'backup' | 'restore', args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'scripts/run.mjs'), command, ...args], {
      cwd: repoRoot,
      env: { ...savedEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function launch(home: string, databaseUrl: string | undefined): Promise<Backend> {
  return startBackend(
    readLaunchConfig({ ...savedEnv, DATABASE_URL: databaseUrl, PORT: String(await freePort()), MINIO_PORT: String(await freePort()) }),
    homePaths(home),
  );
}

/** The route handlers and the store see this stack, as the app server would. */
function useStack(backend: Backend): { store: ObjectStore } {
  restoreEnv();
  const wanted = Object.entries(backend.appEnv).filter(([k, v]) => v !== undefined && /^(S3_|KMS_|NEXTAUTH_|OPAQUE_|TWOFOLD_STORAGE|PRESIGN|PGLITE_DIR$|DATABASE_URL$)/.test(k));
  delete process.env.DATABASE_URL;
  Object.assign(process.env, Object.fromEntries(wanted));
  resetServerEnvForTests();
  const config = storageConfigFromEnv(parseEnv(serverEnvSchema, process.env));
  return { store: new ObjectStore(createS3Client(config), config) };
}

/** PGlite is single-process: the app's connection is closed (and forgotten) before backup or restore opens the directory. */
async function closeAppDatabase(): Promise<void> {
  await (await getDatabase()).close();
  (globalThis as { __twofoldDb?: unknown }).__twofoldDb = undefined;
}

/** Both OPAQUE steps, like the sign-in form, keeping the export key the vault is opened with. */
async function signInForKeys(email: string, password: string): Promise<{ browser: Browser; rootKey: CryptoKey; userId: string }> {
  await opaque.ready;
  const browser = new Browser();
  const start = opaque.client.startLogin({ password });
  const started = await callRoute(loginStart, 'POST', '/api/login/start', { body: { email, startLoginRequest: start.startLoginRequest } });
  expect(started.status).toBe(200);
  const { loginId, loginResponse } = started.body as { loginId: string; loginResponse: string };
  const finished = clientFinishLogin(start.clientLoginState, loginResponse, password);
  if (!finished) throw new Error('OPAQUE refused the password: the server setup did not come back');
  const csrf = (await callAuth(browser, 'GET', ['csrf'])).body!.csrfToken as string;
  await callAuth(browser, 'POST', ['callback', 'opaque'], { csrfToken: csrf, loginId, finishLoginRequest: finished.finishLoginRequest, json: 'true' });
  expect(browser.cookies.has('next-auth.session-token')).toBe(true);
  const account = await callRoute(accountGet, 'GET', '/api/account', { cookie: browser.cookieHeader() });
  expect(account.status).toBe(200);
  const { userId, keys } = account.body as AccountJson;
  const kek = await deriveKekFromExportKey(fromBase64Url(finished.exportKey), userId);
  return { browser, userId, rootKey: (await openAccountKeys(kek, storedKeysFromJson(keys), userId)).rootKey };
}

async function filesApi(store: ObjectStore, userId: string): Promise<{ api: FilesApi; deps: FilesDeps }> {
  // Small parts so that a few MiB are a real multipart upload.
  const deps: FilesDeps = { db: await appDb(), store, quotaBytes: 1024 ** 3, partLimits: { singlePutMaxBytes: MiB, partSize: 5 * MiB } };
  const unused = () => Promise.reject(new Error('not used here'));
  const api: FilesApi = {
    createUpload: (body) => createUpload(deps, userId, body),
    presignParts: (id, numbers) => presignParts(deps, userId, id, numbers),
    complete: (id, body) => completeUpload(deps, userId, id, body),
    downloadUrl: (id) => downloadUrl(deps, userId, id),
    get: (id) => getFile(deps, userId, id),
    remove: unused, list: unused, rename: unused, layers: unused, usage: unused,
  };
  return { api, deps };
}

async function uploadThroughEngine(api: FilesApi, rootKey: CryptoKey, userId: string, plaintext: Uint8Array, name: string): Promise<string> {
  const fileKeyBytes = generateFileKeyBytes();
  const fileKey = await importFileKey(fileKeyBytes);
  const file = await uploadFile({
    source: new Blob([new Uint8Array(plaintext)]),
    fileKey,
    api,
    seal: async (fileId) => ({
      wrappedFileKey: await wrapFileKey(rootParent(rootKey, userId), fileKeyBytes, fileId),
      encryptedMetadata: await encryptMetadata(fileKey, fileId, { name, type: 'application/octet-stream', size: plaintext.length, mtime: 1_700_000_000_000 }),
    }),
    parallelism: 2,
  });
  expect(file.status).toBe('ready');
  return file.id;
}

async function downloadThroughEngine(api: FilesApi, rootKey: CryptoKey, userId: string, fileId: string): Promise<Buffer> {
  const stored = await api.get(fileId);
  const fileKey = await unwrapFileKey(rootParent(rootKey, userId), fromBase64Url(stored.wrappedFileKey!), stored.id);
  const pieces: Uint8Array[] = [];
  await downloadFile({ fileId, fileKey, api, sink: new WritableStream({ write: (p) => void pieces.push(p.slice()) }) });
  return Buffer.from(concatBytes(...pieces));
}

const mode = (path: string) => statSync(path).mode & 0o777;

let backupDir: string | undefined;
let restoredHomeDir: string | undefined;
let secretValues: string[] = [];

describe(`backup and restore drill (${cluster ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('upload, back up, wipe, restore into a fresh home, sign in with the same password, download byte-identical', { timeout: 400_000 }, async () => {
    const sourceHome = join(tmp, 'source-home');
    const sourceDb = cluster ? await createDatabase(cluster, dbName('src')) : undefined;
    const email = await uniqueEmail('backup');
    const password = `correct horse ${randomUUID()}`;
    const big = randomBytes(7 * MiB + 4321); // two parts of 5 MiB
    const small = randomBytes(20_000); // one PUT

    const source = await launch(sourceHome, sourceDb);
    const ids: string[] = [];
    try {
      const { store } = useStack(source);
      await signUp(email, password);
      const { rootKey, userId } = await signInForKeys(email, password);
      const { api } = await filesApi(store, userId);
      ids.push(await uploadThroughEngine(api, rootKey, userId, big, 'big.bin'));
      ids.push(await uploadThroughEngine(api, rootKey, userId, small, 'small.txt'));
      await closeAppDatabase();
    } finally {
      await source.stop();
    }
    secretValues = ['opaque-server-setup', 'minio-kms-key', 'nextauth-secret'].map((n) => readFileSync(join(sourceHome, 'secrets', n), 'utf8').trim());

    backupDir = join(tmp, 'backup-1');
    const backup = await npmRun('backup', [backupDir], { TWOFOLD_HOME: sourceHome, DATABASE_URL: sourceDb, MINIO_PORT: String(await freePort()) });
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/objects: 2 \(\d+ bytes\)/);
    expect(backup.output).toMatch(/WARNING: .*secrets in this backup are not.*Store the backup encrypted/);
    for (const value of secretValues) expect(backup.output).not.toContain(value);
    expect(mode(backupDir)).toBe(0o700);
    for (const sub of ['secrets', 'objects', 'database']) {
      expect(mode(join(backupDir, sub))).toBe(0o700);
      for (const f of readdirSync(join(backupDir, sub))) expect(mode(join(backupDir, sub, f))).toBe(0o600);
    }
    expect(mode(join(backupDir, 'manifest.json'))).toBe(0o600);
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { database: string; objects: Array<{ size: number; sse: string; parts: number[] | null; etag: string }> };
    expect(manifest.database).toBe(cluster ? 'postgres' : 'pglite');
    expect(existsSync(join(backupDir, 'database', cluster ? 'postgres.dump' : 'pglite-datadir.tar.gz'))).toBe(true);
    expect(manifest.objects.map((o) => o.sse)).toEqual(['aws:kms', 'aws:kms']);
    expect(manifest.objects.map((o) => o.parts?.length ?? 1).sort()).toEqual([1, 2]);

    // Wipe: the source home (and database) are gone for good.
    rmSync(sourceHome, { recursive: true, force: true });
    if (sourceDb) await dropDatabase(cluster!, new URL(sourceDb).pathname.slice(1));

    const restoredHome = join(tmp, 'restored-home');
    restoredHomeDir = restoredHome;
    const restoredDb = cluster ? await createDatabase(cluster, dbName('dst')) : undefined;
    const restore = await npmRun('restore', [backupDir], { TWOFOLD_HOME: restoredHome, DATABASE_URL: restoredDb });
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('manifest verified');
    expect(restore.output).toMatch(/objects: 2 \(\d+ bytes\)/);
    expect(mode(join(restoredHome, 'secrets'))).toBe(0o700);
    expect(mode(join(restoredHome, 'secrets', 'opaque-server-setup'))).toBe(0o600);

    const restored = await launch(restoredHome, restoredDb);
    try {
      const { store } = useStack(restored);
      // A wrong password still fails: OPAQUE works, it does not just accept anything.
      await expect(signInForKeys(email, `${password}!`)).rejects.toThrow(/OPAQUE refused/);
      const { rootKey, userId } = await signInForKeys(email, password);
      const { api } = await filesApi(store, userId);
      expect((await downloadThroughEngine(api, rootKey, userId, ids[0]!)).equals(big)).toBe(true);
      expect((await downloadThroughEngine(api, rootKey, userId, ids[1]!)).equals(small)).toBe(true);
      // Encrypted at rest again, under the restored key.
      for (const id of ids) expect((await store.head(await objectKeyOf(id))).sse).toBe('aws:kms');
      await closeAppDatabase();
    } finally {
      await restored.stop();
      restoreEnv();
    }
  });

  it('refuses a tampered backup (a missing object, changed bytes, an edited manifest) and a non-empty home, writing nothing', { timeout: 120_000 }, async () => {
    expect(backupDir, 'the drill above made the backup').toBeDefined();
    const restoreInto = async (dir: string, home = join(tmp, `fresh-${randomUUID()}`)) => {
      const targetDb = cluster ? await createDatabase(cluster, dbName('neg')) : undefined;
      const result = await npmRun('restore', [dir], { TWOFOLD_HOME: home, DATABASE_URL: targetDb });
      return { ...result, home };
    };
    const tampered = (name: string, change: (dir: string) => void) => {
      const dir = join(tmp, name);
      cpSync(backupDir!, dir, { recursive: true });
      change(dir);
      return dir;
    };

    const missing = await restoreInto(tampered('missing-object', (d) => unlinkSync(join(d, 'objects', '000001'))));
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('does not match its manifest');
    expect(missing.output).toContain('objects/000001: missing');
    expect(existsSync(missing.home)).toBe(false);

    const flipped = await restoreInto(tampered('changed-bytes', (d) => {
      const file = join(d, 'objects', '000000');
      const bytes = readFileSync(file);
      bytes[100] = (bytes[100] ?? 0) ^ 0x01;
      writeFileSync(file, bytes);
    }));
    expect(flipped.code).toBe(1);
    expect(flipped.output).toContain('objects/000000: SHA-256 differs from the manifest');
    expect(existsSync(flipped.home)).toBe(false);

    const edited = await restoreInto(tampered('edited-manifest', (d) => {
      const file = join(d, 'manifest.json');
      const m = JSON.parse(readFileSync(file, 'utf8')) as { files: Array<{ path: string; bytes: number }> };
      m.files.find((f) => f.path === 'secrets/opaque-server-setup')!.bytes += 1;
      writeFileSync(file, JSON.stringify(m));
    }));
    expect(edited.code).toBe(1);
    expect(edited.output).toMatch(/secrets\/opaque-server-setup: \d+ bytes, the manifest says \d+/);

    const busy = join(tmp, 'busy-home');
    mkdirSync(join(busy, 'secrets'), { recursive: true });
    const nonEmpty = await restoreInto(backupDir!, busy);
    expect(nonEmpty.code).toBe(1);
    expect(nonEmpty.output).toContain('is not empty (secrets)');
    expect(readdirSync(join(busy, 'secrets'))).toEqual([]);
  });

  it('refuses to back up a home in use: its database open, or its MinIO running', { timeout: 120_000 }, async () => {
    expect(restoredHomeDir, 'the drill above restored a home').toBeDefined();
    const paths = homePaths(restoredHomeDir);
    const out = join(tmp, `refused-${randomUUID()}`);
    if (!cluster) {
      // What `npm start` holds while it runs: PGlite open on the home's directory.
      const open = await openDatabase({ pgliteDir: paths.pglite });
      try {
        const refused = await npmRun('backup', [out], { TWOFOLD_HOME: paths.home, MINIO_PORT: String(await freePort()) });
        expect(refused.code).toBe(1);
        expect(refused.output).toContain('is open (postmaster.pid exists): stop `npm start` first');
      } finally {
        await open.close();
      }
    }
    const minio = await startMinio({ paths, secrets: ensureLocalSecrets(paths), port: await freePort(), corsOrigins: ['http://localhost'] });
    try {
      const port = new URL(minio.endpoint).port;
      const refused = await npmRun('backup', [out], { TWOFOLD_HOME: paths.home, DATABASE_URL: cluster, MINIO_PORT: port });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain(`a MinIO answers on 127.0.0.1:${port}`);
    } finally {
      await minio.stop();
    }
    expect(existsSync(out)).toBe(false);
  });
});


/** The object key behind a file row (the server makes it; never shown to the client). */
async function objectKeyOf(fileId: string): Promise<string> {
  const rows = await (await appDb()).select({ key: files.objectKey }).from(files).where(eq(files.id, fileId));
  return rows[0]!.key;
}

async function dropDatabase(clusterUrl: string, name: string): Promise<void> {
  const { Client } = (await import('pg')).default;
  const client = new Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE ${name}`);
  } finally {
    await client.end();
  }
}
