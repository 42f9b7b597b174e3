import 'server-only';
import type { HealthReport } from '@/lib/shared/health';
import { getDatabase } from './db/db';
import { getServerEnv } from './env';
import { checkHealth } from './health';
import { getObjectStore } from './storage/store';

/** Health of this server's own storage and database, for /api/health and /status. */
export function getLiveHealth(): Promise<HealthReport> {
  const env = getServerEnv();
  return checkHealth({
    store: getObjectStore(),
    storageEndpoint: env.S3_ENDPOINT ?? `https://s3.${env.S3_REGION}.amazonaws.com`,
    dbKind: env.DATABASE_URL ? 'postgres' : 'pglite',
    openDb: getDatabase,
  });
}
