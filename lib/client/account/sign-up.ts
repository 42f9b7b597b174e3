// Sign-up (docs/accounts.md "Sign-up"): OPAQUE registration, the key hierarchy
// from the export key (lib/crypto/account-keys), then a normal sign-in.
import { createAccountKeys } from '@/lib/crypto/account-keys';
import { DEFAULT_KDF_PARAMS } from '@/lib/shared/kdf-params';
import { api } from './api';
import { storedKeysToJson } from './codec';
import { createKeyCheck } from './key-check';
import { startRegistration } from './opaque-client';
import { recoveryAuthToken } from './recovery-auth';
import { signInWithPassword, type Progress } from './sign-in';
import type { UnlockedVault } from './vault-keys';

export async function signUp(email: string, password: string, progress: Progress): Promise<{ vault: UnlockedVault; recoveryKeyText: string }> {
  progress('Contacting the server…');
  const registration = await startRegistration(password);
  const started = await api.registerStart({ email, registrationRequest: registration.registrationRequest });
  progress('Deriving your keys from the password…');
  const { registrationRecord, exportKey } = await registration.finish(started.registrationResponse, DEFAULT_KDF_PARAMS);
  progress('Generating your keys…');
  const { stored, open, recoveryKeyText } = await createAccountKeys(exportKey, started.userId);
  exportKey.fill(0);
  await api.registerFinish({
    registrationId: started.registrationId,
    registrationRecord,
    kdfParams: DEFAULT_KDF_PARAMS,
    keys: storedKeysToJson(stored),
    keyCheck: await createKeyCheck(open.rootKey, started.userId),
    recoveryAuthToken: await recoveryAuthToken(recoveryKeyText),
  });
  // A real login right away: it proves the record works and gives the session.
  const vault = await signInWithPassword(email, password, progress);
  return { vault, recoveryKeyText };
}
