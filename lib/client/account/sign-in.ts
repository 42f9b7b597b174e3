// Sign-in (docs/accounts.md "Sign-in"): OPAQUE login in two steps, the second
// inside next-auth's Credentials provider, then the keys are opened.
import { signIn } from 'next-auth/react';
import type { AccountJson } from '@/lib/shared/accounts';
import { api } from './api';
import { startLogin } from './opaque-client';
import { unlockWithExportKey, type UnlockedVault } from './vault-keys';
import { UserFacingError } from '@/lib/shared/user-facing-error';

/** Wrong password and unknown email end here alike. */
export class WrongCredentialsError extends UserFacingError {
  override name = 'WrongCredentialsError';
  constructor() {
    super('The email or password is not correct.');
  }
}

export type Progress = (message: string) => void;

/** Signs in (or, for a locked vault, in again) and unlocks the keys. */
export async function signInWithPassword(email: string, password: string, progress: Progress): Promise<UnlockedVault> {
  progress('Contacting the server…');
  const login = await startLogin(password);
  const started = await api.loginStart({ email, startLoginRequest: login.startLoginRequest });
  progress('Deriving your keys from the password…');
  const finished = await login.finish(started.loginResponse, started.kdfParams);
  if (!finished) throw new WrongCredentialsError();
  progress('Signing in…');
  const result = await signIn('opaque', { redirect: false, loginId: started.loginId, finishLoginRequest: finished.finishLoginRequest });
  if (!result?.ok) throw new WrongCredentialsError();
  progress('Opening your keys…');
  const account: AccountJson = await api.account();
  return unlockWithExportKey(account, finished.exportKey);
}
