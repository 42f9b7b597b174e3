// `npm test`: set up what the suites need, start throwaway services on free
// ports, run unit, integration (PGlite, then PostgreSQL) and e2e suites, tear
// everything down, and exit non-zero if anything failed.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLaunchConfig, EMBEDDED_BUCKET } from './lib/launch-config';
import { auditLogText } from './lib/log-audit';
import { fail, step, timed } from './lib/log';
import { ensureAdminBinary, ensureMinioBinary } from './lib/minio-binary';
import { ensureLocalKmsBinary } from './lib/local-kms-binary';
import { ensureNextBuild, startNext } from './lib/next-app';
import { homePaths, repoRoot } from './lib/paths';
import { createDatabase, startPostgres } from './lib/postgres';
import { openDatabase } from '../lib/server/db/connect';
import { migrateDatabase } from '../lib/server/db/migrate';
import { freePort, run } from './lib/proc';
import { ensureLocalSecrets } from './lib/secrets';
import { startBackend, type Backend } from './lib/services';
import { ensureSeaweedBinary } from './lib/seaweed-binary';
import { runStoresSuite } from './lib/stores-suite';
import { chromiumPath, ensureSystemPackages } from './lib/system-deps';
import { startNginx } from './lib/nginx';
import type { TestContext } from './lib/test-context';

// Developers' shortcut, never used by CI: `npm test -- --only=e2e,postgres
// --files=links` runs only the named suites (static, unit, pglite, postgres,
// e2e, stores), and only test files whose path contains one of the --files words.
const cliArgs = new Map(process.argv.slice(2).map((arg) => {
  const [key, value = ''] = arg.replace(/^--/, '').split('=');
  return [key!, value.split(',').filter(Boolean)] as const;
}));
const only = cliArgs.get('only');
const fileFilters = cliArgs.get('files') ?? [];
const wanted = (suite: string) => !only || only.includes(suite);

const started = performance.now();
const tmp = mkdtempSync(join(tmpdir(), 'twofold-test-'));
const cleanups: Array<() => Promise<void>> = [];
const results: Array<{ suite: string; ok: boolean; passed: number; failed: number }> = [];
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => console.error('cleanup:', e));
  rmSync(tmp, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

function countVitest(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests };
}

function countPlaywright(file: string): { passed: number; failed: number } {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
}

async function vitest(suite: string, project: string, env: Record<string, string>) {
  step(`── ${suite}`);
  const out = join(tmp, `${suite}.json`);
  const code = await run(bin('vitest'), ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...fileFilters], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  results.push({ suite, ok: code === 0, ...countVitest(out) });
}

/** Lint (with the import-boundary rules) and a whole-repo type check, tests and scripts included. */
async function staticChecks() {
  step('── static checks (eslint, tsc)');
  const lint = await run(bin('eslint'), ['.', '--max-warnings=0'], { cwd: repoRoot });
  const types = await run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], { cwd: repoRoot });
  const passedCount = Number(lint === 0) + Number(types === 0);
  results.push({ suite: 'static checks', ok: passedCount === 2, passed: passedCount, failed: 2 - passedCount });
}

/**
 * Secrets, presigned query strings, cookies and client-error stacks are never
 * logged: after the e2e run, the app server's and MinIO's whole output is
 * audited (scripts/lib/log-audit.ts).
 */
function auditLogs(files: string[], secretValues: string[]) {
  step('── log audit');
  const problems: string[] = [];
  for (const file of files) {
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
    for (const problem of auditLogText(text, secretValues)) problems.push(`${file} ${problem}`);
  }
  for (const p of problems.slice(0, 50)) console.error(`  ✗ ${p}`);
  results.push({ suite: 'log audit', ok: problems.length === 0, passed: problems.length === 0 ? 1 : 0, failed: problems.length === 0 ? 0 : 1 });
}

