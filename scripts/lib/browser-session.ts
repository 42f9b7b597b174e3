// A signed-up user in headless Chromium on a stack of its own, with the
// engine harness loaded (tests/e2e/fixtures/engine-harness.ts), and a
// monitor of the browser's memory. Shared by `npm run bench` and
// `npm run test:large`.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { confirmRecoveryKey, signUp, uniqueEmail } from '../../tests/e2e/account-helpers';
import type { EngineHarness } from '../../tests/e2e/fixtures/engine-harness';
import { HARNESS_CHROMIUM_ARGS } from '../../tests/e2e/fixtures/chromium';
import { detachHarnessRoutes, installHarness, loadHarness, withEngine } from '../../tests/e2e/fixtures/harness';
import { classify } from './cpu-account';
import { listProcesses, resetPeakRss, statusBytes } from './proc-stat';
import { chromiumPath } from './system-deps';

const MiB = 1024 * 1024;

/**
 * Writes `size` random bytes to a file under the session's temp directory and
 * gives it to the page through the harness's file input, as a user picks a
 * file: Chromium reads it from disk (no Node→browser copy, nothing measured
 * twice). In-page generation cannot make files of a GiB or more: Chromium
 * refuses to keep that much page-made Blob data.
 */
export async function pickRandomFile(session: BrowserSession, name: string, size: number): Promise<void> {
  const path = join(session.dir, name);
  const out = createWriteStream(path);
  for (let offset = 0; offset < size; offset += 4 * MiB) {
    if (!out.write(randomBytes(Math.min(4 * MiB, size - offset)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  await session.page.setInputFiles('#twofold-harness-input', path);
  const picked = await session.engine((e, n) => e.adoptInputFile(n), name);
  if (picked !== size) throw new Error(`the page sees ${picked} bytes, not ${size}`);
}

export interface BrowserSession {
  /** A temp directory of the session: the browser profile and the picked files. */
  dir: string;
  /** Chromium's product string, e.g. "Chrome/156.0…". */
  version: string;
  page: Page;
  engine<A, R>(fn: (engine: EngineHarness, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  memory: MemoryMonitor;
  /** A switch on our browser's command line that tells its processes from other Chromiums' (cpu-account.ts). */
  marker: string;
  /** The page's DevTools session (trace-profile.ts). */
  cdp: CDPSession;
  close(): Promise<void>;
}

export async function openBrowserSession(appUrl: string): Promise<BrowserSession> {
  // A switch of our own marks our browser process among any other Chromiums on the machine.
  const marker = `--twofold-session=${process.pid}-${Date.now()}`;
  // A persistent profile, as a user's browser has: an off-the-record context
  // (browser.newContext) keeps every Blob in memory under a fixed cap, while a
  // profile pages large Blobs (the generated file, finished parts awaiting
  // garbage collection) to disk.
  const dir = mkdtempSync(join(tmpdir(), 'twofold-chromium-'));
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? chromiumPath, args: [...HARNESS_CHROMIUM_ARGS, marker], baseURL: appUrl, headless: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(120_000);
  const { recoveryKey } = await signUp(page, uniqueEmail('bench'), 'bench-Passw0rd-42');
  await confirmRecoveryKey(page, recoveryKey);
  await installHarness(page);
  await loadHarness(page);
  const engine = <A, R>(fn: (engine: EngineHarness, arg: A) => R | Promise<R>, arg: A) => withEngine(page, fn, arg);
  for (let i = 0; ; i++) {
    const ok = await engine((e) => e.unlock().then(() => true, () => false), null);
    if (ok) break;
    if (i > 60) throw new Error('the vault did not unlock after sign-up');
    await page.waitForTimeout(500);
  }
  if ((await detachHarnessRoutes(page)) !== 'worker') throw new Error('the encryption worker did not start');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { product } = await cdp.send('Browser.getVersion');
  return {
    dir, version: product, page, engine, memory: new MemoryMonitor(cdp, marker), marker, cdp,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface MemoryPeak {
  /** Sum over the browser's renderer processes (the page and its workers live there). */
  rendererRssMiB: number;
  /** The page's main-thread JS heap, used bytes. */
  jsHeapMiB: number;
}

/**
 * Peak memory over a phase: renderer RSS from /proc (VmHWM, reset at the
 * start of the phase through clear_refs, and sampled VmRSS as a floor) and
 * the page's JS heap from the DevTools protocol, sampled once a second.
 */
export class MemoryMonitor {
  private timer: ReturnType<typeof setInterval> | undefined;
  private peak: MemoryPeak = { rendererRssMiB: 0, jsHeapMiB: 0 };
  private pids: number[] = [];

  constructor(private readonly cdp: CDPSession, readonly marker: string) {}

  /** Renderer processes descended from our browser (other Chromiums on the machine are not ours). */
  renderers(): number[] {
    return [...classify(listProcesses(), this.marker)].filter(([, role]) => role === 'renderer').map(([pid]) => pid);
  }

  private async sample(): Promise<void> {
    const rss = this.pids.reduce((sum, pid) => sum + Math.max(statusBytes(pid, 'VmRSS'), statusBytes(pid, 'VmHWM')), 0);
    const metrics = await this.cdp.send('Performance.getMetrics').catch(() => ({ metrics: [] as Array<{ name: string; value: number }> }));
    const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    this.peak = { rendererRssMiB: Math.max(this.peak.rendererRssMiB, rss / MiB), jsHeapMiB: Math.max(this.peak.jsHeapMiB, heap / MiB) };
  }

  /** Starts a phase: the kernel's peak-RSS counters are reset (clear_refs 5) so earlier phases do not count. */
  async start(): Promise<void> {
    // The renderers are listed once per phase, not per sample: the page and its worker live in one that stays.
    this.pids = this.renderers();
    // Where not permitted, the sampled RSS still bounds the peak from below.
    for (const pid of this.pids) resetPeakRss(pid);
    await this.cdp.send('HeapProfiler.collectGarbage').catch(() => {});
    this.peak = { rendererRssMiB: 0, jsHeapMiB: 0 };
    await this.sample();
    // VmHWM already holds the true peak RSS; the samples are for the JS heap
    // (one DevTools call a second) and a floor where VmHWM cannot be reset.
    this.timer = setInterval(() => void this.sample(), 1000);
  }

  async stop(): Promise<MemoryPeak> {
    clearInterval(this.timer);
    await this.sample();
    return { rendererRssMiB: Math.round(this.peak.rendererRssMiB), jsHeapMiB: Math.round(this.peak.jsHeapMiB) };
  }
}

/** Polls an engine run until it is done; throws its error. */
export async function waitForRun(session: BrowserSession, key: string): Promise<{ id: string; ms: number }> {
  for (;;) {
    const run = await session.engine((e, k) => e.run(k), key);
    if (run?.done) {
      if (run.error || !run.id || run.ms === undefined) throw new Error(`upload failed: ${run.error ?? 'no result'}`);
      return { id: run.id, ms: run.ms };
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
