import { NextResponse, type NextRequest } from 'next/server';
import { getServerEnv } from '@/lib/server/env';
import { errorCodeOf } from '@/lib/server/metrics/error-tag';
import { recordRefusedBeforeRouting } from '@/lib/server/metrics/record';
import { API_CSP, buildPageCsp, newNonce } from '@/lib/server/security/csp';
import { CSP_REPORT_PATH } from '@/lib/server/security/csp-report';
import { rejectCrossSite } from '@/lib/server/security/origin';
import { rejectUndecodablePath } from '@/lib/server/security/path-guard';
import { storageOrigin } from '@/lib/server/security/storage-origin';

// Next's proxy (formerly middleware) runs before routing. It only composes
// checks and headers that live in lib/server/security.
export function proxy(request: NextRequest): Response {
  const env = getServerEnv();
  // Browsers post violation reports without a usable Origin; the endpoint only logs, within a budget.
  const crossSite = request.nextUrl.pathname === CSP_REPORT_PATH ? undefined : rejectCrossSite(request, env.NEXTAUTH_URL);
  const refused = rejectUndecodablePath(request) ?? crossSite;
  if (refused) {
    refused.headers.set('Content-Security-Policy', API_CSP);
    // No handler's access log sees these; the metrics still should.
    recordRefusedBeforeRouting(request.method, refused.status, errorCodeOf(refused));
    return refused;
  }
  if (request.nextUrl.pathname.startsWith('/api/')) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', API_CSP);
    return response;
  }
  // [Note: content security policy] Next reads the nonce from the request's
  // header and puts it on the scripts it renders; the browser gets the same policy.
  const csp = buildPageCsp({
    nonce: newNonce(), storageOrigin: storageOrigin(env), reportPath: CSP_REPORT_PATH, development: env.NODE_ENV === 'development',
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}
