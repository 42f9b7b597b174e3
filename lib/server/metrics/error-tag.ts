import 'server-only';
import type { ErrorCode } from '@/lib/shared/errors';

// The error code of an error answer, kept beside the Response object rather
// than re-read from its body: the access log (lib/server/log/request-log.ts)
// counts errors by code without parsing JSON or cloning streams. A WeakMap,
// so a tag lives exactly as long as its response.
const codes = new WeakMap<Response, ErrorCode>();

export function tagErrorCode(response: Response, code: ErrorCode): void {
  codes.set(response, code);
}

export function errorCodeOf(response: Response): ErrorCode | undefined {
  return codes.get(response);
}
