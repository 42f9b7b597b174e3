// The shape of GET /api/health, shared by the route, the /status page and tests.
import type { SseMode } from './sse-mode';

export type StorageHealth =
  | {
      ok: true;
      endpoint: string;
      bucket: string;
      /** The deployment's SSE_MODE; the bucket's default encryption was checked against it. */
      mode: SseMode;
      /** The bucket's default encryption as the store reported it (equal to mode when ok). */
      sse: SseMode;
      /** The SSE-KMS key; null under SSE-S3, which uses no KMS key of the operator's. */
      kmsKeyId: string | null;
      bucketKeyEnabled: boolean;
      defaultEncryption: true;
    }
  | { ok: false; bucket: string; mode: SseMode; error: string };

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
