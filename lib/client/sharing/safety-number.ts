// The one number two people compare (docs/format.md §7.1): the sender sees it
// when sharing, the recipient next to what they received, both labelled
// "Safety number with ‹the other person›".
import { fromBase64Url } from '@/lib/crypto/bytes';
import { safetyNumberDigits } from '@/lib/crypto/fingerprint';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';

export function safetyNumberWith(vault: UnlockedVault, userId: string, identityPublicKeyBase64Url: string): Promise<string> {
  return safetyNumberDigits(
    { userId: vault.userId, identityPublicKeyRaw: vault.identityPublicKeyRaw },
    { userId, identityPublicKeyRaw: fromBase64Url(identityPublicKeyBase64Url) },
  );
}
