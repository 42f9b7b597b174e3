import 'server-only';
import { appDb, type Db } from '../db/app-db';
import { getServerEnv } from '../env';
import { getObjectStore } from '../storage/store';
import type { ObjectStore } from '../storage/object-store';
import type { PartLimits } from './upload-plan';

/** What the file functions need; tests build it from their own database, store and quota. */
export interface FilesDeps {
  db: Db;
  store: ObjectStore;
  /** Per-user limit in ciphertext bytes (TWOFOLD_QUOTA_BYTES). */
  quotaBytes: number;
  /** Defaults to DEFAULT_PART_LIMITS; tests pass small ones to exercise multipart with a few MiB. */
  partLimits?: PartLimits;
  /** Trash retention in days (TWOFOLD_TRASH_DAYS); the sweeper purges older entries. */
  trashDays?: number;
}

export async function filesDeps(): Promise<FilesDeps> {
  const env = getServerEnv();
  return { db: await appDb(), store: getObjectStore(), quotaBytes: env.TWOFOLD_QUOTA_BYTES, trashDays: env.TWOFOLD_TRASH_DAYS };
}
