// The shape of GET /api/health, shared by the route, the /status page and tests.
export type StorageHealth =
  | {
      ok: true;
      endpoint: string;
      bucket: string;
      sse: 'aws:kms';
      kmsKeyId: string;
      bucketKeyEnabled: boolean;
      defaultEncryption: true;
    }
  | { ok: false; bucket: string; error: string };

export type DbHealth =
  | { ok: true; kind: 'pglite' | 'postgres'; migrated: true }
  | { ok: false; kind: 'pglite' | 'postgres'; migrated: boolean; error: string };

export interface HealthReport {
  ok: boolean;
  /** Names of the failing parts, e.g. ["storage"]; empty when ok. */
  failing: Array<'storage' | 'db'>;
  storage: StorageHealth;
  db: DbHealth;
  checkedAt: string;
}
