import 'server-only';
import { isIP } from 'node:net';

// IP addresses as bytes, for the two things the server does with them: match
// them against trusted proxies' CIDRs and shorten them to a network prefix
// for the session list. IPv4-mapped IPv6 (::ffff:a.b.c.d, what a dual-stack
// socket reports for IPv4 clients) counts as the IPv4 address.

export type TrustedProxies = { hops: number } | { cidrs: Cidr[] };
export interface Cidr {
  bytes: Uint8Array;
  bits: number;
}

function ipv4Bytes(text: string): Uint8Array {
  return Uint8Array.from(text.split('.').map(Number));
}

/** For text that node:net's isIP accepted as IPv6 (so it is well-formed). */
function ipv6Bytes(text: string): Uint8Array {
  // A trailing dotted IPv4 (::ffff:1.2.3.4) becomes its two hex groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  const v4Bytes = v4 ? ipv4Bytes(v4) : undefined;
  const body = v4Bytes ? `${text.slice(0, -v4!.length)}${((v4Bytes[0]! << 8) | v4Bytes[1]!).toString(16)}:${((v4Bytes[2]! << 8) | v4Bytes[3]!).toString(16)}` : text;
  const [head = '', rest] = body.split('::');
  const groups = (part: string) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(rest ?? '');
  const all = rest === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  const bytes = new Uint8Array(16);
  all.forEach((g, i) => { bytes[i * 2] = g >> 8; bytes[i * 2 + 1] = g & 0xff; });
  return bytes;
}

/** The address as 4 or 16 bytes (IPv4-mapped IPv6 as 4), or undefined if it is not an IP address. */
export function ipBytes(text: string): Uint8Array | undefined {
  const plain = text.trim().replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const kind = isIP(plain);
  if (kind === 4) return ipv4Bytes(plain);
  if (kind !== 6) return undefined;
  const bytes = ipv6Bytes(plain);
  const mapped = bytes.subarray(0, 12).every((b, i) => b === (i < 10 ? 0 : 0xff));
  return mapped ? bytes.slice(12) : bytes;
}

function parseCidr(text: string): Cidr | undefined {
  const [address = '', bitsText] = text.trim().split('/');
  const bytes = ipBytes(address);
  if (!bytes) return undefined;
  const max = bytes.length * 8;
  const bits = bitsText === undefined ? max : /^\d+$/.test(bitsText) ? Number(bitsText) : NaN;
  return Number.isInteger(bits) && bits >= 0 && bits <= max ? { bytes, bits } : undefined;
}

/** TRUSTED_PROXIES: a hop count ("1") or CIDRs ("10.0.0.0/8, ::1"); undefined if malformed. */
export function parseTrustedProxies(value: string): TrustedProxies | undefined {
  if (/^\s*\d+\s*$/.test(value)) {
    const hops = Number(value);
    return hops <= 16 ? { hops } : undefined;
  }
  const cidrs = value.split(',').filter((part) => part.trim()).map(parseCidr);
  return cidrs.length > 0 && cidrs.every(Boolean) ? { cidrs: cidrs as Cidr[] } : undefined;
}

export function inCidr(address: Uint8Array, cidr: Cidr): boolean {
  if (address.length !== cidr.bytes.length) return false;
  for (let bit = 0; bit < cidr.bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((address[bit >> 3]! & mask) !== (cidr.bytes[bit >> 3]! & mask)) return false;
  }
  return true;
}

/** The /24 of an IPv4 or the /48 of an IPv6 address, as shown in the session list; never the full address. */
export function ipPrefix(text: string): string {
  const bytes = ipBytes(text);
  if (!bytes) return 'unknown';
  if (bytes.length === 4) return `${bytes[0]}.${bytes[1]}.${bytes[2]}.0/24`;
  const groups = [0, 2, 4].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/48`;
}

/**
 * What a per-IP limit counts: the address itself for IPv4, its /64 for IPv6,
 * since one subscriber usually gets a whole /64 and could rotate through it.
 */
export function limitedNetwork(text: string): string {
  const bytes = ipBytes(text);
  if (!bytes || bytes.length === 4) return bytes ? bytes.join('.') : text;
  const groups = [0, 2, 4, 6].map((i) => ((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return `${groups.join(':')}::/64`;
}
