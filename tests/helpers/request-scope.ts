// Runs a route handler the way Next.js does for a real request, so that
// next/headers (and so next-auth's getServerSession) can read the request's
// headers and cookies. Next.js keeps these in AsyncLocalStorage stores; this
// sets up the minimal 'request' stores its request APIs read. Internal paths
// of Next.js: if an upgrade moves them, this helper is the one place to fix.
//
// Import this module before anything that loads Next.js: Next's server sets
// globalThis.AsyncLocalStorage at start-up and its modules pick it up when
// they load, falling back to a stub that throws.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
const require = createRequire(import.meta.url);

interface Storage {
  run<T>(store: unknown, fn: () => T): T;
}
const { workAsyncStorage } = require('next/dist/server/app-render/work-async-storage.external') as { workAsyncStorage: Storage };
const { workUnitAsyncStorage } = require('next/dist/server/app-render/work-unit-async-storage.external') as { workUnitAsyncStorage: Storage };
const { HeadersAdapter } = require('next/dist/server/web/spec-extension/adapters/headers') as { HeadersAdapter: { seal(h: Headers): Headers } };
const { RequestCookiesAdapter } = require('next/dist/server/web/spec-extension/adapters/request-cookies') as {
  RequestCookiesAdapter: { seal(c: unknown): unknown };
};
const { RequestCookies } = require('next/dist/server/web/spec-extension/cookies') as { RequestCookies: new (h: Headers) => unknown };

export function inRequestScope<T>(request: Request, route: string, fn: () => Promise<T>): Promise<T> {
  const workStore = { route, page: route, forceStatic: false, dynamicShouldError: false, isStaticGeneration: false };
  const requestStore = {
    type: 'request',
    phase: 'render',
    url: { pathname: new URL(request.url).pathname, search: '' },
    headers: HeadersAdapter.seal(new Headers(request.headers)),
    cookies: RequestCookiesAdapter.seal(new RequestCookies(new Headers(request.headers))),
  };
  return workAsyncStorage.run(workStore, () => workUnitAsyncStorage.run(requestStore, fn));
}
