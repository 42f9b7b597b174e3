import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, step, timed } from './log';
import { binDir, repoRoot } from './paths';
import { run, which } from './proc';

export const MINIO_MODULE = 'github.com/minio/minio';
export const MINIO_TAG = 'RELEASE.2025-10-15T17-29-55Z';
// [Note: MinIO fallback] The Go module proxy reachable here answers the pinned
// tag (and its commit 9e49d5e7) with "403: This module version is not
// available". The issue allows the newest commit of the same module instead;
// this is that commit, pinned so every machine builds the same server.
export const MINIO_FALLBACK_VERSION = 'v0.0.0-20260212201848-7aac2a2c5b7c';

const NO_GO = 'Go is not installed and no external S3 is configured: install Go ≥1.24, or set S3_BUCKET and KMS_KEY_ID to use an external store (see README).';

export const minioBinary = join(binDir, 'minio');
export const adminBinary = join(binDir, 'twofold-minio-admin');

/** TWOFOLD_GO names a Go binary explicitly; otherwise PATH, then Go's default install location. */
export function findGo(): string | undefined {
  const explicit = process.env.TWOFOLD_GO;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return which('go', ['/usr/local/go/bin/go']);
}

/** Builds MinIO from source once; later calls find the cached binary and return at once. */
export async function ensureMinioBinary(): Promise<void> {
  if (existsSync(minioBinary)) return;
  const go = findGo();
  if (!go) fail(NO_GO);
  mkdirSync(binDir, { recursive: true });
  const env = { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' };
  step(`building MinIO ${MINIO_TAG} from source with go install (first run only, a few minutes)…`);
  await timed('MinIO built', async () => {
    for (const version of [MINIO_TAG, MINIO_FALLBACK_VERSION]) {
      const code = await run(go, ['install', `${MINIO_MODULE}@${version}`], { env, cwd: binDir });
      if (code === 0) {
        writeFileSync(join(binDir, 'minio.version'), `${version}\n`);
        return;
      }
      if (version === MINIO_TAG) step(`${MINIO_TAG} could not be installed; trying the pinned newest commit ${MINIO_FALLBACK_VERSION}`);
    }
    fail('building MinIO failed; see the go output above.');
  });
}

/** Builds the small admin helper (scripts/minio-admin), rebuilt when its source changes. */
export async function ensureAdminBinary(): Promise<void> {
  const src = join(repoRoot, 'scripts', 'minio-admin');
  const hash = createHash('sha256');
  for (const f of ['main.go', 'go.mod', 'go.sum']) hash.update(readFileSync(join(src, f)));
  const digest = hash.digest('hex');
  const stamp = `${adminBinary}.stamp`;
  if (existsSync(adminBinary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) return;
  const go = findGo();
  if (!go) fail(NO_GO);
  mkdirSync(binDir, { recursive: true });
  const code = await run(go, ['build', '-o', adminBinary, '.'], { cwd: src, env: { ...process.env, CGO_ENABLED: '0' } });
  if (code !== 0) fail('building the MinIO admin helper failed; see the go output above.');
  writeFileSync(stamp, digest);
}
