// The device key and the root key wrapped under it (docs/format.md §10):
// what lets an unlocked vault survive a reload without the password. The
// device key is a non-extractable AES-256-GCM key that never leaves this
// browser profile's IndexedDB; the blob next to it opens only with it.
import { encodeFields } from './bytes';
import { NONCE_LENGTH } from './constants';
import type { RootKeyWrapping } from './root-key';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { generateAesGcmKey, randomBytes, unwrapKeyAesGcm, wrapKeyAesGcm } from './subtle';
import { unwrapCryptoKey } from './wrap';

function assertUserId(userId: string): void {
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('userId must be a non-empty string');
}

// Bound to the user so a blob cannot be replayed into another user's
// session on the same device. Not under "twofold/v1/wrap/" (§3): the device
// key wraps nothing else, and the bytes predate that table.
function deviceAad(userId: string): Uint8Array {
  assertUserId(userId);
  return encodeFields('twofold/v1/device/root-key', userId);
}

// Non-extractable: script can use it while the origin is loaded, but its
// bytes cannot be read out and copied elsewhere.
export async function generateDeviceKey(): Promise<CryptoKey> {
  return generateAesGcmKey(false, ['wrapKey', 'unwrapKey']);
}

/** `rootKey` must be extractable (WebCrypto wrapKey); see rewrapRootKeyForDevice. */
export async function wrapRootKeyForDevice(
  deviceKey: CryptoKey, rootKey: CryptoKey, userId: string, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  const aad = deviceAad(userId);
  // Random: one device key wraps the root key again at every sign-in.
  const nonce = checkUnsafeNonce(unsafeDeterministic) ?? randomBytes(NONCE_LENGTH);
  return encodeSealedBlob(nonce, await wrapKeyAesGcm('raw', rootKey, deviceKey, nonce, aad));
}

// The same trade as format.md §2's rewrap: a temporary extractable copy is
// unwrapped from the stored password blob, wrapped under the device key, and
// dropped; the caller never holds it.
export async function rewrapRootKeyForDevice(
  from: { wrappingKey: CryptoKey; wrapped: Uint8Array; via: RootKeyWrapping }, deviceKey: CryptoKey, userId: string,
): Promise<Uint8Array> {
  assertUserId(userId);
  const context = { purpose: from.via === 'password' ? 'root-key/password' : 'root-key/recovery', ids: [userId] } as const;
  const temporary = await unwrapCryptoKey(from.wrappingKey, from.wrapped, 'raw', 'AES-GCM', true, context);
  return wrapRootKeyForDevice(deviceKey, temporary, userId);
}

/** The root key, non-extractable. IntegrityError for another device's key, user or a damaged blob. */
export async function unwrapRootKeyFromDevice(deviceKey: CryptoKey, blob: Uint8Array, userId: string): Promise<CryptoKey> {
  const aad = deviceAad(userId);
  const { nonce, ciphertext } = parseSealedBlob(blob);
  return unwrapKeyAesGcm('raw', ciphertext, deviceKey, nonce, aad, 'AES-GCM', false);
}
