import 'server-only';
import { getServerEnv } from '../env';
import { PEER_HEADER, peerAddressHookInstalled } from '../peer-address';
import { inCidr, ipBytes, type TrustedProxies } from './ip-address';

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Picks the client out of the chain [X-Forwarded-For entries..., socket peer].
 * Each proxy appends the address it saw, so only entries on the right were
 * written by someone we trust; a client can prepend anything it likes but
 * cannot change the right end. Without trusted proxies the peer itself is the
 * client and the header is ignored; with N hops the client is N entries left
 * of the peer; with CIDRs it is the right-most entry outside them.
 */
export function pickClient(chain: string[], trusted: TrustedProxies | undefined): string {
  if (chain.length === 0) return 'unknown';
  if (!trusted) return chain[chain.length - 1]!;
  if ('hops' in trusted) return chain[Math.max(0, chain.length - 1 - trusted.hops)]!;
  for (let i = chain.length - 1; i >= 0; i--) {
    const bytes = ipBytes(chain[i]!);
    if (!bytes || !trusted.cidrs.some((cidr) => inCidr(bytes, cidr))) return chain[i]!;
  }
  return chain[0]!;
}

/**
 * The client's address for per-IP rate limits and the session list, per
 * TRUSTED_PROXIES (see [Note: peer address] for where the socket address
 * comes from). When the peer hook is not installed (route handlers called
 * in-process by tests), the last X-Forwarded-For entry stands in for it:
 * Next.js puts the socket address there when the client sent none.
 */
export function clientIp(headers: HeaderSource): string {
  const forwarded = (header(headers, 'x-forwarded-for') ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const peer = peerAddressHookInstalled() ? header(headers, PEER_HEADER) : undefined;
  const chain = peer ? [...forwarded, peer] : forwarded;
  return pickClient(chain, getServerEnv().TRUSTED_PROXIES).slice(0, 64);
}
