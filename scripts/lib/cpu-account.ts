// CPU time of each process the bench runs, per phase, from /proc: which of
// the renderer's threads (the crypto worker, the page's main thread), the
// browser process, Chromium's network service, MinIO and the app server paid
// for a transfer. Two readings per phase (start and end), nothing in between,
// so the accounting costs nothing while the phase runs.
import { descendants, listProcesses, processCpuSeconds, threadCpuSeconds, type ProcessRow } from './proc-stat';

export const ROLES = ['renderer', 'browser', 'network', 'chromium other', 'minio', 'app', 'bench'] as const;
export type Role = (typeof ROLES)[number];

/** Which role each process of this bench plays, found by ancestry from the bench's own pid. */
export function classify(rows: ProcessRow[], chromiumMarker: string): Map<number, Role> {
  const roles = new Map<number, Role>();
  const browsers = rows.filter((r) => r.args.includes(chromiumMarker) && !r.args.includes('--type=')).map((r) => r.pid);
  const chromium = new Set(descendants(rows, browsers).map((r) => r.pid));
  for (const r of descendants(rows, [process.pid])) {
    if (r.pid === process.pid) roles.set(r.pid, 'bench');
    else if (chromium.has(r.pid)) {
      if (!r.args.includes('--type=')) roles.set(r.pid, 'browser');
      else if (r.args.includes('--type=renderer')) roles.set(r.pid, 'renderer');
      else if (r.args.includes('network.mojom.NetworkService')) roles.set(r.pid, 'network');
      else roles.set(r.pid, 'chromium other');
    } else if (r.comm === 'minio' || /(^|\/)minio(\s|$)/.test(r.args)) roles.set(r.pid, 'minio');
    else roles.set(r.pid, 'app');
  }
  return roles;
}

interface Snapshot {
  roles: Map<number, Role>;
  cpu: Map<number, number>;
  /** Per thread, for the processes whose threads are reported (renderer, browser). */
  threads: Map<number, Map<number, { name: string; cpuSeconds: number }>>;
}

const THREADED: ReadonlySet<Role> = new Set(['renderer', 'browser', 'network']);

function snapshot(chromiumMarker: string): Snapshot {
  const roles = classify(listProcesses(), chromiumMarker);
  const cpu = new Map<number, number>();
  const threads = new Map<number, Map<number, { name: string; cpuSeconds: number }>>();
  for (const [pid, role] of roles) {
    cpu.set(pid, processCpuSeconds(pid));
    if (THREADED.has(role)) threads.set(pid, threadCpuSeconds(pid));
  }
  return { roles, cpu, threads };
}

export interface CpuReport {
  /** CPU seconds per role over the phase. */
  byRole: Record<Role, number>;
  /** CPU seconds per thread name, for the renderer, browser and network service; largest first. */
  threads: Record<'renderer' | 'browser' | 'network', Array<[name: string, seconds: number]>>;
}

/** Starts accounting; the returned function ends it and gives the phase's CPU time. */
export function startCpuAccount(chromiumMarker: string): () => CpuReport {
  const before = snapshot(chromiumMarker);
  return () => {
    const after = snapshot(chromiumMarker);
    const byRole = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
    const perThread = { renderer: new Map<string, number>(), browser: new Map<string, number>(), network: new Map<string, number>() };
    for (const [pid, role] of after.roles) {
      // A process that started during the phase spent all its time in it.
      byRole[role] += (after.cpu.get(pid) ?? 0) - (before.cpu.get(pid) ?? 0);
      if (role !== 'renderer' && role !== 'browser' && role !== 'network') continue;
      const was = before.threads.get(pid) ?? new Map();
      for (const [tid, t] of after.threads.get(pid) ?? []) {
        // Thread names are not unique (a pool has many "ThreadPoolForeg"): they are summed by name.
        const spent = t.cpuSeconds - (was.get(tid)?.cpuSeconds ?? 0);
        // A process's main thread carries the process's own name ("chromium"): say which it is.
        const name = tid === pid ? 'main' : t.name;
        perThread[role].set(name, (perThread[role].get(name) ?? 0) + spent);
      }
    }
    const sorted = (m: Map<string, number>) => [...m].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
    return { byRole, threads: { renderer: sorted(perThread.renderer), browser: sorted(perThread.browser), network: sorted(perThread.network) } };
  };
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** One line per report: CPU ms per MiB moved, per role, with the top threads of the renderer and browser. */
export function describeCpu(report: CpuReport, mib: number): string {
  const perMiB = (s: number) => r1((s * 1000) / mib);
  const top = (list: Array<[string, number]>) => list.slice(0, 3).map(([n, s]) => `${n} ${perMiB(s)}`).join(', ');
  return ROLES.filter((r) => report.byRole[r] > 0.005)
    .map((r) => {
      const detail = r === 'renderer' || r === 'browser' || r === 'network' ? top(report.threads[r]) : '';
      return `${r} ${perMiB(report.byRole[r])}${detail ? ` (${detail})` : ''}`;
    })
    .join(' · ');
}
