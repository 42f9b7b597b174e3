import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, step, timed } from './log';
import { binDir } from './paths';
import { findGo as findGoBinary } from './minio-binary';
import { run } from './proc';

export const SEAWEED_MODULE = 'github.com/seaweedfs/seaweedfs';
// The Go module proxy serves this pseudo-version of SeaweedFS (a commit of
// 2026-11-09); pinned so every machine builds the same S3 gateway.
export const SEAWEED_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';

export const seaweedBinary = join(binDir, 'weed');
const seaweedStamp = join(binDir, 'weed.version');

function findGo(): string {
  const go = findGoBinary();
  if (!go) fail('Go is not installed: `npm run test:stores` builds SeaweedFS and local-kms from source with Go ≥ 1.26.');
  return go;
}

/**
 * [Note: SeaweedFS is built, not installed] `go install module@version`
 * refuses SeaweedFS: its go.mod carries a replace directive (go-bip39). So the
 * module is downloaded through the proxy as usual and built from inside its
 * own directory in the module cache, where the replace applies. Same source,
 * same pin, CGO off; the result is cached in .twofold/bin like MinIO.
 */
export async function ensureSeaweedBinary(): Promise<void> {
  if (existsSync(seaweedBinary) && existsSync(seaweedStamp) && readFileSync(seaweedStamp, 'utf8').trim() === SEAWEED_VERSION) return;
  const go = findGo();
  mkdirSync(binDir, { recursive: true });
  step(`building SeaweedFS ${SEAWEED_VERSION} from source (first run only, several minutes)…`);
  await timed('SeaweedFS built', async () => {
    const download = spawnSync(go, ['mod', 'download', '-json', `${SEAWEED_MODULE}@${SEAWEED_VERSION}`], { encoding: 'utf8' });
    const dir = download.status === 0 ? (JSON.parse(download.stdout) as { Dir?: string }).Dir : undefined;
    if (!dir) fail(`downloading ${SEAWEED_MODULE}@${SEAWEED_VERSION} failed: ${download.stderr.trim()}`);
    const code = await run(go, ['build', '-o', seaweedBinary, './weed'], { cwd: dir, env: { ...process.env, CGO_ENABLED: '0' } });
    if (code !== 0) fail('building SeaweedFS failed; see the go output above.');
    writeFileSync(seaweedStamp, `${SEAWEED_VERSION}\n`);
  });
}
