// A Node-side account client for integration tests: real OPAQUE and the real
// key hierarchy (lib/crypto), no mocks. Mirrors lib/client/account/*.
import * as opaque from '@serenity-kit/opaque';
import { createAccountKeys } from '@/lib/crypto/account-keys';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { DEFAULT_KDF_PARAMS } from '@/lib/shared/kdf-params';
import { storedKeysToJson } from '@/lib/client/account/codec';
import { createKeyCheck } from '@/lib/client/account/key-check';
import { recoveryAuthToken } from '@/lib/client/account/recovery-auth';

export const KEY_STRETCHING = { 'argon2id-custom': { memory: 65536, iterations: 3, parallelism: 4 } } as const;

/** Runs the client half of sign-up around two server calls; returns what register/finish takes. */
export async function clientSignUp(
  password: string,
  start: (registrationRequest: string) => Promise<{ registrationId: string; userId: string; registrationResponse: string }>,
) {
  await opaque.ready;
  const reg = opaque.client.startRegistration({ password });
  const started = await start(reg.registrationRequest);
  const fin = opaque.client.finishRegistration({
    clientRegistrationState: reg.clientRegistrationState, registrationResponse: started.registrationResponse, password, keyStretching: KEY_STRETCHING,
  });
  const { stored, open, recoveryKeyText } = await createAccountKeys(fromBase64Url(fin.exportKey), started.userId);
  return {
    userId: started.userId,
    recoveryKeyText,
    finish: {
      registrationId: started.registrationId,
      registrationRecord: fin.registrationRecord,
      kdfParams: DEFAULT_KDF_PARAMS,
      keys: storedKeysToJson(stored),
      keyCheck: await createKeyCheck(open.rootKey, started.userId),
      recoveryAuthToken: await recoveryAuthToken(recoveryKeyText),
    },
  };
}

export function clientFinishLogin(clientLoginState: string, loginResponse: string, password: string) {
  return opaque.client.finishLogin({ clientLoginState, loginResponse, password, keyStretching: KEY_STRETCHING });
}

export { toBase64Url };
