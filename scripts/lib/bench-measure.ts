// How `npm run bench` measures a phase: the fastest of R runs (the machine is
// shared: noise only slows a run down) as MiB per second of `bytes`, with the
// browser's peak memory and every process's CPU time over all R runs.
import type { BrowserSession, MemoryPeak } from './browser-session';
import { startCpuAccount, type CpuReport } from './cpu-account';

const MiB = 1024 * 1024;

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

export interface Measured {
  mibps: number;
  memory: MemoryPeak;
  cpu: CpuReport;
  /** MiB moved over all R runs: what the CPU time was spent on. */
  mibMoved: number;
}

/** `run` returns its own duration in ms (measured where the work happens). */
export async function best(session: BrowserSession, bytes: number, repeat: number, run: () => Promise<number>): Promise<Measured> {
  let fastest = Infinity;
  await session.memory.start();
  const cpu = startCpuAccount(session.marker);
  for (let i = 0; i < repeat; i++) fastest = Math.min(fastest, await run());
  const report = cpu();
  return { mibps: round(bytes / MiB / (fastest / 1000)), memory: await session.memory.stop(), cpu: report, mibMoved: (bytes / MiB) * repeat };
}
