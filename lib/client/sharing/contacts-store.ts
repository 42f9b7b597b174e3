// Loads and saves the contact list: JSON, encrypted under the root key in this
// tab (lib/crypto/contacts.ts), stored server-side as an opaque blob.
import { bytesToUtf8, fromBase64Url, toBase64Url, utf8ToBytes } from '@/lib/crypto/bytes';
import { decryptContactsBytes, encryptContactsBytes } from '@/lib/crypto/contacts';
import type { UnlockedVault } from '@/lib/client/account/vault-keys';
import { sharingApi } from './api';
import { SharingError } from './messages';
import { emptyContactBook, parseContactBook, type ContactBook } from './pins';

export async function loadContactBook(vault: UnlockedVault): Promise<ContactBook> {
  const blob = await sharingApi.getContacts();
  if (blob === null) return emptyContactBook();
  try {
    const plaintext = await decryptContactsBytes(vault.keys.rootKey, vault.userId, fromBase64Url(blob));
    return parseContactBook(bytesToUtf8(plaintext));
  } catch (cause) {
    // Never fall back to an empty list: that would silently unpin every key.
    throw new SharingError('Your contact list could not be decrypted, so sharing is paused rather than trusting keys blindly.', { cause });
  }
}

export async function saveContactBook(vault: UnlockedVault, book: ContactBook): Promise<void> {
  const blob = await encryptContactsBytes(vault.keys.rootKey, vault.userId, utf8ToBytes(JSON.stringify(book)));
  await sharingApi.putContacts(toBase64Url(blob));
}
