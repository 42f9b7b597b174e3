// "Forgot password" with the recovery key (docs/accounts.md "Recovery"): the
// root key is unwrapped with the recovery key and rewrapped under the KEK of
// a new password; then a normal sign-in.
import { recoverWithRecoveryKey } from '@/lib/crypto/account-keys';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';
import { DEFAULT_KDF_PARAMS } from '@/lib/shared/kdf-params';
import { api } from './api';
import { startRegistration } from './opaque-client';
import { recoveryAuthToken } from './recovery-auth';
import { signInWithPassword, type Progress } from './sign-in';
import type { UnlockedVault } from './vault-keys';

export async function recoverAccount(email: string, recoveryKeyText: string, newPassword: string, progress: Progress): Promise<UnlockedVault> {
  recoveryKeyFromText(recoveryKeyText); // RangeError on a malformed key, before any request
  const token = await recoveryAuthToken(recoveryKeyText);
  progress('Checking the recovery key…');
  const registration = await startRegistration(newPassword);
  const started = await api.recoveryStart({ email, recoveryAuthToken: token, registrationRequest: registration.registrationRequest });
  progress('Deriving keys from the new password…');
  const next = await registration.finish(started.registrationResponse, DEFAULT_KDF_PARAMS);
  const wrapped = await recoverWithRecoveryKey(recoveryKeyText, fromBase64Url(started.wrappedRootKeyRecovery), next.exportKey, started.userId);
  next.exportKey.fill(0);
  await api.recoveryFinish({
    recoveryId: started.recoveryId,
    recoveryAuthToken: token,
    registrationRecord: next.registrationRecord,
    kdfParams: DEFAULT_KDF_PARAMS,
    wrappedRootKeyPassword: toBase64Url(wrapped),
  });
  return signInWithPassword(email, newPassword, progress);
}
