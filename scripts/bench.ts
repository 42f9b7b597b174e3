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

const MiB = 1024 * 1024;
const { values } = parseArgs({ options: {
  mib: { type: 'string', default: '1024' }, parallelism: { type: 'string', default: String(DEFAULT_PARALLELISM) }, repeat: { type: 'string', default: '2' },
  zip: { type: 'boolean', default: false },
} });
const mib = Number(values.mib);
const parallelism = Number(values.parallelism);
const repeat = Number(values.repeat);
if (!(mib > 0) || !Number.isInteger(parallelism) || parallelism < 1 || !(repeat >= 1)) throw new Error('usage: npm run bench -- [--zip] [--mib N] [--parallelism P] [--repeat R]');
const size = Math.round(mib * MiB);

const best = (session: BrowserSession, run: () => Promise<number>) => measureBest(session, size, repeat, run);

async function main(): Promise<void> {
  await ensureNextBuild();
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
    const baselineUp = await best(s, () => baselinePut(false));
    step(`baseline PUT: ${baselineUp.mibps} MiB/s`);
    // Not the baseline: the same PUTs with each part first read into the page and
    // made into a new Blob, the copy any encrypting client pays (docs/benchmarks.md).
    const copiedUp = await best(s, () => baselinePut(true));
    step(`baseline PUT with the parts copied through the page: ${copiedUp.mibps} MiB/s`);

    const ids: string[] = [];
    const twofoldUp = await best(s, async () => {
      const key = `up-${ids.length}`;
      await s.engine((e, a) => e.start(a.key, 'data.bin', a.parallelism), { key, parallelism });
      const { id, ms } = await waitForRun(s, key);
      ids.push(id);
      return ms;
    });
    const thread = await s.engine((e) => e.encryptionThread(), null);
    step(`Twofold upload (encryption in the ${thread}): ${twofoldUp.mibps} MiB/s`);

    const baselineDown = await best(s, async () => {
      const { url } = await store.presignGet(baselineKeys[0]!, 3600);
      const result = await s.engine((e, u) => e.baselineGet(u), url);
      if (result.bytes !== size) throw new Error(`baseline GET returned ${result.bytes} bytes`);
      return result.ms;
    });
    step(`baseline GET: ${baselineDown.mibps} MiB/s`);

    const twofoldDown = await best(s, async () => {
      const result = await s.engine((e, id) => e.downloadDiscard(id), ids[0]!);
      if (result.bytes !== size) throw new Error(`download returned ${result.bytes} bytes`);
      return result.ms;
    });
    const decryptedIn = await s.engine((e) => e.decryptionThread(), null);
    step(`Twofold download (decryption in the ${decryptedIn === 'worker' ? 'worker' : "page's thread"}): ${twofoldDown.mibps} MiB/s`);

    // Revoke and re-encrypt (nobody revoked): read back, decrypt, re-encrypt in
    // the page, upload as the replacement. Each run replaces the previous copy.
    let current = ids[0]!;
    const twofoldRekey = await best(s, async () => {
      const result = await s.engine((e, a) => e.reencrypt(a.id, a.parallelism), { id: current, parallelism });
      current = result.id;
      return result.ms;
    });
    const check = await s.engine((e, id) => e.downloadDiscard(id), current);
    if (check.bytes !== size) throw new Error(`the re-encrypted file decrypts to ${check.bytes} bytes`);
    // Its baseline: the same bytes fetched and stored again unencrypted, one
    // after the other (this run's best GET, then its best PUT).
    const baselineCopy = round(1 / (1 / baselineDown.mibps + 1 / baselineUp.mibps));
    step(`Twofold re-encryption (read, decrypt, encrypt in the page, upload): ${twofoldRekey.mibps} MiB/s; baseline GET then PUT: ${baselineCopy} MiB/s`);

    const uploadRatio = round(twofoldUp.mibps / baselineUp.mibps, 3);
    const downloadRatio = round(twofoldDown.mibps / baselineDown.mibps, 3);
    const peak = Math.max(twofoldUp.memory.rendererRssMiB, twofoldDown.memory.rendererRssMiB);
    console.log('');
    console.log(`                 | Twofold MiB/s | baseline MiB/s | ratio | renderer RSS peak (Twofold / baseline) | JS heap peak`);
    console.log(`upload   ${mib} MiB | ${twofoldUp.mibps} | ${baselineUp.mibps} | ${uploadRatio} | ${twofoldUp.memory.rendererRssMiB} / ${baselineUp.memory.rendererRssMiB} MiB | ${twofoldUp.memory.jsHeapMiB} MiB`);
    console.log(`download ${mib} MiB | ${twofoldDown.mibps} | ${baselineDown.mibps} | ${downloadRatio} | ${twofoldDown.memory.rendererRssMiB} / ${baselineDown.memory.rendererRssMiB} MiB | ${twofoldDown.memory.jsHeapMiB} MiB`);
    const rekeyRatio = round(twofoldRekey.mibps / baselineCopy, 3);
    console.log(`re-encrypt ${mib} MiB | ${twofoldRekey.mibps} | ${baselineCopy} | ${rekeyRatio} | ${twofoldRekey.memory.rendererRssMiB} MiB | ${twofoldRekey.memory.jsHeapMiB} MiB`);
    console.log(JSON.stringify({
      date: new Date().toISOString(), mib, part_size_mib: plan.partSize / MiB, parallelism, chunk_kib: DEFAULT_CHUNK_SIZE / 1024, repeat,
      chromium: s.version, encryption_thread: thread,
      upload_mibps: twofoldUp.mibps, baseline_upload_mibps: baselineUp.mibps, upload_ratio: uploadRatio,
      copied_upload_mibps: copiedUp.mibps, upload_ratio_to_copied: round(twofoldUp.mibps / copiedUp.mibps, 3),
      download_mibps: twofoldDown.mibps, baseline_download_mibps: baselineDown.mibps, download_ratio: downloadRatio,
      reencrypt_mibps: twofoldRekey.mibps, baseline_copy_mibps: baselineCopy, reencrypt_ratio: rekeyRatio,
      reencrypt_peak_memory_mib: twofoldRekey.memory.rendererRssMiB,
      peak_memory_mib: peak, peak_js_heap_mib: Math.max(twofoldUp.memory.jsHeapMiB, twofoldDown.memory.jsHeapMiB),
      baseline_peak_memory_mib: Math.max(baselineUp.memory.rendererRssMiB, baselineDown.memory.rendererRssMiB),
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
