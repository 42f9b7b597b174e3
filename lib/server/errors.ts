import 'server-only';
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { ERROR_STATUS, type ApiErrorBody, type ErrorCode } from '@/lib/shared/errors';
import { log } from './log/logger';
import { tagErrorCode } from './metrics/error-tag';

/** The one error type lib/server throws for anything a client should hear about. */
export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    options?: ErrorOptions & { items?: ApiErrorBody['error']['items'] },
  ) {
    super(message, options);
    this.items = options?.items;
  }
  readonly items: ApiErrorBody['error']['items'];
}

export function errorResponse(
  code: ErrorCode, message: string, headers: Record<string, string> = {}, items?: ApiErrorBody['error']['items'],
): NextResponse<ApiErrorBody> {
  const response = NextResponse.json<ApiErrorBody>({ error: items ? { code, message, items } : { code, message } }, { status: ERROR_STATUS[code], headers });
  // For the error counter by code ([Note: bounded labels]).
  tagErrorCode(response, code);
  return response;
}

/**
 * Maps any thrown value to a JSON error response. Unknown errors become a
 * generic 500 whose message says nothing about internals; only the error's
 * name and message (never request data) reach the server log.
 */
export function toErrorResponse(error: unknown): NextResponse<ApiErrorBody> {
  if (error instanceof AppError) return errorResponse(error.code, error.message, error.headers, error.items);
  if (error instanceof ZodError) {
    const first = error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    return errorResponse('bad_request', `invalid request: ${where}${first?.message ?? 'malformed input'}`);
  }
  if (error instanceof SyntaxError) return errorResponse('bad_request', 'invalid request: body is not valid JSON');
  log.error({ fault: describeForLog(error) }, 'unhandled error');
  return errorResponse('internal', 'internal error');
}

// Drizzle's query errors put the SQL and its parameters in the message, and
// parameters can be OPAQUE states or wrapped keys: log only the driver's own
// reason (e.g. 'relation "x" does not exist').
function describeForLog(error: unknown): string {
  if (!(error instanceof Error)) return 'error';
  if (error.message.startsWith('Failed query')) {
    const cause = error.cause instanceof Error ? error.cause.message : 'unknown cause';
    return `database query failed: ${cause}`;
  }
  return `${error.name}: ${error.message}`;
}
