import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

export type MetricsAccess = 'disabled' | 'denied' | 'granted';

// Both sides are hashed first so timingSafeEqual compares equal lengths: the
// time taken says nothing about how much of a guess was right, nor the
// token's length.
const digest = (value: string) => createHash('sha256').update(value).digest();

/** Who may scrape: no METRICS_TOKEN = nobody (the endpoint is absent); else a matching bearer token. */
export function metricsAccess(authorization: string | null, token: string | undefined): MetricsAccess {
  if (!token) return 'disabled';
  const match = /^Bearer (\S+)$/i.exec(authorization ?? '');
  const offered = match?.[1] ?? '';
  return timingSafeEqual(digest(offered), digest(token)) && offered.length > 0 ? 'granted' : 'denied';
}
