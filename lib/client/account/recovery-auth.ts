// The recovery auth token as the API carries it (docs/accounts.md
// "Recovery"); the derivation is lib/crypto/recovery-auth.ts (format.md §11).
import { toBase64Url } from '@/lib/crypto/bytes';
import { deriveRecoveryAuthTokenBytes } from '@/lib/crypto/recovery-auth';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';

export async function recoveryAuthTokenFromBytes(recoveryKey: Uint8Array): Promise<string> {
  return toBase64Url(await deriveRecoveryAuthTokenBytes(recoveryKey));
}

export async function recoveryAuthToken(recoveryKeyText: string): Promise<string> {
  const recoveryKey = recoveryKeyFromText(recoveryKeyText);
  try {
    return await recoveryAuthTokenFromBytes(recoveryKey);
  } finally {
    recoveryKey.fill(0);
  }
}
