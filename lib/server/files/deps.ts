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
}

export async function filesDeps(): Promise<FilesDeps> {
  return { db: await appDb(), store: getObjectStore(), quotaBytes: getServerEnv().TWOFOLD_QUOTA_BYTES };
}
