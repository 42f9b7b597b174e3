// Shared set-up of the files integration tests: a migrated database of the
// suite's kind (PGlite or PostgreSQL), users, and FilesDeps on the real MinIO.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DbConnection } from '@/lib/server/db/connect';
import { asDb } from '@/lib/server/db/app-db';
import { migrateDatabase } from '@/lib/server/db/migrate';
import { users } from '@/lib/server/db/schema';
import type { FilesDeps } from '@/lib/server/files/deps';
import { AppError } from '@/lib/server/errors';
import type { ObjectStore } from '@/lib/server/storage/object-store';
import { toBase64Url } from '@/lib/crypto/bytes';
import { WRAPPED_FILE_KEY_BYTES } from '@/lib/shared/files';

export function testDbTarget(prefix: string) {
  return process.env.DATABASE_URL
    ? { databaseUrl: process.env.DATABASE_URL }
    : { pgliteDir: join(mkdtempSync(join(process.env.TWOFOLD_TEST_TMP ?? tmpdir(), `${prefix}-`)), 'db') };
}

export async function openMigratedDb(prefix: string): Promise<DbConnection> {
  const conn = await openDatabase(testDbTarget(prefix));
  await migrateDatabase(conn);
  return conn;
}

/** A users row as sign-up would leave it; the files tables only need its id. */
export async function createUser(conn: DbConnection): Promise<string> {
  const id = randomUUID();
  await asDb(conn.db).insert(users).values({ id, email: `${id}@files.test`, kdfParams: {}, recoveryAuthHash: 'test' });
  return id;
}

export function depsFor(conn: DbConnection, store: ObjectStore, overrides: Partial<FilesDeps> = {}): FilesDeps {
  return { db: asDb(conn.db), store, quotaBytes: 1024 ** 3, ...overrides };
}

/** Blobs of the right shape; the server never opens them. */
export function fakeSealed() {
  return {
    wrappedFileKey: toBase64Url(randomBytes(WRAPPED_FILE_KEY_BYTES)),
    encryptedMetadata: toBase64Url(randomBytes(120)),
  };
}

/** The AppError code a promise rejects with ('resolved' if it does not). */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

export async function put(url: string, body: Uint8Array, headers: Record<string, string>): Promise<Response> {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(body), headers });
  await res.arrayBuffer();
  return res;
}
