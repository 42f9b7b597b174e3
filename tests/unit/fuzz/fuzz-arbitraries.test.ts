import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

// The route fuzzer (tests/e2e/route-fuzz.spec.ts) is only as good as its
// bodies. Stop 17's CI hung for an hour because one schema's generator
// rejected nearly every candidate (a length filter on a regex), which blocks
// Playwright's event loop. Here every route's generator must finish under a
// deadline, and the "valid" bodies must mostly pass the route's own schema, or
// the fuzzer only ever tests the 400 path.
const run = promisify(execFile);
const script = path.join(import.meta.dirname, 'sample-route-bodies.ts');

test('every fuzzed route gets bodies quickly, and most "valid" ones pass its schema', async () => {
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 90_000, killSignal: 'SIGKILL', cwd: process.cwd() }));
  } catch (error) {
    const e = error as { killed?: boolean; stderr?: string };
    throw new Error(e.killed ? 'a fuzz body generator did not finish in 90 s (a filter that never passes?)' : `sampling failed: ${e.stderr}`);
  }
  const report = JSON.parse(stdout) as Array<{ endpoint: string; ms: number; validShare: number }>;
  expect(report.length).toBeGreaterThan(10);
  const weak = report.filter((r) => r.validShare < 0.5).map((r) => `${r.endpoint}: ${r.validShare}`);
  expect(weak, 'routes whose "valid" fuzz bodies mostly fail their schema').toEqual([]);
}, 120_000);
