// Changes that need the current password again (a fresh OPAQUE login inside
// the session): password change and a new recovery key. Both rewrap only the
// root key; nothing below it changes (docs/format.md §2).
import { changePasswordWrapping } from '@/lib/crypto/account-keys';
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { generateRecoveryKeyBytes, recoveryKeyToText } from '@/lib/crypto/recovery-key';
import { deriveKekFromExportKey, deriveRecoveryWrappingKey, rewrapRootKey } from '@/lib/crypto/root-key';
import { DEFAULT_KDF_PARAMS } from '@/lib/shared/kdf-params';
import { api } from './api';
import { startLogin, startRegistration } from './opaque-client';
import { recoveryAuthToken, recoveryAuthTokenFromBytes } from './recovery-auth';
import { signInWithPassword, WrongCredentialsError, type Progress } from './sign-in';
import type { UnlockedVault } from './vault-keys';

export async function changePassword(email: string, currentPassword: string, newPassword: string, progress: Progress): Promise<UnlockedVault> {
  progress('Checking your current password…');
  const login = await startLogin(currentPassword);
  const registration = await startRegistration(newPassword);
  const started = await api.reauth({ startLoginRequest: login.startLoginRequest, registrationRequest: registration.registrationRequest });
  if (!started.registrationResponse) throw new Error('the server did not answer the registration request');
  const old = await login.finish(started.loginResponse, started.kdfParams);
  if (!old) throw new WrongCredentialsError();
  progress('Deriving keys from the new password…');
  // New records get the current defaults: this is where raised parameters take effect.
  const next = await registration.finish(started.registrationResponse, DEFAULT_KDF_PARAMS);
  const account = await api.account();
  const wrapped = await changePasswordWrapping(old.exportKey, next.exportKey, fromBase64Url(account.keys.wrappedRootKeyPassword), account.userId);
  old.exportKey.fill(0);
  next.exportKey.fill(0);
  await api.changePassword({
    loginId: started.loginId,
    finishLoginRequest: old.finishLoginRequest,
    registrationRecord: next.registrationRecord,
    kdfParams: DEFAULT_KDF_PARAMS,
    wrappedRootKeyPassword: toBase64Url(wrapped),
  });
  // Every session was revoked, this one too: sign in with the new password.
  return signInWithPassword(email, newPassword, progress);
}

/**
 * The user saved this recovery key (typed its last group back). A
 * regenerated key only replaces the old one now; sign-up's key is marked
 * confirmed, so the vault stops asking.
 */
export async function confirmRecoveryKey(recoveryKeyText: string): Promise<void> {
  await api.confirmRecoveryKey({ recoveryAuthToken: await recoveryAuthToken(recoveryKeyText) });
}

/** Whether the signed-in account has a recovery key the user confirmed saving. */
export async function recoveryKeyConfirmed(): Promise<boolean> {
  return (await api.account()).recoveryKeyConfirmed;
}

/** A new recovery key, pending until confirmRecoveryKey: the old one keeps working until then. */
export async function regenerateRecoveryKey(currentPassword: string, progress: Progress): Promise<string> {
  progress('Checking your password…');
  const login = await startLogin(currentPassword);
  const started = await api.reauth({ startLoginRequest: login.startLoginRequest });
  const finished = await login.finish(started.loginResponse, started.kdfParams);
  if (!finished) throw new WrongCredentialsError();
  progress('Making a new recovery key…');
  const account = await api.account();
  const recoveryKey = generateRecoveryKeyBytes();
  const wrappedRootKeyRecovery = await rewrapRootKey(
    { wrappingKey: await deriveKekFromExportKey(finished.exportKey, account.userId), wrapped: fromBase64Url(account.keys.wrappedRootKeyPassword), via: 'password' },
    { wrappingKey: await deriveRecoveryWrappingKey(recoveryKey, account.userId), via: 'recovery' },
    account.userId,
  );
  finished.exportKey.fill(0);
  await api.regenerateRecoveryKey({
    loginId: started.loginId,
    finishLoginRequest: finished.finishLoginRequest,
    wrappedRootKeyRecovery: toBase64Url(wrappedRootKeyRecovery),
    recoveryAuthToken: await recoveryAuthTokenFromBytes(recoveryKey),
  });
  const text = recoveryKeyToText(recoveryKey);
  recoveryKey.fill(0);
  return text;
}
