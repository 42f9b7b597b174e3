// Where an unlocked vault survives a reload (docs/accounts.md "On the device").
//
// IndexedDB holds a per-device AES-GCM key, generated non-extractable, and the
// root key wrapped under it, next to the account's server blobs. A reload
// unwraps the root key (non-extractable) and from it the private keys: no
// password needed. Lock deletes the wrapped root key; sign-out deletes the
// whole database, device key included. If IndexedDB is unavailable (some
// private modes, disabled storage) everything stays in memory only.
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { StoredAccountKeys } from '@/lib/crypto/account-keys';
import { generateDeviceKey, rewrapRootKeyForDevice, unwrapRootKeyFromDevice } from '@/lib/crypto/device-key';
import type { KeyCheckJson } from '@/lib/shared/accounts';

export interface DeviceSession {
  userId: string;
  email: string;
  stored: StoredAccountKeys;
  keyCheck: KeyCheckJson;
  /** The root key wrapped under the device key; absent while locked. */
  wrappedRootKey?: Uint8Array;
}

export type StorageMode = 'indexeddb' | 'memory';

const SESSION = 'session';
const DEVICE_KEY = 'device-key';

let store: UseStore | undefined;
let mode: Promise<StorageMode> | undefined;
let memorySession: DeviceSession | undefined;

/** Probes IndexedDB once with a real write; any failure means memory-only. */
export function storageMode(): Promise<StorageMode> {
  mode ??= (async () => {
    try {
      if (typeof indexedDB === 'undefined') return 'memory';
      store = createStore('twofold', 'device');
      await set('probe', 1, store);
      await del('probe', store);
      // Ask the browser not to evict the store under storage pressure; a
      // refusal only means a reload may need the password again.
      void navigator.storage?.persist?.().catch(() => false);
      return 'indexeddb';
    } catch {
      store = undefined;
      return 'memory';
    }
  })();
  return mode;
}

async function idb(): Promise<UseStore | undefined> {
  return (await storageMode()) === 'indexeddb' ? store : undefined;
}

async function deviceKey(s: UseStore): Promise<CryptoKey> {
  const existing = await get<CryptoKey>(DEVICE_KEY, s);
  if (existing) return existing;
  // Non-extractable (format.md §10): usable while the origin is loaded, never copied out.
  const key = await generateDeviceKey();
  await set(DEVICE_KEY, key, s);
  return key;
}

export async function loadSession(): Promise<DeviceSession | undefined> {
  const s = await idb();
  return s ? get<DeviceSession>(SESSION, s) : memorySession;
}

/** Returns the root key (non-extractable) if this device holds an unlocked session for the user. */
export async function loadRootKey(session: DeviceSession): Promise<CryptoKey | undefined> {
  const s = await idb();
  if (!s || !session.wrappedRootKey) return undefined;
  return unwrapRootKeyFromDevice(await deviceKey(s), session.wrappedRootKey, session.userId);
}

/** Saves the session; the root key is rewrapped from the stored password blob under the device key (lib/crypto/device-key.ts). */
export async function saveSession(session: Omit<DeviceSession, 'wrappedRootKey'>, kek: CryptoKey): Promise<void> {
  const s = await idb();
  if (!s) {
    memorySession = session;
    return;
  }
  const from = { wrappingKey: kek, wrapped: session.stored.wrappedRootKeyPassword, via: 'password' as const };
  const wrappedRootKey = await rewrapRootKeyForDevice(from, await deviceKey(s), session.userId);
  await set(SESSION, { ...session, wrappedRootKey } satisfies DeviceSession, s);
}

/** Lock: forget the root key, keep who is signed in so the unlock screen can ask for the password. */
export async function forgetRootKey(): Promise<void> {
  const s = await idb();
  if (!s) return;
  const session = await get<DeviceSession>(SESSION, s);
  if (session) await set(SESSION, { ...session, wrappedRootKey: undefined }, s);
}

/** Sign-out: nothing of the account stays on the device, not even the device key. */
export async function clearDevice(): Promise<void> {
  memorySession = undefined;
  const s = await idb();
  if (s) await clear(s);
}
