import { getServerEnv } from '@/lib/server/env';
import { errorResponse } from '@/lib/server/errors';
import { withAccessLog } from '@/lib/server/log/request-log';
import { getMetrics } from '@/lib/server/metrics/registry';
import { metricsAccess } from '@/lib/server/metrics/token';

// Prometheus scrape endpoint, behind METRICS_TOKEN ([Note: bounded labels]).
export const dynamic = 'force-dynamic';

export const GET = withAccessLog(async (request: Request) => {
  const access = metricsAccess(request.headers.get('authorization'), getServerEnv().METRICS_TOKEN);
  // Without a token configured the endpoint does not exist, as far as anyone can tell.
  if (access === 'disabled') return errorResponse('not_found', 'not found', { 'Cache-Control': 'no-store' });
  if (access === 'denied') {
    return errorResponse('unauthorized', 'a valid metrics bearer token is required', { 'Cache-Control': 'no-store', 'WWW-Authenticate': 'Bearer' });
  }
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' } });
});
