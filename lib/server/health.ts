import 'server-only';
import type { DbHealth, HealthReport, StorageHealth } from '@/lib/shared/health';
import type { DbConnection, DbKind } from './db/connect';
import { isMigrated } from './db/migrate';
import { sseMismatch } from './storage/sse-check';
import type { ObjectStore } from './storage/object-store';

// A dead dependency must turn into a 503 quickly rather than hang the probe.
const CHECK_TIMEOUT_MS = 4_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // AWS SDK errors carry the S3 error code in .name; connection errors carry .code.
    const code = (error as { code?: string }).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message || error.name;
  }
  return String(error);
}

export async function checkStorage(store: ObjectStore, endpoint: string): Promise<StorageHealth> {
  try {
    const enc = await withTimeout(store.bucketEncryption(), 'storage');
    // Checked against the configured SSE_MODE, never a hard-coded one.
    const mismatch = sseMismatch(enc, store, 'the bucket default');
    if (mismatch) return { ok: false, bucket: store.bucket, mode: store.sseMode, error: mismatch };
    return {
      ok: true,
      endpoint,
      bucket: store.bucket,
      mode: store.sseMode,
      sse: store.sseMode,
      kmsKeyId: store.kmsKeyId ? (enc.kmsKeyId ?? store.kmsKeyId) : null,
      bucketKeyEnabled: enc.bucketKeyEnabled,
      defaultEncryption: true,
    };
  } catch (error) {
    return { ok: false, bucket: store.bucket, mode: store.sseMode, error: `storage unreachable or misconfigured: ${describe(error)}` };
  }
}

export async function checkDatabase(kind: DbKind, open: () => Promise<DbConnection>): Promise<DbHealth> {
  try {
    const conn = await withTimeout(open(), 'database');
    await withTimeout(conn.query('SELECT 1'), 'database');
    const migrated = await withTimeout(isMigrated(conn), 'database');
    if (!migrated) return { ok: false, kind, migrated: false, error: 'database is not migrated' };
    return { ok: true, kind, migrated: true };
  } catch (error) {
    return { ok: false, kind, migrated: false, error: `database unreachable: ${describe(error)}` };
  }
}

export async function checkHealth(deps: {
  store: ObjectStore;
  storageEndpoint: string;
  dbKind: DbKind;
  openDb: () => Promise<DbConnection>;
}): Promise<HealthReport> {
  const [storage, db] = await Promise.all([
    checkStorage(deps.store, deps.storageEndpoint),
    checkDatabase(deps.dbKind, deps.openDb),
  ]);
  const failing: HealthReport['failing'] = [];
  if (!storage.ok) failing.push('storage');
  if (!db.ok) failing.push('db');
  return { ok: failing.length === 0, failing, storage, db, checkedAt: new Date().toISOString() };
}
