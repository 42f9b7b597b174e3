#!/usr/bin/env node
// Builds the embedded MinIO from source with `go install`, once. Plain Node
// (no dependencies) on purpose: scripts/run.mjs starts it in the background
// before `npm ci`, so the longest stage of a first start (the Go build, ~5 min
// cold) overlaps the dependency install and the app build instead of
// following them. scripts/lib/minio-binary.ts runs the same file when nothing
// started it, so there is one way MinIO gets built.
//
// Writes <bin>/minio.build-status.json ({ ok, seconds, version, explained }) when done;
// that file is how the launcher learns a background build has finished.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const { module: MODULE, tag: TAG, fallback: FALLBACK } = JSON.parse(readFileSync(join(root, 'scripts', 'minio-version.json'), 'utf8'));
const binDir = process.env.TWOFOLD_BIN_DIR ?? join(root, '.twofold', 'bin');
const statusFile = join(binDir, 'minio.build-status.json');
const say = (line) => console.log(`twofold: ${line}`);

function findGo() {
  if (process.env.TWOFOLD_GO) return existsSync(process.env.TWOFOLD_GO) ? process.env.TWOFOLD_GO : undefined;
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/local/go/bin']) {
    if (dir && existsSync(join(dir, 'go'))) return join(dir, 'go');
  }
  return undefined;
}

let current;
// The launcher stops this build when it stops (Ctrl-C, a failed install): the go process goes with it.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    current?.kill(signal);
    process.exit(1);
  });
}

/** go install, with its output kept back: it is printed only when it explains a failure. */
function goInstall(go, version) {
  return new Promise((resolve) => {
    const child = (current = spawn(go, ['install', `${MODULE}@${version}`], {
      cwd: binDir,
      env: { ...process.env, GOBIN: binDir, CGO_ENABLED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    }));
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: 1, output: String(e) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function finish(status) {
  writeFileSync(`${statusFile}.tmp`, JSON.stringify(status));
  renameSync(`${statusFile}.tmp`, statusFile);
  process.exit(status.ok ? 0 : 1);
}

mkdirSync(binDir, { recursive: true });
if (existsSync(join(binDir, 'minio'))) finish({ ok: true, seconds: 0, version: 'cached' });
const go = findGo();
if (!go) {
  console.error('twofold: Go is not installed and no external S3 is configured: install Go ≥1.24, or set S3_BUCKET and KMS_KEY_ID to use an external store (see README).');
  finish({ ok: false, seconds: 0, reason: 'no-go', explained: true });
}
const started = performance.now();
say(`building MinIO from source with go install (first run only; a few minutes, alongside the other set-up steps)…`);
for (const version of [TAG, FALLBACK]) {
  const { code, output } = await goInstall(go, version);
  if (code === 0) {
    writeFileSync(join(binDir, 'minio.version'), `${version}\n`);
    const seconds = (performance.now() - started) / 1000;
    say(`MinIO ${version} built (${seconds.toFixed(1)} s)`);
    finish({ ok: true, seconds, version });
  }
  if (version === TAG && /403|not available/i.test(output)) {
    // [Note: MinIO fallback] The Go module proxy reachable here answers MinIO's
    // release tag (and its commit) with "403: This module version is not
    // available". Go's own two lines about it read like a failure, so they are
    // replaced by what is going on.
    say(`the Go module proxy does not serve MinIO's release tag ${TAG} (it answers 403 "not available"); building the pinned newest commit ${FALLBACK} of the same module instead`);
    continue;
  }
  process.stderr.write(output);
  if (version === TAG) say(`${TAG} could not be installed (see go's output above); trying the pinned newest commit ${FALLBACK}`);
}
console.error('twofold: building MinIO failed; see the go output above.');
finish({ ok: false, seconds: (performance.now() - started) / 1000, explained: true });
