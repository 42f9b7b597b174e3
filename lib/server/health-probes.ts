import 'server-only';
import type { HealthReport } from '@/lib/shared/health';

// Liveness and readiness for orchestrators (issue 13). /api/health keeps the
// full report for people and /status; a probe needs only yes or no, and its
// 503 body must not hand anyone the storage endpoint or a driver's raw error
// (those stay in /api/health's report and the server's own log).

const PART: Record<HealthReport['failing'][number], string> = {
  storage: 'the bucket is unreachable or not encrypted as configured',
  db: 'the database is unreachable or not migrated',
};

/** The one-line reason a readiness probe gives when `report` is not ok. */
export function notReadyMessage(report: HealthReport): string {
  return `not ready: ${report.failing.map((part) => PART[part]).join('; ')}`;
}
