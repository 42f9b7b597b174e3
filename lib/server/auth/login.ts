import 'server-only';
import { createHash } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { DEFAULT_KDF_PARAMS, type KdfParams } from '@/lib/shared/kdf-params';
import { consumeAuthState, createAuthState } from './auth-states';
import type { AuthDeps } from './deps';
import type { Device } from './device-cookie';
import {
  ACCOUNT_LIMIT, accountKey, countAttempt, DEVICE_LIMIT, deviceKey, forgiveAttempt, IP_LIMIT, ipKey, type Limit,
} from './rate-limit';
import { withClientOpaqueMessage } from './opaque-input';
import { findUserLoginByEmail, findUserLoginById, type UserLogin } from './users';

// [Note: fake records] For an unknown email the server runs OPAQUE's login with
// no registration record: @serenity-kit/opaque (opaque-ke) then answers with a
// response built from a fake record, indistinguishable from a real one without
// the password. Its OPRF key is derived from the setup's seed and the
// identifier, so the identifier must be stable per email (an attacker who sends
// the same blinded element twice would otherwise see two different answers
// where a real user gives the same one). Both paths do the same DB work, the
// same OPAQUE work and the same rate-limit writes, and answer 200 with the same
// shape; the client's finishLogin fails alike for a wrong password and an
// unknown email, so no finish message is ever sent for either.
function fakeIdentifier(serverSetup: string, email: string): string {
  return `unknown:${createHash('sha256').update(serverSetup).update('\0').update(email).digest('base64url')}`;
}

function opaqueStart(deps: AuthDeps, user: UserLogin | undefined, email: string, startLoginRequest: string) {
  // A malformed request fails alike for known and unknown emails ([Note: fake records]).
  return withClientOpaqueMessage('startLoginRequest', () => opaque.server.startLogin({
    serverSetup: deps.serverSetup,
    userIdentifier: user?.userId ?? fakeIdentifier(deps.serverSetup, email),
    registrationRecord: user?.registrationRecord ?? null,
    startLoginRequest,
  }));
}

export interface LoginStart {
  loginId: string;
  loginResponse: string;
  kdfParams: KdfParams;
}

/**
 * The key a sign-in attempt is counted against: the device, when the browser
 * holds this account's device cookie, else the account ([Note: device cookie]).
 */
function attemptKey(email: string, userId: string | undefined | null, device: Device | undefined): { key: string; limit: Limit } {
  return device && userId && device.userId === userId
    ? { key: deviceKey(device.nonce), limit: DEVICE_LIMIT }
    : { key: accountKey(email), limit: ACCOUNT_LIMIT };
}

/** Step 1 of sign-in: counted against the account or device, and the IP (see [Note: counting attempts]). */
export async function startSignIn(
  deps: AuthDeps, input: { email: string; startLoginRequest: string }, ip: string, device?: Device,
): Promise<LoginStart> {
  const user = await findUserLoginByEmail(deps.db, input.email);
  await countAttempt(deps.db, [attemptKey(input.email, user?.userId, device), { key: ipKey(ip), limit: IP_LIMIT }]);
  const { loginResponse, serverLoginState } = opaqueStart(deps, user, input.email, input.startLoginRequest);
  const loginId = await createAuthState(deps.db, {
    purpose: 'sign-in', userId: user?.userId ?? null, email: input.email, serverState: serverLoginState,
  });
  // Unknown emails get the parameters new accounts get, which is what most
  // accounts have; see docs/accounts.md on raising them later.
  return { loginId, loginResponse, kdfParams: user?.kdfParams ?? DEFAULT_KDF_PARAMS };
}

/** Step 2 of sign-in, run by next-auth's authorize(): the user id if the password was right. */
export async function finishSignIn(
  deps: AuthDeps, input: { loginId: string; finishLoginRequest: string }, ip: string, device?: Device,
): Promise<{ userId: string; email: string } | undefined> {
  const state = await consumeAuthState(deps.db, input.loginId, 'sign-in');
  if (!state?.serverState || !state.userId || !state.email) return undefined;
  if (!verifyFinish(state.serverState, input.finishLoginRequest)) return undefined;
  // Forgives the key startSignIn counted: the same cookie yields the same key.
  await forgiveAttempt(deps.db, { account: attemptKey(state.email, state.userId, device).key, ip: ipKey(ip) });
  return { userId: state.userId, email: state.email };
}

function verifyFinish(serverLoginState: string, finishLoginRequest: string): boolean {
  try {
    // Throws when the client's MAC does not verify, i.e. it did not know the password.
    opaque.server.finishLogin({ serverLoginState, finishLoginRequest });
    return true;
  } catch {
    return false;
  }
}

/**
 * A fresh login inside a session before a sensitive change (password,
 * recovery key). Also rate-limited: it is a password guess like any other.
 * With a registration request it also returns the registration response for
 * the new password, which is an OPRF evaluation under this user's key.
 */
export async function startReauth(
  deps: AuthDeps, userId: string, input: { startLoginRequest: string; registrationRequest?: string }, ip: string,
): Promise<LoginStart & { registrationResponse?: string }> {
  const user = await findUserLoginById(deps.db, userId);
  if (!user) throw new Error('session user has no login record');
  await countAttempt(deps.db, [{ key: accountKey(`id:${userId}`), limit: ACCOUNT_LIMIT }, { key: ipKey(ip), limit: IP_LIMIT }]);
  const { loginResponse, serverLoginState } = opaqueStart(deps, user, '', input.startLoginRequest);
  const loginId = await createAuthState(deps.db, { purpose: 'reauth', userId, email: null, serverState: serverLoginState });
  const { registrationRequest } = input;
  const registrationResponse = registrationRequest
    ? withClientOpaqueMessage('registrationRequest', () => opaque.server.createRegistrationResponse({
      serverSetup: deps.serverSetup, userIdentifier: userId, registrationRequest,
    })).registrationResponse
    : undefined;
  return { loginId, loginResponse, kdfParams: user.kdfParams, ...(registrationResponse ? { registrationResponse } : {}) };
}

/** True if the reauth login belongs to this user and the password was right. Single use. */
export async function finishReauth(
  deps: AuthDeps, userId: string, input: { loginId: string; finishLoginRequest: string }, ip: string,
): Promise<'ok' | 'unknown' | 'wrong'> {
  // Another user's login id is "unknown" to this user: 404, as for any id it does not own.
  const state = await consumeAuthState(deps.db, input.loginId, 'reauth', userId);
  if (!state?.serverState) return 'unknown';
  if (!verifyFinish(state.serverState, input.finishLoginRequest)) return 'wrong';
  await forgiveAttempt(deps.db, { account: accountKey(`id:${userId}`), ip: ipKey(ip) });
  return 'ok';
}
