// Byte helpers shared by every module. Names carry the representation:
// toBase64Url(bytes) → string, fromHex(string) → bytes.

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8ToBytes(text: string): Uint8Array {
  if (typeof text !== 'string') throw new TypeError('expected a string');
  return textEncoder.encode(text);
}

// fatal: malformed UTF-8 throws instead of silently becoming U+FFFD.
export function bytesToUtf8(bytes: Uint8Array): string {
  return textDecoder.decode(bytes);
}

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) total += part.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function u32ToBytes(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new RangeError('u32 out of range');
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value, false);
  return out;
}

export function readU32(bytes: Uint8Array, offset: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset, false);
}

// fields(a, b, ...) from docs/format.md conventions: u32 length prefixes make
// the encoding injective, so ("ab","c") and ("a","bc") never collide.
export function encodeFields(...items: (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const item of items) {
    const bytes = typeof item === 'string' ? utf8ToBytes(item) : item;
    parts.push(u32ToBytes(bytes.length), bytes);
  }
  return concatBytes(...parts);
}

// Runs in time independent of where the inputs differ, so comparing a
// commitment leaks nothing through timing (length is public).
export function equalBytesConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(hex: string): Uint8Array {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError('invalid hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so large inputs don't overflow the argument limit of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Canonical base64url only (format.md conventions): no padding, nothing
// outside A-Z a-z 0-9 - _, no length of 1 mod 4, and the unused low bits of
// the last character zero. So each byte string has exactly one text form
// and "AB" is refused rather than read as the byte that "AA" encodes.
// [Note: canonical base64url] lib/shared/base64url.ts holds the same rule for
// the API schemas; keep the two patterns alike.
export const CANONICAL_BASE64URL = /^(?:[A-Za-z0-9_-]{4})*(?:[A-Za-z0-9_-][AQgw]|[A-Za-z0-9_-]{2}[AEIMQUYcgkosw048])?$/;

export function fromBase64Url(text: string): Uint8Array {
  if (typeof text !== 'string' || !CANONICAL_BASE64URL.test(text)) {
    throw new TypeError('invalid base64url string (unpadded, canonical)');
  }
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
