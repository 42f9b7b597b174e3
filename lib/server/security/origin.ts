import 'server-only';
import { errorResponse } from '../errors';

// [Note: cross-site requests] Cookies ride along on requests another site
// makes the victim's browser send (SameSite=Lax still allows top-level POST
// navigations from a sibling subdomain, and older browsers ignore it), so
// every state-changing request is checked here, once, in the proxy.
// Browsers send Origin on every cross-origin request and on same-origin
// POST/PUT/PATCH/DELETE fetches, and Sec-Fetch-Site on all of them. A foreign
// or `null` Origin (sandboxed frames, data: pages) or `Sec-Fetch-Site:
// cross-site` is refused; so is `same-site` (a sibling subdomain) unless its
// Origin is exactly the app's. A request with neither header cannot come from
// a browser page, so it carries no ambient credentials an attacker could ride:
// curl, the CLI and the tests may omit both.

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Why a request is refused as cross-site, or undefined to let it through. */
export function crossSiteReason(method: string, headers: Headers, appOrigins: readonly string[]): string | undefined {
  if (!STATE_CHANGING.has(method.toUpperCase())) return undefined;
  const origin = headers.get('origin');
  const site = headers.get('sec-fetch-site');
  if (site === 'cross-site') return 'cross-site requests are refused';
  if (origin === null) return site === null || site === 'same-origin' || site === 'none' ? undefined : 'requests without an Origin header are refused';
  if (!appOrigins.includes(origin)) return 'requests from another origin are refused';
  return undefined;
}

/** The origins the app is served from: NEXTAUTH_URL's when set, else the Host the request was sent to. */
export function appOriginsFor(request: Request, configured: string | undefined): string[] {
  if (configured) return [new URL(configured).origin];
  const host = request.headers.get('host');
  const protocol = new URL(request.url).protocol;
  return host ? [`${protocol}//${host}`] : [new URL(request.url).origin];
}

/** A 403 JSON answer for a cross-site state-changing request, or undefined to let it through. */
export function rejectCrossSite(request: Request, configuredOrigin: string | undefined): Response | undefined {
  const reason = crossSiteReason(request.method, request.headers, appOriginsFor(request, configuredOrigin));
  return reason ? errorResponse('forbidden', `${reason}: open Twofold itself and try again`) : undefined;
}
