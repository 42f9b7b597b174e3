// The key check as the account API carries it (base64url JSON); what it is
// and how it is made: lib/crypto/key-check.ts (docs/format.md §2).
import { fromBase64Url, toBase64Url } from '@/lib/crypto/bytes';
import { createKeyCheckBytes, verifyKeyCheckBytes } from '@/lib/crypto/key-check';
import type { KeyCheckJson } from '@/lib/shared/accounts';

export async function createKeyCheck(rootKey: CryptoKey, userId: string): Promise<KeyCheckJson> {
  const check = await createKeyCheckBytes(rootKey, userId);
  return { id: check.id, wrappedFileKey: toBase64Url(check.wrappedFileKey), metadata: toBase64Url(check.metadata) };
}

/** The decrypted name; throws IntegrityError if the root key is not the original one. */
export async function verifyKeyCheck(rootKey: CryptoKey, userId: string, check: KeyCheckJson): Promise<string> {
  return verifyKeyCheckBytes(rootKey, userId, { id: check.id, wrappedFileKey: fromBase64Url(check.wrappedFileKey), metadata: fromBase64Url(check.metadata) });
}
