// The account API as typed functions. Every response is validated with the
// shared zod schema before anything trusts it (conventions: validate every response).
import {
  accountResponse, loginStartResponse, okResponse, reauthStartResponse, recoveryStartResponse, registerStartResponse,
} from '@/lib/shared/accounts';
import { sessionListResponse } from '@/lib/shared/sessions';
import { ApiError, callApi as call } from '../api-call';

export { ApiError };

export const api = {
  registerStart: (body: unknown) => call('POST', '/api/register/start', registerStartResponse, body),
  registerFinish: (body: unknown) => call('POST', '/api/register/finish', okResponse, body),
  loginStart: (body: unknown) => call('POST', '/api/login/start', loginStartResponse, body),
  account: () => call('GET', '/api/account', accountResponse),
  reauth: (body: unknown) => call('POST', '/api/account/reauth', reauthStartResponse, body),
  changePassword: (body: unknown) => call('PUT', '/api/account/password', okResponse, body),
  regenerateRecoveryKey: (body: unknown) => call('PUT', '/api/account/recovery-key', okResponse, body),
  confirmRecoveryKey: (body: unknown) => call('POST', '/api/account/recovery-key/confirm', okResponse, body),
  signOutEverywhere: () => call('DELETE', '/api/account/sessions', okResponse),
  sessions: () => call('GET', '/api/account/sessions', sessionListResponse),
  revokeSession: (id: string) => call('DELETE', `/api/account/sessions/${encodeURIComponent(id)}`, okResponse),
  revokeOtherSessions: () => call('DELETE', '/api/account/sessions/others', okResponse),
  recoveryStart: (body: unknown) => call('POST', '/api/recovery/start', recoveryStartResponse, body),
  recoveryFinish: (body: unknown) => call('POST', '/api/recovery/finish', okResponse, body),
};
