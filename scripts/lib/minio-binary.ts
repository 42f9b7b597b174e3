import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, timed } from './log';
import { binDir, repoRoot } from './paths';
import { run, waitFor, which } from './proc';
import minioVersion from '../minio-version.json';

export const MINIO_MODULE = minioVersion.module;
export const MINIO_TAG = minioVersion.tag;
// The Go module proxy here refuses the tag; see [Note: MinIO fallback] in build-minio.mjs.
export const MINIO_FALLBACK_VERSION = minioVersion.fallback;

const NO_GO = 'Go is not installed and no external S3 is configured: install Go ≥1.24, or set S3_BUCKET and KMS_KEY_ID to use an external store (see README).';

export const minioBinary = join(binDir, 'minio');
export const adminBinary = join(binDir, 'twofold-minio-admin');
const buildStatusFile = join(binDir, 'minio.build-status.json');

/** TWOFOLD_GO names a Go binary explicitly; otherwise PATH, then Go's default install location. */
export function findGo(): string | undefined {
  const explicit = process.env.TWOFOLD_GO;
  if (explicit) return existsSync(explicit) ? explicit : undefined;
  return which('go', ['/usr/local/go/bin/go']);
}

/**
 * The MinIO binary, built from source once (scripts/lib/build-minio.mjs). When
 * scripts/run.mjs has already started that build in the background
 * (TWOFOLD_MINIO_BUILD=background), this waits for it to report; otherwise it
 * runs the build itself. A cached binary returns at once.
 */
export async function ensureMinioBinary(): Promise<void> {
  if (existsSync(minioBinary)) return;
  if (process.env.TWOFOLD_MINIO_BUILD === 'background') {
    await timed('waited for the MinIO build', () => waitFor('the MinIO build', async () => existsSync(buildStatusFile), { timeoutMs: 30 * 60_000 }));
  } else {
    rmSync(buildStatusFile, { force: true });
    await run(process.execPath, [join(repoRoot, 'scripts', 'lib', 'build-minio.mjs')], { cwd: repoRoot });
  }
  const status = existsSync(buildStatusFile) ? (JSON.parse(readFileSync(buildStatusFile, 'utf8')) as { ok: boolean; explained?: boolean }) : { ok: false };
  if (status.ok && existsSync(minioBinary)) return;
  // The builder has already printed its one-line reason (no Go, go's output): a second line would only repeat it.
  if (status.explained) process.exit(1);
  fail('building MinIO failed; see the output above.');
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
