import { clientIp } from '@/lib/server/auth/client-ip';
import { AppError } from '@/lib/server/errors';
import { handler } from '@/lib/server/http';
import { log } from '@/lib/server/log/logger';
import { MAX_REPORT_BYTES, parseViolations, ReportBudget } from '@/lib/server/security/csp-report';

// Content-Security-Policy violation reports ([Note: violation reports]).
// No session: reports come from any page, the sign-in page included.
const budget = new ReportBudget();

const REPORT_TYPES = ['application/csp-report', 'application/reports+json', 'application/json'];

export const POST = handler(async (request: Request) => {
  const type = (request.headers.get('content-type') ?? '').toLowerCase();
  if (!REPORT_TYPES.some((t) => type.startsWith(t))) throw new AppError('bad_request', 'expected a CSP violation report');
  if (!budget.take(clientIp(request.headers))) {
    throw new AppError('rate_limited', 'too many violation reports; later ones are dropped for a minute', { 'Retry-After': '60' });
  }
  const body = await request.text();
  if (body.length > MAX_REPORT_BYTES) throw new AppError('payload_too_large', 'report too large');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AppError('bad_request', 'the report is not JSON');
  }
  const violations = parseViolations(json);
  if (!violations) throw new AppError('bad_request', 'not a CSP violation report');
  for (const violation of violations) log.warn({ event: 'csp_violation', ...violation }, 'csp violation');
  return { received: violations.length };
});
