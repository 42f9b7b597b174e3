// The one way the browser calls Twofold's JSON API: same-origin, never
// cached, and every response validated with the shared zod schema before
// anything trusts it (conventions: validate every response).
import { z } from 'zod';
import { isErrorCode, type ErrorCode } from '@/lib/shared/errors';
import { itemResultSchema, type ItemResult } from '@/lib/shared/folders';

/**
 * A refusal from Twofold's API: `code` is one of lib/shared's ErrorCodes and is
 * what callers branch on (lib/client/errors.ts maps each to a message). The
 * server's `message` is for logs and for the few texts that quote it; it is
 * never compared.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number, readonly code: ErrorCode, message: string, readonly retryAfterSeconds?: number,
    /** A refused bulk request: every item's outcome ([Note: all or nothing] on the server). */
    readonly items?: ItemResult[],
  ) {
    super(message);
  }
}

const errorItems = z.array(itemResultSchema);

export async function callApi<S extends z.ZodType>(
  method: string,
  path: string,
  schema: S,
  body?: unknown,
  signal?: AbortSignal,
  /** keepalive: the request outlives the page (a reload or close right after it is sent). */
  init: Pick<RequestInit, 'keepalive'> = {},
): Promise<z.infer<S>> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
    signal,
    ...init,
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; items?: unknown } } | undefined)?.error;
    const retry = Number(response.headers.get('Retry-After'));
    // Validated like any response; a malformed list is dropped, the error still stands.
    const items = errorItems.safeParse(error?.items);
    // A code this client does not know (a newer server) is treated as the generic failure.
    throw new ApiError(response.status, isErrorCode(error?.code) ? error.code : 'internal', error?.message ?? `request failed (${response.status})`, retry > 0 ? retry : undefined,
      items.success ? items.data : undefined);
  }
  return schema.parse(json);
}
