// The store suites (tests/stores) as one call, so `npm run test:stores`
// and, if the lead wires it in, `npm test` run them the same way: build
// SeaweedFS and local-kms once (cached in .twofold/bin), start both on free
// loopback ports in a throwaway directory, run vitest's `stores` project,
// audit both servers' logs, tear everything down.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { step, timed } from './log';
import { auditLogText } from './log-audit';
import { repoRoot } from './paths';
import { freePort, run } from './proc';
import { ensureLocalKmsBinary, LOCAL_KMS_VERSION } from './local-kms-binary';
import { ensureSeaweedBinary, SEAWEED_VERSION } from './seaweed-binary';
import { startSeaweed } from './seaweed-process';
import type { StoresContext } from './stores-context';
import { LOCAL_KMS_REGION, startSeededLocalKms } from './stores-local-kms';

export interface StoresResult {
  ok: boolean;
  passed: number;
  failed: number;
}

const credential = (prefix: string) => ({ accessKey: `${prefix}${randomBytes(6).toString('hex')}`, secretKey: randomBytes(24).toString('base64url') });

export async function runStoresSuite(fileFilters: string[] = []): Promise<StoresResult> {
  const tmp = mkdtempSync(join(tmpdir(), 'twofold-stores-'));
  const cleanups: Array<() => Promise<void>> = [];
  const cleanup = async () => {
    for (const fn of cleanups.reverse()) await fn().catch((e: unknown) => console.error('cleanup:', e));
    rmSync(tmp, { recursive: true, force: true });
  };
  const onSigint = () => void cleanup().then(() => process.exit(130));
  process.once('SIGINT', onSigint);
  try {
    await ensureSeaweedBinary();
    await ensureLocalKmsBinary();

    const kms = await timed('local-kms started', async () => startSeededLocalKms(join(tmp, 'kms'), await freePort()));
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
    // A --files filter that names no store suite is not a failure of this one.
    const filterArgs = fileFilters.length ? ['--passWithNoTests', ...fileFilters] : [];
    const code = await run(join(repoRoot, 'node_modules', '.bin', 'vitest'), ['run', '--project', 'stores', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...filterArgs], {
      cwd: repoRoot,
      // The suites, and `npm run provision` they spawn, trust the gateway's throwaway certificate.
      env: { ...process.env, TWOFOLD_STORES_CONTEXT: contextFile, NODE_EXTRA_CA_CERTS: seaweed.caFile },
    });
    const counts = existsSync(out)
      ? (({ numPassedTests, numFailedTests }) => ({ passed: numPassedTests, failed: numFailedTests }))(
          JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number },
        )
      : { passed: 0, failed: 0 };
    // The gateway saw every presigned URL and every identity's secret: its log
    // (and local-kms's) must hold none of them (scripts/lib/log-audit.ts).
    const logText = [seaweed.log, join(tmp, 'kms', 'local-kms.log')].map((f) => (existsSync(f) ? readFileSync(f, 'utf8') : '')).join('\n');
    const problems = auditLogText(logText, Object.values(identities).map((id) => id.secretKey));
    for (const p of problems.slice(0, 20)) console.error(`  ✗ log audit ${p}`);
    const ok = code === 0 && problems.length === 0;
    // The throwaway directory goes away; a failing run keeps the gateway's log.
    if (!ok && existsSync(seaweed.log)) {
      const kept = join(repoRoot, '.twofold', 'stores-weed.log');
      writeFileSync(kept, readFileSync(seaweed.log));
      step(`SeaweedFS log kept at ${kept}`);
    }
    return { ok, passed: counts.passed + Number(problems.length === 0), failed: counts.failed + Number(problems.length > 0) };
  } catch (error) {
    console.error(error);
    return { ok: false, passed: 0, failed: 1 };
  } finally {
    process.off('SIGINT', onSigint);
    await cleanup();
  }
}
