// The recovery auth token (docs/accounts.md "Recovery"): proves to the server
// that the client holds the recovery key, without revealing it or anything
// that unwraps the root key. Domain-separated from the recovery wrapping key
// (docs/format.md §2) by its HKDF info, and not bound to the user id, because
// the client must present it before the server tells it the user id.
import { encodeFields, toBase64Url } from '@/lib/crypto/bytes';
import { recoveryKeyFromText } from '@/lib/crypto/recovery-key';
import { hkdfBytes, importHkdfKey } from '@/lib/crypto/subtle';

export async function recoveryAuthTokenFromBytes(recoveryKey: Uint8Array): Promise<string> {
  const ikm = await importHkdfKey(recoveryKey);
  return toBase64Url(await hkdfBytes(ikm, new Uint8Array(0), encodeFields('twofold/v1/recovery-auth'), 32));
}

export async function recoveryAuthToken(recoveryKeyText: string): Promise<string> {
  return recoveryAuthTokenFromBytes(recoveryKeyFromText(recoveryKeyText));
}
