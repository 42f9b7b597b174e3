// Run by fuzz-arbitraries.test.ts in a child process with a deadline: a
// generator that never returns is a synchronous loop no in-process timeout can
// stop, so the parent kills this process instead of hanging CI.
import fc from 'fast-check';
import { z } from 'zod';
import { bodyFor, fromJsonSchema } from '../../e2e/fuzz/arbitraries';
import { ROUTE_TABLE } from '../../e2e/fuzz/route-table';

const RUNS = 40;
const report: Array<{ endpoint: string; ms: number; validShare: number }> = [];
for (const [route, methods] of Object.entries(ROUTE_TABLE)) {
  for (const [method, endpoint] of Object.entries(methods)) {
    if (!endpoint?.body) continue;
    const started = performance.now();
    const json = z.toJSONSchema(endpoint.body, { io: 'input', unrepresentable: 'any' });
    const valid = fc.sample(fromJsonSchema(json as Parameters<typeof fromJsonSchema>[0]), { numRuns: RUNS, seed: 42 });
    fc.sample(bodyFor(endpoint.body), { numRuns: RUNS, seed: 42 });
    const accepted = valid.filter((v) => endpoint.body!.safeParse(v).success).length;
    report.push({ endpoint: `${method} ${route}`, ms: Math.round(performance.now() - started), validShare: accepted / RUNS });
  }
}
process.stdout.write(JSON.stringify(report));
