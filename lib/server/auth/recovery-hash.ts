import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';

// The recovery auth token is HKDF of a 160-bit random recovery key, so a
// plain SHA-256 is enough: there is nothing low-entropy to brute-force.
export function hashRecoveryAuthToken(tokenBase64Url: string): string {
  return createHash('sha256').update(Buffer.from(tokenBase64Url, 'base64url')).digest('base64url');
}

export function recoveryAuthTokenMatches(tokenBase64Url: string, storedHash: string): boolean {
  const a = Buffer.from(hashRecoveryAuthToken(tokenBase64Url), 'base64url');
  const b = Buffer.from(storedHash, 'base64url');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Compared against for unknown emails so both paths do the same work. */
export const DUMMY_RECOVERY_HASH = hashRecoveryAuthToken('dummy');
