// `npm run test:stores`: the external-S3 path against a second real S3
// implementation. Builds SeaweedFS and local-kms once (cached in
// .twofold/bin), starts local-kms and SeaweedFS's S3 gateway (its SSE-KMS
// provider pointed at local-kms) on free loopback ports in a throwaway
// directory, runs the suites in tests/stores, and tears everything down.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fail, step, timed } from './lib/log';
import { auditLogText } from './lib/log-audit';
import { repoRoot } from './lib/paths';
import { freePort, run } from './lib/proc';
import { ensureLocalKmsBinary, ensureSeaweedBinary, LOCAL_KMS_VERSION, SEAWEED_VERSION } from './lib/seaweed-binary';
import { startSeaweed } from './lib/seaweed-process';
import type { StoresContext } from './lib/stores-context';
import { LOCAL_KMS_REGION, startLocalKms } from './lib/stores-local-kms';

const started = performance.now();
const fileFilters = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const tmp = mkdtempSync(join(tmpdir(), 'twofold-stores-'));
const cleanups: Array<() => Promise<void>> = [];
async function cleanup() {
  for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => console.error('cleanup:', e));
  rmSync(tmp, { recursive: true, force: true });
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const credential = (prefix: string) => ({ accessKey: `${prefix}${randomBytes(6).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') });

let ok = false;
let counts = { passed: 0, failed: 0 };
try {
  await ensureSeaweedBinary();
  await ensureLocalKmsBinary();

  const kms = await timed('local-kms started', async () => startLocalKms(join(tmp, 'kms'), await freePort()));
  cleanups.push(() => kms.stop());
  const identities = { admin: credential('admin'), app: credential('app'), minioPolicyApp: credential('minio') };
  const appOrigin = 'http://localhost:3000';
  const fallbackCorsOrigin = 'https://fallback-cors.invalid';
  const bucket = 'twofold';
  const seaweed = await timed('SeaweedFS S3 gateway answering signed requests', () =>
    startSeaweed({ dir: join(tmp, 'seaweed'), bucket, identities, kms: { endpoint: kms.endpoint, region: LOCAL_KMS_REGION }, fallbackCorsOrigin }),
  );
  cleanups.push(() => seaweed.stop());

  const context: StoresContext = {
    appOrigin,
    fallbackCorsOrigin,
    bucket,
    seaweed: { version: SEAWEED_VERSION, endpoint: seaweed.endpoint, plainEndpoint: seaweed.plainEndpoint, dataDir: join(tmp, 'seaweed', 'data'), ...identities },
    kms: { version: LOCAL_KMS_VERSION, endpoint: kms.endpoint, keyId: kms.keyId, keyArn: kms.keyArn, alias: kms.alias },
  };
  const contextFile = join(tmp, 'context.json');
  writeFileSync(contextFile, JSON.stringify(context), { mode: 0o600 });

  step('── stores (SeaweedFS + local-kms)');
  const out = join(tmp, 'stores.json');
  const code = await run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'stores', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...fileFilters], {
    cwd: repoRoot,
    // The suites, and `npm run provision` they spawn, trust the gateway's throwaway certificate.
    env: { ...process.env, TWOFOLD_STORES_CONTEXT: contextFile, NODE_EXTRA_CA_CERTS: seaweed.caFile },
  });
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number };
    counts = { passed: r.numPassedTests, failed: r.numFailedTests };
  }
  // The gateway saw every presigned URL and both identities' secrets: its log
  // (and local-kms's) must hold none of them (scripts/lib/log-audit.ts).
  const logText = [seaweed.log, join(tmp, 'kms', 'local-kms.log')].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : '')).join('\n');
  const problems = auditLogText(logText, Object.values(identities).map((id) => id.secretKey));
  for (const p of problems.slice(0, 20)) console.error(`  ✗ log audit ${p}`);
  counts = { passed: counts.passed + Number(problems.length === 0), failed: counts.failed + Number(problems.length > 0) };
  ok = code === 0 && problems.length === 0;
  // The throwaway directory goes away; a failing run keeps the gateway's log.
  if (!ok && existsSync(seaweed.log)) {
    const kept = join(repoRoot, '.twofold', 'stores-weed.log');
    writeFileSync(kept, readFileSync(seaweed.log));
    step(`SeaweedFS log kept at ${kept}`);
  }
} catch (error) {
  console.error(error);
} finally {
  await cleanup();
}

step(`${ok ? 'ok  ' : 'FAIL'} stores: ${counts.passed} passed, ${counts.failed} failed`);
step(`npm run test:stores took ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (!ok) fail('the store suites failed');
