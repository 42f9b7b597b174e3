// The one way the browser calls Twofold's JSON API: same-origin, never
// cached, and every response validated with the shared zod schema before
// anything trusts it (conventions: validate every response).
import type { z } from 'zod';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

export async function callApi<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `request failed (${response.status})`, retry > 0 ? retry : undefined);
  }
  return schema.parse(json);
}
