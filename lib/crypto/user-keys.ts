// A user's two key pairs (docs/format.md §2, §5): a P-256 HPKE key to receive
// shares and an Ed25519 identity key to sign. Private keys are stored wrapped
// under the root key as PKCS8 and unwrapped as non-extractable keys.
import { encodeFields } from './bytes';
import { IntegrityError } from './errors';
import type { UnsafeDeterministicNonce } from './sealed-blob';
import {
  exportPublicKeyRaw, generateEcdhP256KeyPair, generateEd25519KeyPair, importEcdhP256PublicKeyRaw,
  importEd25519PublicKeyRaw, signEd25519, verifyEd25519,
} from './subtle';
import { unwrapCryptoKey, wrapCryptoKey, type WrapContext } from './wrap';

export type UserKeyKind = 'hpke' | 'identity';

function context(kind: UserKeyKind, userId: string): WrapContext {
  return { purpose: kind === 'hpke' ? 'hpke-private-key' : 'identity-private-key', ids: [userId] };
}

// Extractable so the private keys can be wrapped once; keep the unwrapped,
// non-extractable copies (unwrapUserPrivateKey) for use.
export async function generateUserKeyPairsForWrapping(): Promise<{ hpke: CryptoKeyPair; identity: CryptoKeyPair }> {
  return { hpke: await generateEcdhP256KeyPair(true), identity: await generateEd25519KeyPair(true) };
}

export async function wrapUserPrivateKey(
  rootKey: CryptoKey, privateKey: CryptoKey, kind: UserKeyKind, userId: string,
  unsafeDeterministic?: UnsafeDeterministicNonce,
): Promise<Uint8Array> {
  return wrapCryptoKey(rootKey, privateKey, 'pkcs8', context(kind, userId), unsafeDeterministic);
}

export async function unwrapUserPrivateKey(rootKey: CryptoKey, wrapped: Uint8Array, kind: UserKeyKind, userId: string): Promise<CryptoKey> {
  return unwrapCryptoKey(rootKey, wrapped, 'pkcs8', kind === 'hpke' ? 'ECDH-P256' : 'Ed25519', false, context(kind, userId));
}

export { exportPublicKeyRaw, importEcdhP256PublicKeyRaw as importHpkePublicKeyRaw, importEd25519PublicKeyRaw as importIdentityPublicKeyRaw };

// The identity key vouches for the HPKE key, like a signed prekey: the server
// cannot substitute its own encryption key for a user (format.md §5).
function bindingMessage(userId: string, hpkePublicKeyRaw: Uint8Array): Uint8Array {
  return encodeFields('twofold/v1/hpke-key-binding', userId, hpkePublicKeyRaw);
}

export async function signHpkeKeyBinding(identityPrivateKey: CryptoKey, userId: string, hpkePublicKeyRaw: Uint8Array): Promise<Uint8Array> {
  return signEd25519(identityPrivateKey, bindingMessage(userId, hpkePublicKeyRaw));
}

// Returns the HPKE public key only if the binding verifies.
export async function verifyHpkeKeyBinding(
  identityPublicKeyRaw: Uint8Array, userId: string, hpkePublicKeyRaw: Uint8Array, signature: Uint8Array,
): Promise<CryptoKey> {
  let identity: CryptoKey;
  let hpke: CryptoKey;
  try {
    identity = await importEd25519PublicKeyRaw(identityPublicKeyRaw);
    hpke = await importEcdhP256PublicKeyRaw(hpkePublicKeyRaw);
  } catch (cause) {
    throw new IntegrityError({ cause });
  }
  if (!(await verifyEd25519(identity, signature, bindingMessage(userId, hpkePublicKeyRaw)))) throw new IntegrityError();
  return hpke;
}
