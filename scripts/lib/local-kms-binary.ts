import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, step, timed } from './log';
import { findGo } from './minio-binary';
import { binDir } from './paths';
import { run } from './proc';

// local-kms (github.com/nsmithuk/local-kms) stands in for AWS KMS in tests:
// it speaks KMS's JSON protocol and keeps keys, aliases, rotation flags and
// key policies, but checks no credentials and enforces no policy (see
// docs/operations.md, "KMS key: roles and rotation"). The module has no
// release tags on the proxy; this is its newest commit, pinned so every
// machine builds the same server.
export const LOCAL_KMS_MODULE = 'github.com/nsmithuk/local-kms';
export const LOCAL_KMS_VERSION = 'v0.0.0-20260228092603-2a5e92d09ab6';

export const localKmsBinary = join(binDir, 'local-kms');
const versionFile = join(binDir, 'local-kms.version');

/** Builds local-kms once with `go install`; a cached binary of the pinned version is reused at once. */
export async function ensureLocalKmsBinary(): Promise<void> {
  if (existsSync(localKmsBinary) && existsSync(versionFile) && readFileSync(versionFile, 'utf8').trim() === LOCAL_KMS_VERSION) return;
  const go = findGo();
  if (!go) fail('Go is not installed: local-kms (the KMS the tests provision against) is built from source; install Go ≥1.24.');
  mkdirSync(binDir, { recursive: true });
  step(`building local-kms ${LOCAL_KMS_VERSION} from source with go install (first run only)…`);
  await timed('local-kms built', async () => {
    const code = await run(go, ['install', `${LOCAL_KMS_MODULE}@${LOCAL_KMS_VERSION}`], {
      env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' },
      cwd: binDir,
    });
    if (code !== 0) fail('building local-kms failed; see the go output above.');
    writeFileSync(versionFile, `${LOCAL_KMS_VERSION}\n`);
  });
}
