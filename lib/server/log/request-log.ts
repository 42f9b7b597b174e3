import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { errorCodeOf } from '../metrics/error-tag';
import { recordRequest } from '../metrics/record';
import { log } from './logger';
import { routeTemplate } from './route-template';

// One access line per API request ([Note: structured logs]). The request's
// scope carries the user id once requireUserId() has established it, so the
// line says who without the handler passing it around.

interface RequestScope {
  userId?: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

/** Called by requireUserId(): the current request's access line names this user. */
export function noteUserId(userId: string): void {
  const current = scope.getStore();
  if (current) current.userId = userId;
}

async function paramsOf(context: unknown): Promise<Record<string, string | string[] | undefined>> {
  const params = (context as { params?: unknown } | undefined)?.params;
  try {
    return ((await params) ?? {}) as Record<string, string | string[] | undefined>;
  } catch {
    return {};
  }
}

function setRequestId(response: Response, requestId: string): void {
  try {
    response.headers.set('X-Request-Id', requestId);
  } catch {
    // Response.redirect() and fetched responses have immutable headers; the line still has the id.
  }
}

/**
 * Wraps a route handler: runs it in a request scope, then logs method, route
 * template, status, duration and user id, and counts the same (without the
 * user) in the metrics. The request id is also sent back
 * (X-Request-Id) so a user's report can be matched with the line.
 */
export function withAccessLog<C>(fn: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    const started = performance.now();
    const requestId = randomUUID();
    const state: RequestScope = {};
    let status = 500;
    let response: Response | undefined;
    try {
      response = await scope.run(state, () => fn(request, context));
      status = response.status;
      setRequestId(response, requestId);
      return response;
    } finally {
      const route = routeTemplate(new URL(request.url).pathname, await paramsOf(context));
      const seconds = (performance.now() - started) / 1000;
      // The same place and the same template as the log line: metrics carry no ids either.
      recordRequest({ method: request.method, route, status, seconds, errorCode: response && errorCodeOf(response) });
      const line = {
        requestId, method: request.method, route, status, durationMs: Math.round(seconds * 1000), userId: state.userId,
      };
      if (status >= 500) log.error(line, 'request failed');
      else log.info(line, 'request');
    }
  };
}
