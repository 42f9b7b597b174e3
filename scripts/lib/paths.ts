import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** Cached build outputs (the MinIO binary) live here in every mode; TWOFOLD_BIN_DIR moves them. */
export const binDir = process.env.TWOFOLD_BIN_DIR ?? join(repoRoot, '.twofold', 'bin');

/**
 * Runtime data: secrets, MinIO's disks, PGlite. `npm start` uses .twofold/;
 * `npm test` points TWOFOLD_HOME at a throwaway directory.
 */
export function homePaths(home = process.env.TWOFOLD_HOME ?? join(repoRoot, '.twofold')) {
  return {
    home,
    secrets: join(home, 'secrets'),
    minioData: join(home, 'minio-data'),
    pglite: join(home, 'db'),
  };
}
export type HomePaths = ReturnType<typeof homePaths>;
