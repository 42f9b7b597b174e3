// The contact list (pinned identity keys, issue 6) sealed under the root key
// (docs/format.md §12). AES-GCM with a random nonce; the AAD names the
// purpose and the owner, so a blob cannot pass as another user's list or as
// any other root-key blob (every §3 AAD starts with "twofold/v1/wrap/").
import { assertBytes, encodeFields } from './bytes';
import { NONCE_LENGTH } from './constants';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { aesGcmDecrypt, aesGcmEncrypt, randomBytes } from './subtle';

function contactsAad(userId: string): Uint8Array {
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('userId must be a non-empty string');
  return encodeFields('twofold/v1/contacts', userId);
}

export async function encryptContactsBytes(
  rootKey: CryptoKey, userId: string, plaintext: Uint8Array, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertBytes(plaintext, 'plaintext');
  const nonce = checkUnsafeNonce(unsafeDeterministic) ?? randomBytes(NONCE_LENGTH);
  return encodeSealedBlob(nonce, await aesGcmEncrypt(rootKey, nonce, contactsAad(userId), plaintext));
}

export async function decryptContactsBytes(rootKey: CryptoKey, userId: string, blob: Uint8Array): Promise<Uint8Array> {
  assertBytes(blob, 'blob');
  const { nonce, ciphertext } = parseSealedBlob(blob);
  return aesGcmDecrypt(rootKey, nonce, contactsAad(userId), ciphertext);
}
