// Sign-up and sign-in over the key hierarchy (docs/format.md §2): what the
// accounts flow stores on the server and what it keeps in memory.
import { deriveKekFromExportKey, deriveRecoveryWrappingKey, generateRootKeyForWrapping, rewrapRootKey, unwrapRootKey, wrapRootKey } from './root-key';
import { generateRecoveryKeyBytes, recoveryKeyFromText, recoveryKeyToText } from './recovery-key';
import {
  exportPublicKeyRaw, generateUserKeyPairsForWrapping, importHpkePublicKeyRaw, importIdentityPublicKeyRaw, signHpkeKeyBinding,
  unwrapUserPrivateKey, wrapUserPrivateKey,
} from './user-keys';

/** Everything the server stores for a user's keys; all opaque to it. */
export interface StoredAccountKeys {
  wrappedRootKeyPassword: Uint8Array;
  wrappedRootKeyRecovery: Uint8Array;
  hpkePublicKeyRaw: Uint8Array;
  wrappedHpkePrivateKey: Uint8Array;
  identityPublicKeyRaw: Uint8Array;
  wrappedIdentityPrivateKey: Uint8Array;
  hpkeKeyBindingSignature: Uint8Array;
}

/** In-memory keys of a signed-in user; every private key is non-extractable. */
export interface OpenAccountKeys {
  rootKey: CryptoKey;
  hpke: CryptoKeyPair;
  identity: CryptoKeyPair;
}

export async function createAccountKeys(exportKey: Uint8Array, userId: string): Promise<{
  stored: StoredAccountKeys; open: OpenAccountKeys; recoveryKeyText: string;
}> {
  const kek = await deriveKekFromExportKey(exportKey, userId);
  const recoveryKey = generateRecoveryKeyBytes();
  const recoveryWrappingKey = await deriveRecoveryWrappingKey(recoveryKey, userId);
  const extractableRoot = await generateRootKeyForWrapping();
  const wrappedRootKeyPassword = await wrapRootKey(kek, extractableRoot, 'password', userId);
  const wrappedRootKeyRecovery = await wrapRootKey(recoveryWrappingKey, extractableRoot, 'recovery', userId);
  const pairs = await generateUserKeyPairsForWrapping();
  const hpkePublicKeyRaw = await exportPublicKeyRaw(pairs.hpke.publicKey);
  const identityPublicKeyRaw = await exportPublicKeyRaw(pairs.identity.publicKey);
  const stored: StoredAccountKeys = {
    wrappedRootKeyPassword,
    wrappedRootKeyRecovery,
    hpkePublicKeyRaw,
    wrappedHpkePrivateKey: await wrapUserPrivateKey(extractableRoot, pairs.hpke.privateKey, 'hpke', userId),
    identityPublicKeyRaw,
    wrappedIdentityPrivateKey: await wrapUserPrivateKey(extractableRoot, pairs.identity.privateKey, 'identity', userId),
    hpkeKeyBindingSignature: await signHpkeKeyBinding(pairs.identity.privateKey, userId, hpkePublicKeyRaw),
  };
  // Re-open from what was stored: the session keeps only non-extractable
  // copies, and a broken wrap is caught at sign-up instead of at sign-in.
  const open = await openAccountKeys(kek, stored, userId);
  return { stored, open, recoveryKeyText: recoveryKeyToText(recoveryKey) };
}

export async function openAccountKeys(kek: CryptoKey, stored: StoredAccountKeys, userId: string): Promise<OpenAccountKeys> {
  const rootKey = await unwrapRootKey(kek, stored.wrappedRootKeyPassword, 'password', userId);
  return {
    rootKey,
    hpke: {
      privateKey: await unwrapUserPrivateKey(rootKey, stored.wrappedHpkePrivateKey, 'hpke', userId),
      publicKey: await importHpkePublicKeyRaw(stored.hpkePublicKeyRaw),
    },
    identity: {
      privateKey: await unwrapUserPrivateKey(rootKey, stored.wrappedIdentityPrivateKey, 'identity', userId),
      publicKey: await importIdentityPublicKeyRaw(stored.identityPublicKeyRaw),
    },
  };
}

// Password change: only the root key's password wrapping changes.
export async function changePasswordWrapping(
  oldExportKey: Uint8Array, newExportKey: Uint8Array, wrappedRootKeyPassword: Uint8Array, userId: string,
): Promise<Uint8Array> {
  const from = { wrappingKey: await deriveKekFromExportKey(oldExportKey, userId), wrapped: wrappedRootKeyPassword, via: 'password' as const };
  const to = { wrappingKey: await deriveKekFromExportKey(newExportKey, userId), via: 'password' as const };
  return rewrapRootKey(from, to, userId);
}

// Recovery: the recovery key opens the root key, which is rewrapped under the
// KEK of the new password. IntegrityError if the recovery key is wrong.
export async function recoverWithRecoveryKey(
  recoveryKeyText: string, wrappedRootKeyRecovery: Uint8Array, newExportKey: Uint8Array, userId: string,
): Promise<Uint8Array> {
  const recoveryWrappingKey = await deriveRecoveryWrappingKey(recoveryKeyFromText(recoveryKeyText), userId);
  const from = { wrappingKey: recoveryWrappingKey, wrapped: wrappedRootKeyRecovery, via: 'recovery' as const };
  const to = { wrappingKey: await deriveKekFromExportKey(newExportKey, userId), via: 'password' as const };
  return rewrapRootKey(from, to, userId);
}
