// `npm run bench [-- --mib N] [--parallelism P]`: upload and download N MiB
// (default 1024) through Twofold's engine in headless Chromium (encryption
// in the worker, multipart upload to presigned URLs; download with streaming
// decryption), against a baseline in the same run: the same bytes PUT and
// GET unencrypted through presigned URLs with the same part size and
// parallelism. The data is random bytes in a file on disk that the page
// "picks" (setInputFiles with a path: Chromium reads it from disk, as with a
// user's file; nothing is copied from Node). Generating it in the page does
// not work at this size: Chromium stops keeping page-made Blob data around
// 1 GiB. Then "revoke and re-encrypt" of the uploaded file, against the same
// bytes fetched and stored again unencrypted. Prints MiB/s, the ratios and the
// browser's peak memory; the last line is one JSON object. Results are
// recorded in docs/benchmarks.md. `--zip` runs the zip download benchmark
// instead (scripts/lib/zip-bench.ts) on the same stack and browser.
//
// Every phase runs twice in one invocation, in two arrangements of the cores
// (scripts/lib/affinity.ts): "split" (MinIO, the app and this script on CPU
// 0, Chromium on CPU 1) and "shared". Each phase reports the CPU time each
// process spent per MiB (scripts/lib/cpu-account.ts, two /proc readings per
// phase, no sampling), so a slow phase says which thread it waited on.
import { parseArgs } from 'node:util';
import { DEFAULT_CHUNK_SIZE } from '../lib/crypto/constants';
import { ciphertextSizeFromPlaintextSize } from '../lib/crypto/file-format';
import { DEFAULT_PARALLELISM } from '../lib/client/files/upload/upload-engine';
import { parseEnv, serverEnvSchema } from '../lib/server/env-schema';
import { createS3Client, storageConfigFromEnv } from '../lib/server/storage/client';
import { ObjectStore } from '../lib/server/storage/object-store';
import { planParts } from '../lib/server/files/upload-plan';
import { openBrowserSession, pickRandomFile, waitForRun, type BrowserSession } from './lib/browser-session';
import { best as measureBest, round } from './lib/bench-measure';
import { step } from './lib/log';
import { zipBench } from './lib/zip-bench';
import { ensureNextBuild } from './lib/next-app';
import { startStack } from './lib/stack';
import { arrange, splitUnavailable, type Arrangement } from './lib/affinity';
import { describeCpu } from './lib/cpu-account';
import type { Measured } from './lib/bench-measure';
import { startTraceProfile } from './lib/trace-profile';

const MiB = 1024 * 1024;
const { values } = parseArgs({ options: {
  mib: { type: 'string', default: '1024' }, parallelism: { type: 'string', default: String(DEFAULT_PARALLELISM) }, repeat: { type: 'string', default: '2' },
  zip: { type: 'boolean', default: false },
  arrangements: { type: 'string', default: 'split,shared' },
  profile: { type: 'boolean', default: false },
  'skip-variants': { type: 'boolean', default: false },
} });
const mib = Number(values.mib);
const parallelism = Number(values.parallelism);
const repeat = Number(values.repeat);
const requested = values.arrangements.split(',').map((a) => a.trim()).filter(Boolean);
if (!(mib > 0) || !Number.isInteger(parallelism) || parallelism < 1 || !(repeat >= 1) || requested.some((a) => a !== 'split' && a !== 'shared')) {
  throw new Error('usage: npm run bench -- [--zip] [--mib N] [--parallelism P] [--repeat R] [--arrangements split,shared] [--profile] [--skip-variants]');
}
const size = Math.round(mib * MiB);

const best = (session: BrowserSession, run: () => Promise<number>) => measureBest(session, size, repeat, run);

/** A hypothesis of issue 14 measured against the engine's default in the same arrangement. */
interface VariantResult {
  phase: 'upload' | 'download' | 're-encrypt';
  label: string;
  measured: Measured;
  /** To this arrangement's baseline of the same phase. */
  ratio: number;
}

