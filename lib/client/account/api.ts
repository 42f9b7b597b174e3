// The account API as typed functions. Every response is validated with the
// shared zod schema before anything trusts it (conventions: validate every response).
import type { z } from 'zod';
import {
  accountResponse, loginStartResponse, okResponse, reauthStartResponse, recoveryStartResponse, registerStartResponse,
} from '@/lib/shared/accounts';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(readonly status: number, readonly code: string, message: string, readonly retryAfterSeconds?: number) {
    super(message);
  }
}

async function call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const retry = Number(response.headers.get('Retry-After'));
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? `request failed (${response.status})`, retry > 0 ? retry : undefined);
  }
  return schema.parse(json);
}

export const api = {
  registerStart: (body: unknown) => call('POST', '/api/register/start', registerStartResponse, body),
  registerFinish: (body: unknown) => call('POST', '/api/register/finish', okResponse, body),
  loginStart: (body: unknown) => call('POST', '/api/login/start', loginStartResponse, body),
  account: () => call('GET', '/api/account', accountResponse),
  reauth: (body: unknown) => call('POST', '/api/account/reauth', reauthStartResponse, body),
  changePassword: (body: unknown) => call('PUT', '/api/account/password', okResponse, body),
  regenerateRecoveryKey: (body: unknown) => call('PUT', '/api/account/recovery-key', okResponse, body),
  signOutEverywhere: () => call('DELETE', '/api/account/sessions', okResponse),
  recoveryStart: (body: unknown) => call('POST', '/api/recovery/start', recoveryStartResponse, body),
  recoveryFinish: (body: unknown) => call('POST', '/api/recovery/finish', okResponse, body),
};
