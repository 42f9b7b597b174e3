// `npm run bench -- --zip [--mib N]`: the zip download of issue 10 against a
// plain download of the same bytes, in one run on one stack and browser.
// 20 files totalling N MiB (default 1024) are uploaded through the engine,
// then measured, best of R each:
//   plain  the 20 stored objects fetched one after the other with their
//          presigned GETs, read and discarded: no decryption, no zip;
//   zip    the vault page's own "Download as zip" of the 20 selected files:
//          decrypt + zip (lib/client/files/zip) + the service-worker save
//          sink, until the browser has the whole zip on disk;
// and, to show where the time goes, the same decrypt + zip into a counting
// sink (no save path). MiB/s are plaintext MiB per second of wall time.
// The saved zip is checked: its size is the predicted one and Debian's
// `unzip -t` passes. The last line printed is one JSON object.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { installSaveSwitch } from '../../tests/e2e/vault-helpers';
import { best, round } from './bench-measure';
import { pickRandomFile, waitForRun, type BrowserSession } from './browser-session';
import { step } from './log';

const MiB = 1024 * 1024;
const FILES = 20;
const ZIP_NAME = 'My files.zip';

export async function zipBench(s: BrowserSession, options: { size: number; parallelism: number; repeat: number }): Promise<void> {
  const { size, parallelism, repeat } = options;
  const mib = round(size / MiB, 3);
  const sizes = Array.from({ length: FILES }, (_, i) => Math.floor(size / FILES) + (i < size % FILES ? 1 : 0));
  const names = sizes.map((_, i) => `data-${String(i + 1).padStart(2, '0')}.bin`);

  step(`uploading ${FILES} files totalling ${mib} MiB (random bytes on disk, picked by Chromium), parallelism ${parallelism}`);
  const ids: string[] = [];
  for (const [i, name] of names.entries()) {
    await pickRandomFile(s, name, sizes[i]!);
    await s.engine((e, a) => e.start(a.name, a.name, a.parallelism), { name, parallelism });
    ids.push((await waitForRun(s, name)).id);
  }

  let presignMs = 0;
  const plain = await best(s, size, repeat, async () => {
    const result = await s.engine((e, list) => e.baselineGetFiles(list), ids);
    if (result.bytes < size) throw new Error(`the plain GETs returned ${result.bytes} bytes`);
    presignMs = result.presignMs / FILES;
    return result.ms;
  });
  step(`plain download (presigned GETs of the 20 stored objects, discarded): ${plain.mibps} MiB/s; asking the app for each URL took ${round(presignMs)} ms per file`);

  let zipBytes = 0;
  const discard = await best(s, size, repeat, async () => {
    const result = await s.engine((e, list) => e.zipDiscard(list), ids);
    if (result.bytes !== result.expected) throw new Error(`the zip stream gave ${result.bytes} bytes, ${result.expected} predicted`);
    zipBytes = result.bytes;
    return result.ms;
  });
  step(`decrypt + zip into a counting sink (no save path): ${discard.mibps} MiB/s`);

  // The vault page itself, with the service-worker sink (headless Chromium has no save dialog to answer).
  const page = s.page;
  await installSaveSwitch(page);
  await page.goto('/vault?e2e-save=sw');
  await page.getByRole('checkbox', { name: `Select ${names.at(-1)}`, exact: true }).waitFor();
  const bar = page.getByRole('toolbar', { name: 'Selected items' });
  let last = 0;
  const zip = await best(s, size, repeat, async () => {
    await page.getByRole('checkbox', { name: 'Select all in this folder' }).click();
    await bar.getByText(`${FILES} items selected`).waitFor();
    const downloading = page.waitForEvent('download');
    const started = performance.now();
    await bar.getByRole('button', { name: 'Download as zip' }).click();
    const download = await downloading;
    const path = await download.path();
    const ms = performance.now() - started;
    if (download.suggestedFilename() !== ZIP_NAME) throw new Error(`the zip was saved as ${download.suggestedFilename()}`);
    const saved = statSync(path).size;
    if (saved !== zipBytes) throw new Error(`the saved zip has ${saved} bytes, ${zipBytes} predicted`);
    await page.getByText(`${ZIP_NAME} was saved: ${FILES} files decrypted into it.`).waitFor();
    if (++last === repeat) {
      // Not timed: the zip as Debian's unzip reads it (every entry's CRC-32 against its bytes).
      const listed = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).split('\n').filter((n) => n !== '');
      if ([...listed].sort().join() !== names.join()) throw new Error(`the zip lists ${listed.join(', ')}`);
      if (!execFileSync('unzip', ['-t', path], { encoding: 'utf8', maxBuffer: 16 * MiB }).includes('No errors detected')) throw new Error('unzip -t found errors');
    }
    await download.delete();
    return ms;
  });
  step(`vault zip (decrypt + zip + service-worker sink, to disk): ${zip.mibps} MiB/s; unzip -t passed`);

  const ratio = round(zip.mibps / plain.mibps, 3);
  console.log('');
  console.log(`                       | MiB/s | ratio to plain | renderer RSS peak | JS heap peak`);
  console.log(`plain GETs ${mib} MiB     | ${plain.mibps} | 1 | ${plain.memory.rendererRssMiB} MiB | ${plain.memory.jsHeapMiB} MiB`);
  console.log(`zip, counting sink     | ${discard.mibps} | ${round(discard.mibps / plain.mibps, 3)} | ${discard.memory.rendererRssMiB} MiB | ${discard.memory.jsHeapMiB} MiB`);
  console.log(`zip, saved to disk     | ${zip.mibps} | ${ratio} | ${zip.memory.rendererRssMiB} MiB | ${zip.memory.jsHeapMiB} MiB`);
  console.log(JSON.stringify({
    date: new Date().toISOString(), mib, files: FILES, repeat, chromium: s.version, zip_bytes: zipBytes,
    zip_ratio: ratio, zip_mib_s: zip.mibps, plain_mib_s: plain.mibps,
    zip_counting_sink_mib_s: discard.mibps, presign_ms_per_file: round(presignMs),
    peak_memory_mib: zip.memory.rendererRssMiB, peak_js_heap_mib: zip.memory.jsHeapMiB,
    plain_peak_memory_mib: plain.memory.rendererRssMiB, counting_sink_peak_memory_mib: discard.memory.rendererRssMiB,
  }));
}
