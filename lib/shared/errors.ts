// Error codes shared by the API and its clients. Every API error body is
// { error: { code, message } } with one of these codes.
export const ERROR_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  /** A password-protected link refused the access key: the password is wrong (or the address incomplete). */
  wrong_password: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  quota_exceeded: 413,
  rate_limited: 429,
  storage_unavailable: 503,
  /** GET /api/health/ready: the database or the bucket is not usable yet. */
  not_ready: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

export interface ApiErrorBody {
  /** `items`: a bulk request refused as a whole says which items failed and why (issue 10). */
  error: { code: ErrorCode; message: string; items?: { kind: string; id: string; ok: boolean; code?: string; message?: string }[] };
}