interface ArrangementResult {
  variants: VariantResult[];
  baselineUp: Measured;
  copiedUp: Measured;
  twofoldUp: Measured;
  baselineDown: Measured;
  twofoldDown: Measured;
  rekey: Measured;
  baselineCopy: number;
  ratios: { upload: number; download: number; reencrypt: number };
}

/** CPU milliseconds per MiB moved, per role: the JSON form of describeCpu. */
function cpuJson(m: Measured): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [role, seconds] of Object.entries(m.cpu.byRole)) if (seconds > 0.005) out[role] = round((seconds * 1000) / m.mibMoved);
  const worker = m.cpu.threads.renderer.find(([name]) => name.startsWith('DedicatedWorker'));
  if (worker) out['renderer: worker thread'] = round((worker[1] * 1000) / m.mibMoved);
  return out;
}

function cpuLine(label: string, m: Measured): void {
  step(`  CPU ms per MiB, ${label}: ${describeCpu(m.cpu, m.mibMoved)}`);
}

async function main(): Promise<void> {
  await ensureNextBuild();
  // Every Twofold phase keeps its uploads until the run ends; the default 10 GiB quota would stop a 1 GiB run.
  process.env.TWOFOLD_QUOTA_BYTES ??= String(1024 ** 4);
  const stack = await startStack();
  let session: BrowserSession | undefined;
  try {
    session = await openBrowserSession(stack.appUrl);
    const s = session;
    if (values.zip) {
      await zipBench(s, { size, parallelism, repeat });
      return;
    }
    const env = parseEnv(serverEnvSchema, stack.appEnv as Record<string, string | undefined>);
    const config = storageConfigFromEnv(env);
    const store = new ObjectStore(createS3Client(config), config);

    step(`picking a file of ${mib} MiB of random bytes (written to disk, read by Chromium from there)`);
    await pickRandomFile(s, 'data.bin', size);
    // The part size the server plans for this file (the baseline uses the same).
    const plan = planParts(ciphertextSizeFromPlaintextSize(size, DEFAULT_CHUNK_SIZE));
    step(`part size ${plan.partSize / MiB} MiB × ${plan.partCount} parts, parallelism ${parallelism}, chunk ${DEFAULT_CHUNK_SIZE / 1024} KiB, best of ${repeat}`);

    // Baseline upload: presigned here with the app user's credentials (this is plumbing, not the app).
    const baselineKeys: string[] = [];
    const baselinePut = async (materialize: boolean) => {
      const key = ObjectStore.newObjectKey();
      baselineKeys.push(key);
      const uploadId = await store.createMultipart(key);
      const count = Math.ceil(size / plan.partSize);
      const parts = await Promise.all(Array.from({ length: count }, (_, i) => store.presignPart(key, uploadId, i + 1, Math.min(plan.partSize, size - i * plan.partSize), 3600)));
      const result = await s.engine((e, a) => e.baselinePut('data.bin', a.parts, a.partSize, a.parallelism, a.materialize), {
        parts: parts.map((p) => ({ url: p.url, headers: p.headers })), partSize: plan.partSize, parallelism, materialize,
      });
      await store.completeMultipart(key, uploadId, result.etags.map((etag, i) => ({ partNumber: i + 1, etag })));
      return result.ms;
    };
    const ids: string[] = [];
    const thread = { encryption: 'not started', decryption: 'not started' };

    const cannotSplit = splitUnavailable();
    if (cannotSplit && requested.includes('split')) step(`no "split" arrangement: ${cannotSplit}`);
    const arrangements = requested.filter((a): a is Arrangement => a === 'shared' || !cannotSplit);
    const runArrangement = async (arrangement: Arrangement): Promise<ArrangementResult> => {
      arrange(arrangement, s.marker);
      step(`arrangement "${arrangement}"${arrangement === 'split' ? ': MinIO, the app and this script on CPU 0, Chromium on CPU 1' : ': every process on every CPU'}`);
      const baselineUp = await best(s, () => baselinePut(false));
      step(`baseline PUT: ${baselineUp.mibps} MiB/s`);
      cpuLine('baseline PUT', baselineUp);
      // Not the baseline: the same PUTs with each part first read into the page and
      // made into a new Blob, the copy any encrypting client pays (docs/benchmarks.md).
      const copiedUp = await best(s, () => baselinePut(true));
      step(`baseline PUT with the parts copied through the page: ${copiedUp.mibps} MiB/s`);

      const twofoldUp = await best(s, async () => {
        const key = `up-${ids.length}`;
        await s.engine((e, a) => e.start(a.key, 'data.bin', a.parallelism), { key, parallelism });
        const { id, ms } = await waitForRun(s, key);
        ids.push(id);
        return ms;
      });
      thread.encryption = await s.engine((e) => e.encryptionThread(), null);
      const defaults = await s.engine((e) => ({ staging: e.staging(), workers: e.encryptionWorkers() }), null);
      step(`Twofold upload (encryption in the ${thread.encryption}, ${defaults.workers} worker(s), parts staged in ${defaults.staging}): ${twofoldUp.mibps} MiB/s`);
      cpuLine('Twofold upload', twofoldUp);

      // The hypotheses, each against the default just measured: only in the
      // first arrangement (the headline one), so the run stays within minutes.
      const variants: VariantResult[] = [];
      const withVariants = !values['skip-variants'] && arrangement === arrangements[0];
      const uploadVariant = async (label: string, setting: { staging?: 'opfs' | 'memory'; workers?: number; parallelism?: number }) => {
        await s.engine((e, a) => {
          if (a.staging) e.setStaging(a.staging);
          if (a.workers) e.setEncryptionWorkers(a.workers);
        }, setting);
        const measured = await best(s, async () => {
          const key = `variant-${ids.length}`;
          await s.engine((e, a) => e.start(a.key, 'data.bin', a.parallelism), { key, parallelism: setting.parallelism ?? parallelism });
          const { id, ms } = await waitForRun(s, key);
          ids.push(id);
          return ms;
        });
        await s.engine((e, d) => {
          e.setStaging(d.staging);
          e.setEncryptionWorkers(d.workers);
        }, defaults);
        variants.push({ phase: 'upload', label, measured, ratio: round(measured.mibps / baselineUp.mibps, 3) });
        step(`  variant: upload, ${label}: ${measured.mibps} MiB/s (default ${twofoldUp.mibps})`);
        cpuLine(`upload, ${label}`, measured);
      };
      if (withVariants) {
        await uploadVariant(defaults.staging === 'opfs' ? 'parts as in-memory Blobs (no OPFS staging)' : 'parts staged in OPFS', { staging: defaults.staging === 'opfs' ? 'memory' : 'opfs' });
        await uploadVariant(`${defaults.workers === 1 ? 2 : 1} encryption worker(s)`, { workers: defaults.workers === 1 ? 2 : 1 });
        await uploadVariant(`parallelism ${parallelism * 2}`, { parallelism: parallelism * 2 });
      }

      const baselineDown = await best(s, async () => {
        const { url } = await store.presignGet(baselineKeys[0]!, 3600);
        const result = await s.engine((e, u) => e.baselineGet(u), url);
        if (result.bytes !== size) throw new Error(`baseline GET returned ${result.bytes} bytes`);
        return result.ms;
      });
      step(`baseline GET: ${baselineDown.mibps} MiB/s`);
      cpuLine('baseline GET', baselineDown);

      const uploaded = ids.at(-1)!;
      const twofoldDown = await best(s, async () => {
        const result = await s.engine((e, id) => e.downloadDiscard(id), uploaded);
        if (result.bytes !== size) throw new Error(`download returned ${result.bytes} bytes`);
        return result.ms;
      });
      const decryptedIn = await s.engine((e) => e.decryptionThread(), null);
      thread.decryption = decryptedIn === 'worker' ? 'worker' : "page's thread";
      step(`Twofold download (decryption in the ${thread.decryption}): ${twofoldDown.mibps} MiB/s`);
      cpuLine('Twofold download', twofoldDown);
      if (withVariants) {
        const measured = await best(s, async () => {
          const result = await s.engine((e, id) => e.downloadDiscard(id, 'page'), uploaded);
          if (result.bytes !== size) throw new Error(`download returned ${result.bytes} bytes`);
          return result.ms;
        });
        variants.push({ phase: 'download', label: "decryption on the page's thread", measured, ratio: round(measured.mibps / baselineDown.mibps, 3) });
        step(`  variant: download, decryption on the page's thread: ${measured.mibps} MiB/s (default ${twofoldDown.mibps})`);
        cpuLine("download, page's thread", measured);
      }

      // Revoke and re-encrypt (nobody revoked): read back, decrypt, re-encrypt,
      // upload as the replacement. Each run replaces the previous copy.
      let current = uploaded;
      const rekey = await best(s, async () => {
        const result = await s.engine((e, a) => e.reencrypt(a.id, a.parallelism), { id: current, parallelism });
        current = result.id;
        return result.ms;
      });
      // Its baseline: the same bytes fetched and stored again unencrypted, one
      // after the other (this arrangement's best GET, then its best PUT).
      const baselineCopy = round(1 / (1 / baselineDown.mibps + 1 / baselineUp.mibps));
      if (withVariants) {
        const measured = await best(s, async () => {
          const result = await s.engine((e, a) => e.reencrypt(a.id, a.parallelism, 'page'), { id: current, parallelism });
          current = result.id;
          return result.ms;
        });
        variants.push({ phase: 're-encrypt', label: "re-encryption on the page's thread", measured, ratio: round(measured.mibps / baselineCopy, 3) });
        step(`  variant: re-encryption on the page's thread: ${measured.mibps} MiB/s (default ${rekey.mibps})`);
        cpuLine("re-encryption, page's thread", measured);
      }
      const check = await s.engine((e, id) => e.downloadDiscard(id), current);
      if (check.bytes !== size) throw new Error(`the re-encrypted file decrypts to ${check.bytes} bytes`);
      step(`Twofold re-encryption: ${rekey.mibps} MiB/s; baseline GET then PUT: ${baselineCopy} MiB/s`);
      cpuLine('re-encryption', rekey);
      return {
        variants, baselineUp, copiedUp, twofoldUp, baselineDown, twofoldDown, rekey, baselineCopy,
        ratios: {
          upload: round(twofoldUp.mibps / baselineUp.mibps, 3),
          download: round(twofoldDown.mibps / baselineDown.mibps, 3),
          reencrypt: round(rekey.mibps / baselineCopy, 3),
        },
      };
    };

    const results = new Map<Arrangement, ArrangementResult>();
    for (const arrangement of arrangements) results.set(arrangement, await runArrangement(arrangement));
    if (values.profile) {
      // One more upload, untimed, under a trace with V8's sampler: where the CPU goes by function and task.
      arrange(cannotSplit ? 'shared' : 'split', s.marker);
      const stopTrace = await startTraceProfile(s.cdp);
      const key = `profiled-${ids.length}`;
      await s.engine((e, a) => e.start(a.key, 'data.bin', a.parallelism), { key, parallelism });
      await waitForRun(s, key);
      const profile = await stopTrace();
      step(`profile of one upload of ${mib} MiB (self time; sampling overhead included):`);
      for (const t of profile.js.slice(0, 4)) step(`  JS ${t.thread}: ${t.totalMs} ms busy; ${t.top.map(([n, ms]) => `${n} ${ms}`).join(' · ')}`);
      for (const t of profile.tasks.slice(0, 4)) step(`  tasks ${t.thread}: ${t.totalMs} ms; ${t.top.slice(0, 6).map(([n, ms]) => `${n} ${ms}`).join(' · ')}`);
    }
    arrange('shared', s.marker);

    console.log('');
    console.log(`arrangement | phase | Twofold MiB/s | baseline MiB/s | ratio | renderer RSS peak (Twofold / baseline) | JS heap peak`);
    for (const [arrangement, r] of results) {
      console.log(`${arrangement} | upload ${mib} MiB | ${r.twofoldUp.mibps} | ${r.baselineUp.mibps} | ${r.ratios.upload} | ${r.twofoldUp.memory.rendererRssMiB} / ${r.baselineUp.memory.rendererRssMiB} MiB | ${r.twofoldUp.memory.jsHeapMiB} MiB`);
      console.log(`${arrangement} | download ${mib} MiB | ${r.twofoldDown.mibps} | ${r.baselineDown.mibps} | ${r.ratios.download} | ${r.twofoldDown.memory.rendererRssMiB} / ${r.baselineDown.memory.rendererRssMiB} MiB | ${r.twofoldDown.memory.jsHeapMiB} MiB`);
      console.log(`${arrangement} | re-encrypt ${mib} MiB | ${r.rekey.mibps} | ${r.baselineCopy} | ${r.ratios.reencrypt} | ${r.rekey.memory.rendererRssMiB} MiB | ${r.rekey.memory.jsHeapMiB} MiB`);
      for (const v of r.variants) {
        const base = v.phase === 'upload' ? r.baselineUp.mibps : v.phase === 'download' ? r.baselineDown.mibps : r.baselineCopy;
        console.log(`${arrangement} | ${v.phase}, ${v.label} | ${v.measured.mibps} | ${base} | ${v.ratio} | ${v.measured.memory.rendererRssMiB} MiB | ${v.measured.memory.jsHeapMiB} MiB`);
      }
    }
    // The headline figures come from the split arrangement (the issue's
    // targets are set there); where it cannot run, from the shared one.
    const headline = results.get('split') ?? results.get('shared')!;
    const shared = results.get('shared');
    const perArrangement = Object.fromEntries([...results].map(([arrangement, r]) => [arrangement, {
      upload_mibps: r.twofoldUp.mibps, baseline_upload_mibps: r.baselineUp.mibps, upload_ratio: r.ratios.upload,
      copied_upload_mibps: r.copiedUp.mibps, upload_ratio_to_copied: round(r.twofoldUp.mibps / r.copiedUp.mibps, 3),
      download_mibps: r.twofoldDown.mibps, baseline_download_mibps: r.baselineDown.mibps, download_ratio: r.ratios.download,
      reencrypt_mibps: r.rekey.mibps, baseline_copy_mibps: r.baselineCopy, reencrypt_ratio: r.ratios.reencrypt,
      peak_memory_mib: Math.max(r.twofoldUp.memory.rendererRssMiB, r.twofoldDown.memory.rendererRssMiB),
      variants: r.variants.map((v) => ({ phase: v.phase, label: v.label, mibps: v.measured.mibps, ratio: v.ratio, cpu_ms_per_mib: cpuJson(v.measured) })),
      cpu_ms_per_mib: {
        baseline_upload: cpuJson(r.baselineUp), upload: cpuJson(r.twofoldUp), baseline_download: cpuJson(r.baselineDown),
        download: cpuJson(r.twofoldDown), reencrypt: cpuJson(r.rekey),
      },
    }]));
    const all = [...results.values()];
    console.log(JSON.stringify({
      date: new Date().toISOString(), mib, part_size_mib: plan.partSize / MiB, parallelism, chunk_kib: DEFAULT_CHUNK_SIZE / 1024, repeat,
      chromium: s.version, encryption_thread: thread.encryption, decryption_thread: thread.decryption,
      headline_arrangement: results.has('split') ? 'split' : 'shared', split_unavailable: cannotSplit,
      upload_ratio: headline.ratios.upload, download_ratio: headline.ratios.download, reencrypt_ratio: headline.ratios.reencrypt,
      shared_upload_ratio: shared?.ratios.upload ?? null, shared_download_ratio: shared?.ratios.download ?? null, shared_reencrypt_ratio: shared?.ratios.reencrypt ?? null,
      peak_memory_mib: Math.max(...all.flatMap((r) => [r.twofoldUp.memory.rendererRssMiB, r.twofoldDown.memory.rendererRssMiB])),
      peak_js_heap_mib: Math.max(...all.flatMap((r) => [r.twofoldUp.memory.jsHeapMiB, r.twofoldDown.memory.jsHeapMiB])),
      baseline_peak_memory_mib: Math.max(...all.flatMap((r) => [r.baselineUp.memory.rendererRssMiB, r.baselineDown.memory.rendererRssMiB])),
      arrangements: perArrangement,
    }));
  } finally {
    await session?.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
