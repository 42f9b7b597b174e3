// What the benchmark reads of other processes, straight from /proc: the
// process table, CPU time per process and per thread, and memory. Reading a
// few small files costs microseconds; the bench's first version spawned `ps`
// every 100 ms, which took about 20% of a core during every timed phase
// (issue 14), so the instrument stole from what it measured. Linux only.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcessRow {
  pid: number;
  ppid: number;
  /** The kernel's short name (15 characters at most). */
  comm: string;
  /** The command line, NUL-separated arguments joined by spaces. */
  args: string;
}

/** Clock ticks per second for /proc's times (USER_HZ, 100 on every Linux we run on). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process or thread ended between listing and reading
  }
}

/** /proc/<pid>/stat: the comm sits in parentheses and may hold spaces, so fields are counted from the last ')'. */
function parseStat(text: string): { comm: string; ppid: number; cpuSeconds: number } | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { comm: text.slice(open + 1, close), ppid: Number(fields[1]), cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS };
}

export function listProcesses(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    const parsed = stat && parseStat(stat);
    if (!parsed) continue;
    const args = (read(`/proc/${name}/cmdline`) ?? '').split('\0').filter(Boolean).join(' ');
    rows.push({ pid: Number(name), ppid: parsed.ppid, comm: parsed.comm, args });
  }
  return rows;
}

/** The processes whose ancestry reaches one of `roots` (the roots included). */
export function descendants(rows: ProcessRow[], roots: Iterable<number>): ProcessRow[] {
  const ours = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows) {
      if (ours.has(r.ppid) && !ours.has(r.pid)) {
        ours.add(r.pid);
        grew = true;
      }
    }
  }
  return rows.filter((r) => ours.has(r.pid));
}

/** User + system CPU seconds of a whole process (all its threads, live and ended). */
export function processCpuSeconds(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  return (stat && parseStat(stat)?.cpuSeconds) || 0;
}

/** CPU seconds of each live thread of a process, keyed by thread id, with its name. */
export function threadCpuSeconds(pid: number): Map<number, { name: string; cpuSeconds: number }> {
  const out = new Map<number, { name: string; cpuSeconds: number }>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tids) {
    const stat = read(`/proc/${pid}/task/${tid}/stat`);
    const parsed = stat && parseStat(stat);
    if (parsed) out.set(Number(tid), { name: parsed.comm, cpuSeconds: parsed.cpuSeconds });
  }
  return out;
}

/** A field of /proc/<pid>/status in bytes (VmRSS, VmHWM); 0 if the process is gone. */
export function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(read(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resets the kernel's peak-RSS counter (VmHWM) of a process; false where not permitted. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
