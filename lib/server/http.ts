import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import { AppError, toErrorResponse } from './errors';
import { withAccessLog } from './log/request-log';

const MAX_JSON_BYTES = 64 * 1024;

/**
 * Reads a JSON body and validates it. Requiring application/json also keeps
 * cross-site HTML forms out: they cannot send it without a CORS preflight.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) throw new AppError('bad_request', 'expected an application/json body');
  const text = await request.text();
  if (text.length > MAX_JSON_BYTES) throw new AppError('payload_too_large', 'request body too large');
  return schema.parse(JSON.parse(text));
}

/**
 * Wraps a handler so every thrown error becomes the JSON error body; answers
 * are never cached, and each request gets one access-log line.
 */
export function handler<C>(fn: (request: Request, context: C) => Promise<unknown>) {
  return withAccessLog(async (request: Request, context: C): Promise<Response> => {
    try {
      const body = await fn(request, context);
      return NextResponse.json(body, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      const response = toErrorResponse(error);
      response.headers.set('Cache-Control', 'no-store');
      return response;
    }
  });
}
