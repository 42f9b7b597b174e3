// The top of the key hierarchy (docs/format.md §2): KEK from the OPAQUE export
// key, the recovery wrapping key, and the user's root key wrapped by both.
import { assertBytes, encodeFields } from './bytes';
import { RECOVERY_KEY_LENGTH } from './recovery-key';
import type { UnsafeDeterministicNonce } from './sealed-blob';
import { generateAesGcmKey, hkdfAesGcmKey, importHkdfKey } from './subtle';
import { unwrapCryptoKey, wrapCryptoKey, type WrapContext } from './wrap';

/** Which key wraps the root key: the password's KEK or the recovery key. */
export type RootKeyWrapping = 'password' | 'recovery';

function assertUserId(userId: string): void {
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('userId must be a non-empty string');
}

function rootContext(via: RootKeyWrapping, userId: string): WrapContext {
  return { purpose: via === 'password' ? 'root-key/password' : 'root-key/recovery', ids: [userId] };
}

// The export key is already the output of OPAQUE's memory-hard stretching;
// HKDF only gives it a single, user-bound use.
export async function deriveKekFromExportKey(exportKey: Uint8Array, userId: string): Promise<CryptoKey> {
  assertBytes(exportKey, 'exportKey');
  if (exportKey.length < 32) throw new RangeError('exportKey must be at least 32 bytes');
  assertUserId(userId);
  const ikm = await importHkdfKey(exportKey);
  return hkdfAesGcmKey(ikm, new Uint8Array(0), encodeFields('twofold/v1/kek', userId), ['wrapKey', 'unwrapKey']);
}

export async function deriveRecoveryWrappingKey(recoveryKey: Uint8Array, userId: string): Promise<CryptoKey> {
  assertBytes(recoveryKey, 'recoveryKey', RECOVERY_KEY_LENGTH);
  assertUserId(userId);
  const ikm = await importHkdfKey(recoveryKey);
  return hkdfAesGcmKey(ikm, new Uint8Array(0), encodeFields('twofold/v1/recovery', userId), ['wrapKey', 'unwrapKey']);
}

// Extractable only so it can be wrapped at sign-up; callers wrap it under
// both keys, then use unwrapRootKey to get the non-extractable copy they keep.
export async function generateRootKeyForWrapping(): Promise<CryptoKey> {
  return generateAesGcmKey(true, ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey']);
}

export async function wrapRootKey(
  wrappingKey: CryptoKey, rootKey: CryptoKey, via: RootKeyWrapping, userId: string,
  unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  assertUserId(userId);
  return wrapCryptoKey(wrappingKey, rootKey, 'raw', rootContext(via, userId), unsafeDeterministic);
}

// Non-extractable: the root key's bytes never reach JavaScript after sign-up.
export async function unwrapRootKey(wrappingKey: CryptoKey, wrapped: Uint8Array, via: RootKeyWrapping, userId: string): Promise<CryptoKey> {
  assertUserId(userId);
  return unwrapCryptoKey(wrappingKey, wrapped, 'raw', 'AES-GCM', false, rootContext(via, userId));
}

// Password change or recovery: a temporary extractable copy of the root key
// is unwrapped from the stored blob, rewrapped, and dropped.
export async function rewrapRootKey(
  from: { wrappingKey: CryptoKey; wrapped: Uint8Array; via: RootKeyWrapping },
  to: { wrappingKey: CryptoKey; via: RootKeyWrapping },
  userId: string,
): Promise<Uint8Array> {
  assertUserId(userId);
  const temporary = await unwrapCryptoKey(from.wrappingKey, from.wrapped, 'raw', 'AES-GCM', true, rootContext(from.via, userId));
  return wrapCryptoKey(to.wrappingKey, temporary, 'raw', rootContext(to.via, userId));
}