let backend: Backend | undefined;
try {
  await timed('system packages present', ensureSystemPackages);
  // The Go builds and the app build overlap (a first run's longest stages). local-kms:
  // tests/integration/kms-provision.test.ts and the stores suite start their own from this binary.
  await Promise.all([
    ensureMinioBinary().then(ensureAdminBinary).then(ensureLocalKmsBinary),
    ensureNextBuild(),
    wanted('stores') ? ensureSeaweedBinary() : undefined,
  ]);

  if (wanted('static')) await staticChecks();
  if (wanted('unit')) await vitest('unit', 'unit', {});
  // The external-S3 path against SeaweedFS + local-kms (also `npm run test:stores`); it needs neither MinIO nor a database.
  if (wanted('stores')) results.push({ suite: 'stores (SeaweedFS + local-kms)', ...(await runStoresSuite(fileFilters)) });

  const minioPort = await freePort();
  const appPort = await freePort();
  const home = join(tmp, 'home');
  const paths = homePaths(home);
  // The launcher's own config, with every port free and every directory new.
  const config = readLaunchConfig({ PORT: String(appPort), MINIO_PORT: String(minioPort), HOST: '127.0.0.1' });
  backend = await startBackend(config, paths, { staleUploadsExpiry: '1h' });
  cleanups.push(() => backend!.stop());
  const secrets = ensureLocalSecrets(paths);
  const context: TestContext = {
    home,
    bucket: EMBEDDED_BUCKET,
    minio: {
      endpoint: backend.minio!.endpoint,
      port: minioPort,
      dataDir: paths.minioData,
      rootUser: secrets.rootUser,
      rootPassword: secrets.rootPassword,
      appUser: secrets.appUser,
      appPassword: secrets.appPassword,
      kmsKeyName: secrets.kmsKeyName,
    },
    appEnv: Object.fromEntries(Object.entries(backend.appEnv).filter(([k]) => /^(S3_|KMS_|NEXTAUTH_|OPAQUE_|TWOFOLD_STORAGE|PRESIGN)/.test(k))) as Record<string, string>,
  };
  const contextFile = join(tmp, 'context.json');
  writeFileSync(contextFile, JSON.stringify(context), { mode: 0o600 });
  const suiteEnv = { TWOFOLD_TEST_CONTEXT: contextFile, TWOFOLD_TEST_TMP: tmp };

  if (wanted('pglite')) await vitest('integration (pglite)', 'integration', suiteEnv);

  // Its own directory: the cluster belongs to the postgres user, who must not
  // be able to read the test secrets kept in tmp.
  const pgDir = mkdtempSync(join(tmpdir(), 'twofold-pg-'));
  cleanups.push(async () => rmSync(pgDir, { recursive: true, force: true }));
  const pg = await timed('PostgreSQL started', async () => startPostgres(pgDir, await freePort()));
  cleanups.push(() => pg.stop());
  if (wanted('postgres')) await vitest('integration (postgres)', 'integration', { ...suiteEnv, DATABASE_URL: pg.url });

  // [Note: e2e database] The e2e app runs on its own database in the
  // PostgreSQL cluster, not on PGlite (npm start's default): PGlite lives
  // inside the app process where no test can read it, and the zero-knowledge
  // canary (tests/e2e/vault-canary.spec.ts) must dump every table to show no
  // file name or content reached the server.
  const e2eDatabaseUrl = await timed('e2e database created and migrated', async () => {
    const url = await createDatabase(pg.url, 'twofold_e2e');
    const conn = await openDatabase({ databaseUrl: url });
    try {
      await migrateDatabase(conn);
    } finally {
      await conn.close();
    }
    return url;
  });
  writeFileSync(contextFile, JSON.stringify({ ...context, e2eDatabaseUrl } satisfies TestContext), { mode: 0o600 });

  const appLog = join(tmp, 'app.log');
  // One trusted hop, as behind a proxy: the suite signs up more than SIGNUP_IP_LIMIT users in 15 minutes, so its
  // sign-ups say where they come from (X-Forwarded-For, tests/e2e/account-helpers.ts). Without the header the
  // socket peer is the client, as before.
  const app = await startNext({ port: appPort, host: '127.0.0.1', env: { ...backend.appEnv, DATABASE_URL: e2eDatabaseUrl, PGLITE_DIR: undefined, TRUSTED_PROXIES: '1' }, output: appLog });
  cleanups.push(() => app.stop());
  step(`── e2e (Chromium at ${chromiumPath}, app at ${app.url})`);
  const pwOut = join(tmp, 'e2e.json');
  const code = !wanted('e2e') ? 0 : await run(bin('playwright'), ['test', '--reporter=list,json', ...fileFilters], {
    cwd: repoRoot,
    env: { ...process.env, ...suiteEnv, TWOFOLD_BASE_URL: app.url, TWOFOLD_APP_LOG: appLog, PLAYWRIGHT_JSON_OUTPUT_NAME: pwOut, CHROMIUM_PATH: chromiumPath },
  });
  results.push({ suite: 'e2e', ok: code === 0, ...countPlaywright(pwOut) });

  // The cluster e2e (issue 13): two app servers on the same e2e database behind nginx, which takes over the
  // app's port, since that origin is the one MinIO's CORS and the apps' origin check allow.
  const clusterLogs: string[] = [];
  if (wanted('e2e')) {
    const clusterStarted = performance.now();
    await app.stop();
    const clusterEnv = { ...backend.appEnv, DATABASE_URL: e2eDatabaseUrl, PGLITE_DIR: undefined, TRUSTED_PROXIES: '1' };
    const clusterApps = await Promise.all([0, 1].map(async (i) => {
      clusterLogs.push(join(tmp, `app-cluster-${i}.log`));
      return startNext({ port: await freePort(), host: '127.0.0.1', env: clusterEnv, output: clusterLogs[i] });
    }));
    cleanups.push(async () => void (await Promise.all(clusterApps.map((a) => a.stop()))));
    const upstreams = clusterApps.map((a) => `127.0.0.1:${new URL(a.url).port}`);
    // Its own world-readable directory: as root nginx's worker runs as nobody.
    const nginxDir = mkdtempSync(join(tmpdir(), 'twofold-nginx-'));
    chmodSync(nginxDir, 0o755);
    cleanups.push(async () => rmSync(nginxDir, { recursive: true, force: true }));
    const nginx = await startNginx({ dir: nginxDir, host: '127.0.0.1', port: appPort, upstreams, pinnable: true });
    cleanups.push(() => nginx.stop());
    clusterLogs.push(join(nginxDir, 'access.log'));
    step(`── e2e, two app servers behind nginx (${nginx.url} → ${upstreams.join(', ')})`);
    const clusterOut = join(tmp, 'e2e-cluster.json');
    const clusterCode = await run(bin('playwright'), ['test', '--config=playwright.cluster.config.ts', '--reporter=list,json', '--pass-with-no-tests', ...fileFilters], {
      cwd: repoRoot,
      env: { ...process.env, ...suiteEnv, TWOFOLD_CLUSTER_URL: nginx.url, TWOFOLD_CLUSTER_A: upstreams[0], TWOFOLD_CLUSTER_B: upstreams[1], PLAYWRIGHT_JSON_OUTPUT_NAME: clusterOut, CHROMIUM_PATH: chromiumPath },
    });
    results.push({ suite: 'e2e (two app servers behind nginx)', ok: clusterCode === 0, ...countPlaywright(clusterOut) });
    step(`e2e with two app servers took ${((performance.now() - clusterStarted) / 1000).toFixed(0)} s`);
  }
  auditLogs([appLog, join(home, 'minio.log'), ...clusterLogs], [
    secrets.rootPassword, secrets.appPassword, secrets.nextAuthSecret, secrets.kmsSecretKey.split(':')[1] ?? '', backend.appEnv.OPAQUE_SERVER_SETUP ?? '',
  ]);
} catch (error) {
  console.error(error);
  results.push({ suite: 'set-up', ok: false, passed: 0, failed: 1 });
} finally {
  await cleanup();
}

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
for (const r of results) step(`${r.ok ? 'ok  ' : 'FAIL'} ${r.suite}: ${r.passed} passed, ${r.failed} failed`);
step(`npm test took ${((performance.now() - started) / 1000).toFixed(0)} s`);
console.log(`tests: ${passed} passed, ${failed} failed`);
if (results.some((r) => !r.ok)) fail('some suites failed');
