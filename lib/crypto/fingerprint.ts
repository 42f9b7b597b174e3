// Human-comparable fingerprints of identity keys (docs/format.md §7), in the
// Signal safety-number style: 12 groups of 5 digits.
import { assertBytes, encodeFields } from './bytes';
import { sha256Bytes, sha512Bytes } from './subtle';

export const IDENTITY_PUBLIC_KEY_LENGTH = 32;

export async function identityFingerprintBytes(userId: string, identityPublicKeyRaw: Uint8Array): Promise<Uint8Array> {
  assertBytes(identityPublicKeyRaw, 'identityPublicKeyRaw', IDENTITY_PUBLIC_KEY_LENGTH);
  if (typeof userId !== 'string' || userId.length === 0) throw new TypeError('userId must be a non-empty string');
  return sha512Bytes(encodeFields('twofold/v1/fingerprint', userId, identityPublicKeyRaw));
}

export function fingerprintBytesToDigits(digest: Uint8Array): string {
  assertBytes(digest, 'digest', 64);
  const groups: string[] = [];
  for (let g = 0; g < 12; g++) {
    let value = 0;
    // 40-bit big-endian integer: exact in a double (< 2^53).
    for (let i = 0; i < 5; i++) value = value * 256 + (digest[5 * g + i] as number);
    groups.push(String(value % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

export async function identityFingerprintDigits(userId: string, identityPublicKeyRaw: Uint8Array): Promise<string> {
  return fingerprintBytesToDigits(await identityFingerprintBytes(userId, identityPublicKeyRaw));
}

export interface Identity {
  userId: string;
  identityPublicKeyRaw: Uint8Array;
}

/**
 * The safety number of two people (format.md §7.1): one number that both
 * compute alike, whoever shares with whom, so they compare a single string.
 * The pair is ordered by user id, so the sides agree without talking.
 */
export async function safetyNumberBytes(a: Identity, b: Identity): Promise<Uint8Array> {
  for (const x of [a, b]) {
    assertBytes(x.identityPublicKeyRaw, 'identityPublicKeyRaw', IDENTITY_PUBLIC_KEY_LENGTH);
    if (typeof x.userId !== 'string' || x.userId.length === 0) throw new TypeError('userId must be a non-empty string');
  }
  if (a.userId === b.userId) throw new TypeError('a safety number needs two different users');
  const [low, high] = a.userId < b.userId ? [a, b] : [b, a];
  return sha512Bytes(encodeFields('twofold/v1/safety-number', low.userId, low.identityPublicKeyRaw, high.userId, high.identityPublicKeyRaw));
}

export async function safetyNumberDigits(a: Identity, b: Identity): Promise<string> {
  return fingerprintBytesToDigits(await safetyNumberBytes(a, b));
}

// Names the exact HPKE key a share was sealed to (format.md §5 signature).
export async function hpkeKeyFingerprintBytes(hpkePublicKeyRaw: Uint8Array): Promise<Uint8Array> {
  assertBytes(hpkePublicKeyRaw, 'hpkePublicKeyRaw', 65);
  return sha256Bytes(hpkePublicKeyRaw);
}
