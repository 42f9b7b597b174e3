// The recovery key (docs/format.md §2): 160 random bits shown to the user as
// 8 groups of 4 base32 characters. Random, so it needs no stretching.
import { assertBytes } from './bytes';
import { randomBytes } from './subtle';

export const RECOVERY_KEY_LENGTH = 20;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
// The alphabet has no 0, 1 or 8; users type them for O, I and B.
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B' };

export function generateRecoveryKeyBytes(): Uint8Array {
  return randomBytes(RECOVERY_KEY_LENGTH);
}

export function recoveryKeyToText(recoveryKey: Uint8Array): string {
  assertBytes(recoveryKey, 'recoveryKey', RECOVERY_KEY_LENGTH);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of recoveryKey) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // 160 bits is exactly 32 characters: no padding, no leftover bits.
  return (out.match(/.{4}/g) as string[]).join('-');
}

export function recoveryKeyFromText(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('recovery key must be a string');
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[018]/g, (c) => LOOKALIKES[c] as string);
  if (clean.length !== 32 || ![...clean].every((c) => ALPHABET.includes(c))) {
    throw new RangeError('a recovery key is 32 characters from A-Z and 2-7');
  }
  const out = new Uint8Array(RECOVERY_KEY_LENGTH);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    value = ((value << 5) | ALPHABET.indexOf(char)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  return out;
}
