// Wrapped keys (docs/format.md §3). The AAD names the purpose and the ids the
// key belongs to, so a blob replayed under another purpose, file or user
// fails to authenticate.
import { encodeFields } from './bytes';
import { NONCE_LENGTH } from './constants';
import { checkUnsafeNonce, encodeSealedBlob, parseSealedBlob, type UnsafeDeterministicNonce } from './sealed-blob';
import { aesGcmDecrypt, aesGcmEncrypt, randomBytes, unwrapKeyAesGcm, wrapKeyAesGcm, type UnwrappedAlgorithm } from './subtle';

// How many ids each purpose binds (format.md §3 table).
const ID_COUNTS = {
  'root-key/password': 1,
  'root-key/recovery': 1,
  'hpke-private-key': 1,
  'identity-private-key': 1,
  'file-key': 2,
  'folder-key': 2,
  'folder-key-in-folder': 2,
  'file-key-in-folder': 2,
  'link-folder-key': 2,
  'link-file-key': 2,
} as const;

export type WrapPurpose = keyof typeof ID_COUNTS;

export interface WrapContext {
  purpose: WrapPurpose;
  ids: readonly string[];
}

export function wrapAad(context: WrapContext): Uint8Array {
  const expected = ID_COUNTS[context.purpose];
  if (expected === undefined) throw new TypeError(`unknown wrap purpose ${String(context.purpose)}`);
  if (context.ids.length !== expected) throw new RangeError(`${context.purpose} binds ${expected} id(s)`);
  for (const id of context.ids) {
    if (typeof id !== 'string' || id.length === 0) throw new TypeError('wrap ids must be non-empty strings');
  }
  return encodeFields(`twofold/v1/wrap/${context.purpose}`, ...context.ids);
}

// Random nonces: one wrapping key wraps many keys, far fewer than the 2^32
// after which random 96-bit nonces risk colliding.
function nonceFor(unsafe?: UnsafeDeterministicNonce): Uint8Array {
  return checkUnsafeNonce(unsafe) ?? randomBytes(NONCE_LENGTH);
}

export async function wrapKeyBytes(
  wrappingKey: CryptoKey, keyBytes: Uint8Array, context: WrapContext, unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  const aad = wrapAad(context);
  const nonce = nonceFor(unsafeDeterministic);
  return encodeSealedBlob(nonce, await aesGcmEncrypt(wrappingKey, nonce, aad, keyBytes));
}

export async function unwrapKeyBytes(wrappingKey: CryptoKey, blob: Uint8Array, context: WrapContext): Promise<Uint8Array> {
  const aad = wrapAad(context);
  const { nonce, ciphertext } = parseSealedBlob(blob);
  return aesGcmDecrypt(wrappingKey, nonce, aad, ciphertext);
}

// Same layout as wrapKeyBytes, via WebCrypto wrapKey so the caller never
// handles the key bytes; `key` must be extractable.
export async function wrapCryptoKey(
  wrappingKey: CryptoKey, key: CryptoKey, format: 'raw' | 'pkcs8', context: WrapContext,
  unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  const aad = wrapAad(context);
  const nonce = nonceFor(unsafeDeterministic);
  return encodeSealedBlob(nonce, await wrapKeyAesGcm(format, key, wrappingKey, nonce, aad));
}

export async function unwrapCryptoKey(
  wrappingKey: CryptoKey, blob: Uint8Array, format: 'raw' | 'pkcs8', target: UnwrappedAlgorithm,
  extractable: boolean, context: WrapContext,
): Promise<CryptoKey> {
  const aad = wrapAad(context);
  const { nonce, ciphertext } = parseSealedBlob(blob);
  return unwrapKeyAesGcm(format, ciphertext, wrappingKey, nonce, aad, target, extractable);
}
