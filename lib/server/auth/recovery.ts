import 'server-only';
import * as opaque from '@serenity-kit/opaque';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { recoveryFinishRequest, recoveryStartRequest } from '@/lib/shared/accounts';
import { meetsKdfFloor } from '@/lib/shared/kdf-params';
import { userKeys, users } from '../db/schema';
import { AppError } from '../errors';
import { consumeAuthState, createAuthState } from './auth-states';
import type { AuthDeps } from './deps';
import { withClientOpaqueMessage } from './opaque-input';
import { replacePasswordCredentials } from './users';
import { ACCOUNT_LIMIT, accountKey, countAttempt, forgiveAttempt, IP_LIMIT, ipKey } from './rate-limit';
import { DUMMY_RECOVERY_HASH, recoveryAuthTokenMatches } from './recovery-hash';

const NO_MATCH = 'that email and recovery key do not match an account';

/**
 * "Forgot password" (docs/accounts.md "Recovery"). The client proves it holds
 * the recovery key with its auth token; only then does it get the user id, the
 * root key wrapped under the recovery key, and a registration response for
 * the new password. Unknown email and wrong key give the same 401.
 */
export async function startRecovery(deps: AuthDeps, input: z.infer<typeof recoveryStartRequest>, ip: string) {
  await countAttempt(deps.db, [{ key: accountKey(input.email), limit: ACCOUNT_LIMIT }, { key: ipKey(ip), limit: IP_LIMIT }]);
  const rows = await deps.db
    .select({ userId: users.id, hash: users.recoveryAuthHash, wrapped: userKeys.wrappedRootKeyRecovery })
    .from(users).innerJoin(userKeys, eq(userKeys.userId, users.id)).where(eq(users.email, input.email));
  const row = rows[0];
  const matches = recoveryAuthTokenMatches(input.recoveryAuthToken, row?.hash ?? DUMMY_RECOVERY_HASH);
  if (!row || !matches) throw new AppError('unauthorized', NO_MATCH);
  const { registrationResponse } = withClientOpaqueMessage('registrationRequest', () => opaque.server.createRegistrationResponse({
    serverSetup: deps.serverSetup, userIdentifier: row.userId, registrationRequest: input.registrationRequest,
  }));
  const recoveryId = await createAuthState(deps.db, { purpose: 'recovery', userId: row.userId, email: input.email, serverState: null });
  return { recoveryId, userId: row.userId, registrationResponse, wrappedRootKeyRecovery: row.wrapped };
}

/** Sets the new password's record and wrapped root key; revokes every session. */
export async function finishRecovery(deps: AuthDeps, input: z.infer<typeof recoveryFinishRequest>, ip: string): Promise<void> {
  if (!meetsKdfFloor(input.kdfParams)) throw new AppError('bad_request', 'key-stretching parameters are below the minimum');
  const state = await consumeAuthState(deps.db, input.recoveryId, 'recovery');
  if (!state?.userId || !state.email) throw new AppError('not_found', 'recovery expired or unknown; start again');
  const userId = state.userId;
  const [user] = await deps.db.select({ hash: users.recoveryAuthHash }).from(users).where(eq(users.id, userId));
  // Checked again: the state alone must not be enough if its id leaked.
  if (!user || !recoveryAuthTokenMatches(input.recoveryAuthToken, user.hash)) throw new AppError('unauthorized', NO_MATCH);
  await replacePasswordCredentials(deps.db, userId, input);
  await forgiveAttempt(deps.db, { account: accountKey(state.email), ip: ipKey(ip) });
}
