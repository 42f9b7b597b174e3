#!/usr/bin/env node
// Entry point behind `npm start`, `npm test`, `npm run provision` and the benches.
// It must run on a fresh clone, before node_modules exists, so it uses only
// Node's standard library: it installs dependencies when they are missing or
// stale, then hands over to the TypeScript script for the command.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const commands = {
  start: 'scripts/start.ts',
  'start-cluster': 'scripts/start-cluster.ts',
  test: 'scripts/test.ts',
  provision: 'scripts/provision.ts',
  'bench-crypto': 'scripts/bench-crypto.ts',
  bench: 'scripts/bench.ts',
  'test-large': 'scripts/test-large.ts',
  lighthouse: 'scripts/lighthouse.ts',
  backup: 'scripts/backup.ts',
  restore: 'scripts/restore.ts',
  'test-stores': 'scripts/test-stores.ts',
};

const [command, ...rest] = process.argv.slice(2);
const script = commands[command ?? ''];
if (!script) {
  console.error(`twofold: unknown command "${command ?? ''}" (expected one of ${Object.keys(commands).join(', ')})`);
  process.exit(2);
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`twofold: Node.js 20.19 or newer is required (found ${process.versions.node}).`);
  process.exit(1);
}

const launchStarted = Date.now();
const minioBuild = startMinioBuild();
ensureDependencies();

// react-server: lib/server modules import 'server-only', which only resolves
// to its empty build under that condition. The scripts are server-side code.
const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', join(root, script), ...rest], {
  cwd: root,
  stdio: 'inherit',
  // Node 20 is supported by the pinned SDK; its notice about future releases
  // would otherwise be printed by every process on every start.
  env: {
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...process.env,
    TWOFOLD_LAUNCH_STARTED: String(launchStarted),
    ...(minioBuild ? { TWOFOLD_MINIO_BUILD: 'background' } : {}),
  },
});
// The child handles Ctrl-C itself (it stops MinIO and the app in order);
// this wrapper only waits for it, so a signal is not acted on twice.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  minioBuild?.kill();
  process.exit(code ?? (signal ? 1 : 0));
});

/**
 * On a machine without MinIO yet, its Go build (minutes) starts now, before
 * `npm ci`, and runs alongside the install and the app build; the launcher
 * waits for it only when it needs MinIO (scripts/lib/minio-binary.ts). Not
 * for commands that never start MinIO, nor when an external store is set.
 */
function startMinioBuild() {
  const needsMinio = ['start', 'start-cluster', 'test', 'bench', 'test-large'].includes(command ?? '') && (command === 'test' || !process.env.S3_BUCKET);
  const binDir = process.env.TWOFOLD_BIN_DIR ?? join(root, '.twofold', 'bin');
  if (!needsMinio || existsSync(join(binDir, 'minio'))) return undefined;
  rmSync(join(binDir, 'minio.build-status.json'), { force: true });
  return spawn(process.execPath, [join(root, 'scripts', 'lib', 'build-minio.mjs')], { cwd: root, stdio: 'inherit' });
}

function ensureDependencies() {
  const lock = join(root, 'package-lock.json');
  const stampFile = join(root, 'node_modules', '.twofold-deps-stamp');
  const hash = createHash('sha256')
    .update(readFileSync(join(root, 'package.json')))
    .update(existsSync(lock) ? readFileSync(lock) : '')
    .digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return;

  const args = existsSync(lock) ? ['ci'] : ['install'];
  console.log(`twofold: installing dependencies (npm ${args[0]})…`);
  const started = Date.now();
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('twofold: dependency installation failed; see the npm output above.');
    minioBuild?.kill();
    process.exit(1);
  }
  writeFileSync(stampFile, hash);
  console.log(`twofold: dependencies installed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
