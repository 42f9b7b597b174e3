// The unlocked vault held in this tab: non-extractable keys only.
import { openAccountKeys, type OpenAccountKeys, type StoredAccountKeys } from '@/lib/crypto/account-keys';
import { deriveKekFromExportKey } from '@/lib/crypto/root-key';
import { importHpkePublicKeyRaw, importIdentityPublicKeyRaw, unwrapUserPrivateKey, verifyHpkeKeyBinding } from '@/lib/crypto/user-keys';
import type { AccountJson } from '@/lib/shared/accounts';
import { storedKeysFromJson } from './codec';
import { clearDevice, forgetRootKey, loadRootKey, loadSession, saveSession, type DeviceSession } from './device-store';
import { verifyKeyCheck } from './key-check';

export interface UnlockedVault {
  userId: string;
  email: string;
  keys: OpenAccountKeys;
  identityPublicKeyRaw: Uint8Array;
  /** Name decrypted from the key check: proof the root key is the original one. */
  keyCheckName: string;
}

let current: UnlockedVault | undefined;

export function currentVault(): UnlockedVault | undefined {
  return current;
}

async function finishOpen(session: Omit<DeviceSession, 'wrappedRootKey'>, keys: OpenAccountKeys): Promise<UnlockedVault> {
  // The identity key must vouch for the HPKE key the server handed us.
  await verifyHpkeKeyBinding(session.stored.identityPublicKeyRaw, session.userId, session.stored.hpkePublicKeyRaw, session.stored.hpkeKeyBindingSignature);
  const keyCheckName = await verifyKeyCheck(keys.rootKey, session.userId, session.keyCheck);
  current = { userId: session.userId, email: session.email, keys, identityPublicKeyRaw: session.stored.identityPublicKeyRaw, keyCheckName };
  return current;
}

/**
 * After an OPAQUE login: KEK from the export key, then the keys. The root key
 * is unwrapped twice: non-extractable for use, and (inside saveSession) once
 * extractable only to be wrapped under the device key (format.md §10).
 */
export async function unlockWithExportKey(account: AccountJson, exportKey: Uint8Array): Promise<UnlockedVault> {
  const stored = storedKeysFromJson(account.keys);
  const kek = await deriveKekFromExportKey(exportKey, account.userId);
  exportKey.fill(0);
  const keys = await openAccountKeys(kek, stored, account.userId);
  const session = { userId: account.userId, email: account.email, stored, keyCheck: account.keyCheck };
  await saveSession(session, kek);
  return finishOpen(session, keys);
}

async function openWithRootKey(stored: StoredAccountKeys, rootKey: CryptoKey, userId: string): Promise<OpenAccountKeys> {
  return {
    rootKey,
    hpke: { privateKey: await unwrapUserPrivateKey(rootKey, stored.wrappedHpkePrivateKey, 'hpke', userId), publicKey: await importHpkePublicKeyRaw(stored.hpkePublicKeyRaw) },
    identity: {
      privateKey: await unwrapUserPrivateKey(rootKey, stored.wrappedIdentityPrivateKey, 'identity', userId),
      publicKey: await importIdentityPublicKeyRaw(stored.identityPublicKeyRaw),
    },
  };
}

export type RestoreResult = { state: 'unlocked'; vault: UnlockedVault } | { state: 'locked'; email?: string };

/** On page load: reopen the vault for this user from the device, if it was left unlocked. */
export async function restoreVault(userId: string): Promise<RestoreResult> {
  if (current?.userId === userId) return { state: 'unlocked', vault: current };
  const session = await loadSession();
  if (!session) return { state: 'locked' };
  if (session.userId !== userId) {
    // Another account signed in on this device: nothing of the old one may linger.
    await clearDevice();
    return { state: 'locked' };
  }
  try {
    const rootKey = await loadRootKey(session);
    if (!rootKey) return { state: 'locked', email: session.email };
    return { state: 'unlocked', vault: await finishOpen(session, await openWithRootKey(session.stored, rootKey, userId)) };
  } catch {
    await forgetRootKey();
    return { state: 'locked', email: session.email };
  }
}

export async function lockVault(): Promise<void> {
  current = undefined;
  await forgetRootKey();
}

export async function forgetVault(): Promise<void> {
  current = undefined;
  await clearDevice();
}
