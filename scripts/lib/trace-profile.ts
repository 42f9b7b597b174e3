// `npm run bench -- --profile`: where one upload's CPU goes inside Chromium.
// A DevTools trace (the browser-wide tracing service, started from the
// page's session) with V8's sampling profiler on, so it holds JS samples of
// every thread of the renderer, the crypto worker's included, and the
// top-level tasks of every thread of the browser process. Summarised as the
// functions with the most sampled time per JS thread, and the task kinds
// with the most wall time per browser thread. Samples are wall time at the
// sampled stack: on a loaded machine they include time the thread waited
// for a core, so they give the shares, and /proc (cpu-account.ts) the CPU. Profiling slows the run down: it is
// never one of the timed phases.
import type { CDPSession } from '@playwright/test';

const CATEGORIES = ['disabled-by-default-v8.cpu_profiler', 'v8', 'toplevel', '__metadata'];

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  id?: string;
  args?: {
    name?: string;
    src_func?: string;
    src_file?: string;
    data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url?: string };
}

export interface ThreadProfile {
  thread: string;
  pid: number;
  /** Milliseconds of samples per function (self time), largest first. */
  top: Array<[name: string, ms: number]>;
  totalMs: number;
}

/** Starts a trace; the returned function stops it and returns the summary. */
export async function startTraceProfile(cdp: CDPSession): Promise<() => Promise<{ js: ThreadProfile[]; tasks: ThreadProfile[] }>> {
  const events: TraceEvent[] = [];
  const onData = (e: { value: object[] }) => {
    events.push(...(e.value as TraceEvent[]));
  };
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES, recordMode: 'recordContinuously' }, transferMode: 'ReportEvents' });
  return async () => {
    const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return summarise(events);
  };
}

function summarise(events: TraceEvent[]): { js: ThreadProfile[]; tasks: ThreadProfile[] } {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph !== 'M') continue;
    if (e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
    if (e.name === 'process_name') processNames.set(e.pid, e.args?.name ?? '?');
  }
  const label = (pid: number, tid: number) => `${processNames.get(pid) ?? pid} / ${threadNames.get(`${pid}:${tid}`) ?? tid}`;

  // V8's samples arrive in chunks per profile (one per JS thread); a chunk's
  // nodes extend the profile's tree, and each sample is a leaf node id with
  // the microseconds since the previous sample.
  const profiles = new Map<string, { pid: number; tid: number; nodes: Map<number, string>; self: Map<string, number> }>();
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || !e.args?.data) continue;
    const key = `${e.pid}:${e.id}`;
    let p = profiles.get(key);
    if (!p) profiles.set(key, (p = { pid: e.pid, tid: e.tid, nodes: new Map(), self: new Map() }));
    for (const node of e.args.data.cpuProfile?.nodes ?? []) {
      const { functionName, url } = node.callFrame;
      const file = url ? url.split('/').pop()?.replace(/\?.*$/, '') : '';
      p.nodes.set(node.id, `${functionName || '(anonymous)'}${file ? ` ${file}` : ''}`);
    }
    const samples = e.args.data.cpuProfile?.samples ?? [];
    const deltas = e.args.data.timeDeltas ?? [];
    samples.forEach((id, i) => {
      const name = p.nodes.get(id) ?? `node ${id}`;
      p.self.set(name, (p.self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
  }
  const top = (m: Map<string, number>) => [...m].filter(([n]) => n !== '(idle)' && !n.startsWith('(program)')).sort((a, b) => b[1] - a[1]).slice(0, 10)
    .map(([n, ms]) => [n, Math.round(ms)] as [string, number]);
  const js = [...profiles.values()].map((p) => {
    const busy = [...p.self].filter(([n]) => n !== '(idle)').reduce((sum, [, ms]) => sum + ms, 0);
    // The chunks are written by V8's profiler thread, not the sampled one, so
    // the trace's thread name does not say which JS thread this was; the
    // crypto worker's is the one running worker.ts's bundle.
    const worker = [...p.nodes.values()].some((n) => / worker\.ts$/.test(n));
    return { thread: worker ? 'the crypto worker' : "a page's main thread", pid: p.pid, top: top(p.self), totalMs: Math.round(busy) };
  }).filter((t) => t.totalMs > 50).sort((a, b) => b.totalMs - a.totalMs);

  // Top-level tasks of the browser process's threads, by where they were posted from.
  const tasks = new Map<string, { pid: number; byKind: Map<string, number> }>();
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || !/browser/i.test(processNames.get(e.pid) ?? '')) continue;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'ThreadPool_RunTask') continue;
    const thread = label(e.pid, e.tid);
    let t = tasks.get(thread);
    if (!t) tasks.set(thread, (t = { pid: e.pid, byKind: new Map() }));
    const kind = e.args?.src_func ?? e.args?.src_file ?? e.name;
    t.byKind.set(kind, (t.byKind.get(kind) ?? 0) + e.dur / 1000);
  }
  const taskProfiles = [...tasks].map(([thread, t]) => ({
    thread, pid: t.pid, top: top(t.byKind), totalMs: Math.round([...t.byKind.values()].reduce((a, b) => a + b, 0)),
  })).filter((t) => t.totalMs > 50).sort((a, b) => b.totalMs - a.totalMs);
  return { js, tasks: taskProfiles };
}
