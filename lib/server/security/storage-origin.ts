import 'server-only';
import type { ServerEnv } from '../env-schema';

/**
 * The origin presigned URLs point at, for connect-src. A custom endpoint
 * (MinIO, S3-compatibles) is that endpoint's origin; AWS is the bucket's
 * virtual-hosted or path-style regional host, as the SDK builds it.
 */
export function storageOrigin(env: Pick<ServerEnv, 'S3_ENDPOINT' | 'S3_BUCKET' | 'S3_REGION' | 'S3_FORCE_PATH_STYLE'>): string {
  if (env.S3_ENDPOINT) return new URL(env.S3_ENDPOINT).origin;
  const host = `s3.${env.S3_REGION}.amazonaws.com`;
  return env.S3_FORCE_PATH_STYLE ? `https://${host}` : `https://${env.S3_BUCKET}.${host}`;
}
