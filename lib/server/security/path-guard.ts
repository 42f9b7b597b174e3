import 'server-only';
import { errorResponse } from '../errors';

// Next decodes a dynamic route's params (decodeURIComponent) before the
// handler runs, and answers a path that does not decode (/api/files/%ff,
// /s/%zz) with a plain-text 500. Such a path is the client's mistake: the
// proxy asks this guard first and answers 400 JSON like any bad input.

/** True if every segment of the (still encoded) path decodes as UTF-8 percent-encoding. */
export function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** A 400 JSON answer for an undecodable path, or undefined to let the request through. */
export function rejectUndecodablePath(request: Request): Response | undefined {
  if (isDecodablePath(new URL(request.url).pathname)) return undefined;
  const response = errorResponse('bad_request', 'invalid request: the URL path is not valid percent-encoding');
  response.headers.set('Cache-Control', 'no-store');
  return response;
}
