// The bench's two arrangements of the machine's cores (issue 14): "split"
// puts MinIO and the app server on CPU 0 and Chromium on CPU 1, so the
// browser's cost is measured on a core of its own, as on a user's machine
// talking to a remote store; "shared" lets every process run anywhere, as on
// this VM by default. Affinity is set with taskset on every thread of every
// process (-a); processes and threads started later inherit it from their
// parent (Chromium's zygote forks the renderers).
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { classify } from './cpu-account';
import { listProcesses } from './proc-stat';

export type Arrangement = 'split' | 'shared';

/** Why split cannot run here, or undefined when it can. */
export function splitUnavailable(): string | undefined {
  if (availableParallelism() < 2) return 'one CPU: nothing to split';
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'taskset (util-linux) is not installed';
  }
  return undefined;
}

function pin(pid: number, cpus: string): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch {
    // the process ended in between: nothing to pin
  }
}

/** Pins the bench's processes for an arrangement. Run between phases, never inside one. */
export function arrange(arrangement: Arrangement, chromiumMarker: string): void {
  const all = availableParallelism() > 1 ? `0-${availableParallelism() - 1}` : '0';
  for (const [pid, role] of classify(listProcesses(), chromiumMarker)) {
    if (arrangement === 'shared') pin(pid, all);
    // The bench's own Node process drives the browser over the DevTools
    // protocol: it goes with the servers, off the browser's core.
    else if (role === 'minio' || role === 'app' || role === 'bench') pin(pid, '0');
    else pin(pid, '1');
  }
}
