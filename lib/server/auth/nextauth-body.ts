import 'server-only';
import { errorResponse } from '../errors';

// next-auth parses a POST body itself (req.json() for application/json) and
// lets a parse error escape as a 500, whose stack Next prints with the first
// bytes of the body. Its own forms send urlencoded key/value pairs, so a JSON
// body must at least be an object of strings; anything else is a 400 here,
// before next-auth reads it.

const MAX_BODY_BYTES = 64 * 1024;

function isFlatObjectOfStrings(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    && Object.values(value).every((v) => typeof v === 'string');
}

/** A 400 JSON answer for a body next-auth would choke on, or undefined to let it through. */
export async function rejectMalformedAuthBody(request: Request): Promise<Response | undefined> {
  // The one provider (Credentials over OPAQUE) has no GET callback; next-auth
  // throws "not supported" for it, which would be a 500.
  if (request.method === 'GET' && new URL(request.url).pathname.includes('/api/auth/callback')) {
    return errorResponse('bad_request', 'invalid request: sign-in callbacks take POST');
  }
  if (request.method !== 'POST') return undefined;
  const type = request.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) return undefined;
  const text = await request.clone().text();
  if (text.length > MAX_BODY_BYTES) return errorResponse('payload_too_large', 'request body too large');
  try {
    if (isFlatObjectOfStrings(JSON.parse(text))) return undefined;
  } catch {
    // falls through to the 400
  }
  return errorResponse('bad_request', 'invalid request: body must be a JSON object of strings');
}
