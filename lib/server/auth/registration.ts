import 'server-only';
import { randomUUID } from 'node:crypto';
import * as opaque from '@serenity-kit/opaque';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { registerFinishRequest, registerStartRequest } from '@/lib/shared/accounts';
import { meetsKdfFloor } from '@/lib/shared/kdf-params';
import { opaqueRecords, userKeys, users } from '../db/schema';
import { AppError } from '../errors';
import { consumeAuthState, createAuthState } from './auth-states';
import type { AuthDeps } from './deps';
import { countAttempt, signupKeys } from './rate-limit';
import { withClientOpaqueMessage } from './opaque-input';
import { hashRecoveryAuthToken } from './recovery-hash';

// Sign-up (docs/accounts.md "Sign-up"). The server issues the user id, so the
// OPAQUE registration response (an OPRF evaluation) is only ever produced for
// a fresh id: a client cannot ask for evaluations under an existing user's key.
export async function startRegistration(deps: AuthDeps, input: z.infer<typeof registerStartRequest>, ip: string) {
  // It reveals whether an email is taken: [Note: enumeration limits].
  await countAttempt(deps.db, signupKeys(input.email, ip));
  const existing = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  // Sign-up necessarily tells whether an email is taken (there is no email
  // verification yet); sign-in and recovery do not.
  if (existing.length > 0) throw new AppError('conflict', 'an account with this email already exists');
  const userId = randomUUID();
  const { registrationResponse } = withClientOpaqueMessage('registrationRequest', () => opaque.server.createRegistrationResponse({
    serverSetup: deps.serverSetup, userIdentifier: userId, registrationRequest: input.registrationRequest,
  }));
  const registrationId = await createAuthState(deps.db, { purpose: 'registration', userId, email: input.email, serverState: null });
  return { registrationId, userId, registrationResponse };
}

export async function finishRegistration(deps: AuthDeps, input: z.infer<typeof registerFinishRequest>): Promise<{ userId: string }> {
  if (!meetsKdfFloor(input.kdfParams)) throw new AppError('bad_request', 'key-stretching parameters are below the minimum');
  const state = await consumeAuthState(deps.db, input.registrationId, 'registration');
  if (!state?.userId || !state.email) throw new AppError('not_found', 'registration expired or unknown; start again');
  const userId = state.userId;
  const email = state.email;
  try {
    await deps.db.transaction(async (tx) => {
      await tx.insert(users).values({
        id: userId, email, kdfParams: input.kdfParams, recoveryAuthHash: hashRecoveryAuthToken(input.recoveryAuthToken),
      });
      await tx.insert(opaqueRecords).values({ userId, registrationRecord: input.registrationRecord });
      await tx.insert(userKeys).values({
        userId,
        ...input.keys,
        keyCheckId: input.keyCheck.id,
        keyCheckWrappedFileKey: input.keyCheck.wrappedFileKey,
        keyCheckMetadata: input.keyCheck.metadata,
      });
    });
  } catch (error) {
    // Two sign-ups raced for the same email; the unique index decided.
    if (/unique|duplicate/i.test(String((error as { cause?: unknown }).cause ?? error))) {
      throw new AppError('conflict', 'an account with this email already exists');
    }
    throw error;
  }
  return { userId };
}
