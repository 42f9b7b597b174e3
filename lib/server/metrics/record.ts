import 'server-only';
import { ERROR_STATUS, type ErrorCode } from '@/lib/shared/errors';
import { getMetrics } from './registry';

// The few calls the rest of lib/server makes. [Note: bounded labels]

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/**
 * Route templates are bounded by the app's route files, but a template is
 * computed from the request's path; should a path ever slip through
 * untemplated, this cap keeps it from growing the registry without end.
 */
const MAX_ROUTES = 200;
/** The route label of requests refused by the proxy (proxy.ts). */
export const REFUSED_ROUTE = '(refused before routing)';

function routeLabel(seen: Set<string>, route: string): string {
  if (seen.has(route)) return route;
  if (seen.size >= MAX_ROUTES) return 'other';
  seen.add(route);
  return route;
}

function codeLabel(code: string | undefined, status: number): string {
  if (code && Object.hasOwn(ERROR_STATUS, code)) return code;
  // An error answer without our JSON body (next-auth's own, a thrown handler).
  return status >= 500 ? 'internal' : 'untagged';
}

/** One answered API request: its count, latency and, for 4xx/5xx, its error code. */
export function recordRequest(request: { method: string; route: string; status: number; seconds: number; errorCode?: ErrorCode }): void {
  try {
    countRequest(request);
  } catch {
    // A metric must never fail the request it describes.
  }
}

function countRequest(request: Parameters<typeof recordRequest>[0]): void {
  const m = getMetrics();
  const labels = { method: METHODS.has(request.method) ? request.method : 'other', route: routeLabel(m.routes, request.route), status: String(request.status) };
  m.httpRequests.inc(labels);
  m.httpDuration.observe(labels, request.seconds);
  if (request.status >= 400) m.errors.inc({ code: codeLabel(request.errorCode, request.status) });
}

/**
 * A request the proxy refused before routing (cross-site, undecodable path):
 * no handler ran, so there is no route template to name, and the path is
 * exactly what must not become a label. Counted under one fixed route.
 */
export function recordRefusedBeforeRouting(method: string, status: number, errorCode: ErrorCode | undefined): void {
  try {
    const m = getMetrics();
    m.httpRequests.inc({ method: METHODS.has(method) ? method : 'other', route: REFUSED_ROUTE, status: String(status) });
    m.errors.inc({ code: codeLabel(errorCode, status) });
  } catch {
    // A metric must never fail the request it describes.
  }
}

/** Bytes a presigned URL lets its holder write (upload) or read (download). */
export function recordSignedBytes(direction: 'upload' | 'download', bytes: number): void {
  if (bytes > 0) getMetrics().signedBytes.inc({ direction }, bytes);
}

/** One sweeper run; `swept` is absent when the run failed. */
export function recordSweep(swept: { staleUploads: number; trashEntries: number } | undefined): void {
  const m = getMetrics();
  m.sweeperRuns.inc({ outcome: swept ? 'ok' : 'failed' });
  if (!swept) return;
  m.sweptItems.inc({ kind: 'stale_upload' }, swept.staleUploads);
  m.sweptItems.inc({ kind: 'trash_entry' }, swept.trashEntries);
}
