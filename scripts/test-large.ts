// `npm run test:large [-- --mib N]`: one file of at least 4 GiB (default
// 4 GiB + 1 MiB + 123 bytes, so the last part and the last chunk are both
// short) of random bytes, picked from disk in headless Chromium (see
// scripts/bench.ts for why not generated in the page), uploaded through the engine
// (worker encryption, multipart), downloaded and decrypted through the
// engine, and compared by streaming SHA-256 on both sides: the page never
// holds the file whole. Reports the times and the browser's peak memory;
// the last line is JSON. Needs about 2 × N of free disk under the temp dir.
// Before it, the same round trip of a 1 GiB file (`--compare-mib`, 0 to skip)
// in the same browser: the memory target is the 4 GiB peak within
// 10% of the 1 GiB peak, so both are measured side by side.
import { parseArgs } from 'node:util';
import { openBrowserSession, pickRandomFile, waitForRun, type BrowserSession } from './lib/browser-session';
import { step } from './lib/log';
import { ensureNextBuild } from './lib/next-app';
import { startStack } from './lib/stack';

const MiB = 1024 * 1024;
const { values } = parseArgs({ options: { mib: { type: 'string' }, parallelism: { type: 'string', default: '4' }, 'compare-mib': { type: 'string', default: '1024' } } });
const compareSize = Math.round(Number(values['compare-mib']) * MiB);
const size = values.mib ? Math.round(Number(values.mib) * MiB) : 4096 * MiB + MiB + 123;
const parallelism = Number(values.parallelism);
const seconds = (ms: number) => Math.round(ms / 100) / 10;

async function main(): Promise<void> {
  await ensureNextBuild();
  const stack = await startStack();
  let session: BrowserSession | undefined;
  try {
    session = await openBrowserSession(stack.appUrl);
    const s = session;
    const roundTrip = async (name: string, bytes: number) => {
      step(`picking a file of ${bytes} random bytes (${(bytes / MiB).toFixed(1)} MiB)`);
      await pickRandomFile(s, name, bytes);
      const source = await s.engine((e, n) => e.sha256OfFile(n), name);

      await s.memory.start();
      await s.engine((e, a) => e.start(a.name, a.name, a.parallelism), { name, parallelism });
      const upload = await waitForRun(s, name);
      const uploadMemory = await s.memory.stop();
      step(`uploaded in ${seconds(upload.ms)} s (${(bytes / MiB / (upload.ms / 1000)).toFixed(1)} MiB/s), encryption in the ${await s.engine((e) => e.encryptionThread(), null)}`);

      await s.memory.start();
      const download = await s.engine((e, id) => e.downloadSha256(id), upload.id);
      const downloadMemory = await s.memory.stop();
      step(`downloaded and decrypted in ${seconds(download.ms)} s (${(bytes / MiB / (download.ms / 1000)).toFixed(1)} MiB/s)`);

      const ok = download.bytes === bytes && download.sha256 === source;
      const peak = Math.max(uploadMemory.rendererRssMiB, downloadMemory.rendererRssMiB);
      step(`${ok ? 'identical' : 'DIFFERENT'}: sha256 ${download.sha256} (source ${source}); peak renderer RSS upload ${uploadMemory.rendererRssMiB} MiB, download ${downloadMemory.rendererRssMiB} MiB; JS heap ${Math.max(uploadMemory.jsHeapMiB, downloadMemory.jsHeapMiB)} MiB`);
      return { ok, source, upload, download, uploadMemory, downloadMemory, peak };
    };
    const compare = compareSize > 0 ? await roundTrip('compare.bin', compareSize) : undefined;
    const large = await roundTrip('large.bin', size);
    const growth = compare ? Math.round((large.peak / compare.peak - 1) * 1000) / 1000 : null;
    if (compare) step(`peak renderer RSS: ${large.peak} MiB for ${(size / MiB).toFixed(0)} MiB against ${compare.peak} MiB for ${(compareSize / MiB).toFixed(0)} MiB (${growth! >= 0 ? '+' : ''}${Math.round(growth! * 1000) / 10}%)`);
    console.log(JSON.stringify({
      date: new Date().toISOString(), bytes: size, parallelism, identical: large.ok && (compare?.ok ?? true), sha256: large.source,
      upload_seconds: seconds(large.upload.ms), download_seconds: seconds(large.download.ms),
      upload_peak_rss_mib: large.uploadMemory.rendererRssMiB, download_peak_rss_mib: large.downloadMemory.rendererRssMiB,
      peak_js_heap_mib: Math.max(large.uploadMemory.jsHeapMiB, large.downloadMemory.jsHeapMiB),
      peak_memory_mib: large.peak, compare_bytes: compare ? compareSize : null, compare_peak_memory_mib: compare?.peak ?? null, peak_growth: growth,
    }));
    if (!large.ok || (compare && !compare.ok)) {
      console.error('twofold: a downloaded file differs from the uploaded one');
      process.exitCode = 1; // not fail(): the stack must still be stopped below
    }
  } finally {
    await session?.close();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
