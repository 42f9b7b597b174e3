// Calling route handlers the way Next.js does, inside a request scope, with
// or without a real next-auth session cookie. Shared by the route tests.
import { encode } from 'next-auth/jwt';
import { inRequestScope } from './request-scope';
import { createSession, sessionPolicy } from '@/lib/server/auth/sessions';
import { appDb } from '@/lib/server/db/app-db';

export type Params = Record<string, string>;
/** A handler as the route tests type it in their endpoint tables. */
export type Handler = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
export type RouteHandler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

/**
 * The cookie next-auth sets after sign-in (http origin, so no __Secure- prefix),
 * with a real session record in the app's database (call after useAppEnv).
 */
export async function sessionCookie(userId: string, secret: string): Promise<string> {
  const sid = await createSession(await appDb(), userId, { userAgent: 'route tests', ip: '127.0.0.1' }, sessionPolicy());
  const token = await encode({ token: { sub: userId, email: `${userId}@routes.test`, sid }, secret });
  return `next-auth.session-token=${token}`;
}

export async function callRoute(
  handler: RouteHandler,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown; params?: Params; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers, ...(options.cookie ? { cookie: options.cookie } : {}) };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const request = new Request(`http://localhost${path}`, { method, headers, body });
  const response = await inRequestScope(request, path, () => handler(request, { params: Promise.resolve(options.params ?? {}) }));
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

/** callRoute for any route module's export (each types its params its own way). */
export const call = (handler: unknown, method: string, path: string, options: { cookie?: string; body?: unknown; params?: Params; headers?: Record<string, string> } = {}) =>
  callRoute(handler as RouteHandler, method, path, options);
