// `npm run test:large [-- --mib N]`: one file of at least 4 GiB (default
// 4 GiB + 1 MiB + 123 bytes, so the last part and the last chunk are both
// short) of random bytes, picked from disk in headless Chromium (see
// scripts/bench.ts for why not generated in the page), uploaded through the engine
// (worker encryption, multipart), downloaded and decrypted through the
// engine, and compared by streaming SHA-256 on both sides: the page never
// holds the file whole. Reports the times and the browser's peak memory;
// the last line is JSON. Needs about 2 × N of free disk under the temp dir.
import { parseArgs } from 'node:util';
import { openBrowserSession, pickRandomFile, waitForRun, type BrowserSession } from './lib/browser-session';
import { step } from './lib/log';
import { ensureNextBuild } from './lib/next-app';
import { startStack } from './lib/stack';

const MiB = 1024 * 1024;
const { values } = parseArgs({ options: { mib: { type: 'string' }, parallelism: { type: 'string', default: '4' } } });
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
    step(`picking a file of ${size} random bytes (${(size / MiB).toFixed(1)} MiB)`);
    await pickRandomFile(s, 'large.bin', size);
    const source = await s.engine((e) => e.sha256OfFile('large.bin'), null);

    await s.memory.start();
    await s.engine((e, p) => e.start('large', 'large.bin', p), parallelism);
    const upload = await waitForRun(s, 'large');
    const uploadMemory = await s.memory.stop();
    step(`uploaded in ${seconds(upload.ms)} s (${(size / MiB / (upload.ms / 1000)).toFixed(1)} MiB/s), encryption in the ${await s.engine((e) => e.encryptionThread(), null)}`);

    await s.memory.start();
    const download = await s.engine((e, id) => e.downloadSha256(id), upload.id);
    const downloadMemory = await s.memory.stop();
    step(`downloaded and decrypted in ${seconds(download.ms)} s (${(size / MiB / (download.ms / 1000)).toFixed(1)} MiB/s)`);

    const ok = download.bytes === size && download.sha256 === source;
    step(`${ok ? 'identical' : 'DIFFERENT'}: sha256 ${download.sha256} (source ${source}); peak renderer RSS upload ${uploadMemory.rendererRssMiB} MiB, download ${downloadMemory.rendererRssMiB} MiB; JS heap ${Math.max(uploadMemory.jsHeapMiB, downloadMemory.jsHeapMiB)} MiB`);
    console.log(JSON.stringify({
      date: new Date().toISOString(), bytes: size, parallelism, identical: ok, sha256: source,
      upload_seconds: seconds(upload.ms), download_seconds: seconds(download.ms),
      upload_peak_rss_mib: uploadMemory.rendererRssMiB, download_peak_rss_mib: downloadMemory.rendererRssMiB,
      peak_js_heap_mib: Math.max(uploadMemory.jsHeapMiB, downloadMemory.jsHeapMiB),
    }));
    if (!ok) {
      console.error('twofold: the downloaded file differs from the uploaded one');
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
