import 'server-only';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

// [Note: bounded labels] Every label value here comes from a closed set: HTTP
// methods, route templates (lib/server/log/route-template.ts), status codes,
// error codes of lib/shared/errors.ts and fixed words. Never a file id, user
// id, email or path: a label value is stored and shown to whoever scrapes,
// and an unbounded one lets a client grow the registry without limit.

export interface TwofoldMetrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  errors: Counter<'code'>;
  signedBytes: Counter<'direction'>;
  sweeperRuns: Counter<'outcome'>;
  sweptItems: Counter<'kind'>;
  /** Route labels handed out so far (record.ts caps them). */
  routes: Set<string>;
}

function createMetrics(): TwofoldMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'twofold_http_requests_total', help: 'API requests answered, by method, route template and status', labelNames: ['method', 'route', 'status'], registers,
    }),
    httpDuration: new Histogram({
      name: 'twofold_http_request_duration_seconds',
      help: 'API request latency in seconds, by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    errors: new Counter({ name: 'twofold_errors_total', help: 'API error answers by error code (lib/shared/errors.ts)', labelNames: ['code'], registers }),
    signedBytes: new Counter({
      name: 'twofold_signed_bytes_total',
      help: 'Bytes covered by presigned URLs the server handed out (upload: PUTs and parts; download: GETs), not bytes transferred',
      labelNames: ['direction'],
      registers,
    }),
    sweeperRuns: new Counter({ name: 'twofold_sweeper_runs_total', help: 'Sweeper runs by outcome', labelNames: ['outcome'], registers }),
    sweptItems: new Counter({
      name: 'twofold_swept_items_total', help: 'Items the sweeper removed: stale pending uploads and expired trash entries', labelNames: ['kind'], registers,
    }),
    routes: new Set(),
  };
}

// On globalThis: Next re-evaluates edited modules in development, and a
// registry per evaluation would reset the counters (or, kept elsewhere, fail
// on a metric name registered twice). One process, one registry. (The
// production build already shares one module instance across route bundles:
// tests/integration/metrics-server.test.ts passes either way.)
const holder = globalThis as typeof globalThis & { __twofoldMetrics?: TwofoldMetrics };

export function getMetrics(): TwofoldMetrics {
  holder.__twofoldMetrics ??= createMetrics();
  return holder.__twofoldMetrics;
}
