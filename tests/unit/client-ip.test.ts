// Parsing behind per-IP limits and the session list: which X-Forwarded-For
// entry is the client, CIDR matching, and the prefixes that are stored.
import { describe, expect, it } from 'vitest';
import { pickClient } from '@/lib/server/auth/client-ip';
import { deviceLabel } from '@/lib/server/auth/device-label';
import { inCidr, ipBytes, ipPrefix, limitedNetwork, parseTrustedProxies } from '@/lib/server/auth/ip-address';

describe('TRUSTED_PROXIES', () => {
  it('parses hop counts and CIDR lists, and rejects anything else', () => {
    expect(parseTrustedProxies('2')).toEqual({ hops: 2 });
    expect(parseTrustedProxies('10.0.0.0/8, ::1')).toMatchObject({ cidrs: [{ bits: 8 }, { bits: 128 }] });
    for (const bad of ['', 'yes', '10.0.0.0/33', '10.0.0.0/8,nope', '-1', '99']) expect(parseTrustedProxies(bad), bad).toBeUndefined();
  });

  it('without trusted proxies the peer is the client, whatever the header says', () => {
    expect(pickClient(['6.6.6.6', '198.51.100.9'], undefined)).toBe('198.51.100.9');
  });

  it('with N hops the client is N entries left of the peer; prepended entries do not matter', () => {
    const hops = parseTrustedProxies('1');
    expect(pickClient(['203.0.113.5', '10.0.0.2'], hops)).toBe('203.0.113.5');
    expect(pickClient(['6.6.6.6', '203.0.113.5', '10.0.0.2'], hops)).toBe('203.0.113.5');
    expect(pickClient(['10.0.0.2'], parseTrustedProxies('3'))).toBe('10.0.0.2');
  });

  it('with CIDRs the client is the right-most untrusted entry', () => {
    const cidrs = parseTrustedProxies('10.0.0.0/8,2001:db8::/32');
    expect(pickClient(['6.6.6.6', '203.0.113.5', '10.1.1.1', '2001:db8::7', '10.0.0.2'], cidrs)).toBe('203.0.113.5');
    expect(pickClient(['10.1.1.1', '10.0.0.2'], cidrs)).toBe('10.1.1.1');
    expect(pickClient(['not-an-ip', '10.0.0.2'], cidrs)).toBe('not-an-ip');
  });
});

describe('addresses', () => {
  it('reads IPv4, IPv6 and IPv4-mapped IPv6 (as IPv4)', () => {
    expect([...ipBytes('192.0.2.1')!]).toEqual([192, 0, 2, 1]);
    expect([...ipBytes('::ffff:192.0.2.1')!]).toEqual([192, 0, 2, 1]);
    expect(ipBytes('2001:db8::1')!.length).toBe(16);
    expect(ipBytes('[2001:db8::1]')!.at(-1)).toBe(1);
    expect(ipBytes('nonsense')).toBeUndefined();
  });

  it('matches CIDRs bit by bit', () => {
    const [cidr] = (parseTrustedProxies('172.16.0.0/12') as { cidrs: [never] }).cidrs;
    expect(inCidr(ipBytes('172.31.255.255')!, cidr)).toBe(true);
    expect(inCidr(ipBytes('172.32.0.0')!, cidr)).toBe(false);
    expect(inCidr(ipBytes('::1')!, cidr)).toBe(false);
  });

  it('stores /24 and /48 prefixes only, and limits IPv6 per /64', () => {
    expect(ipPrefix('203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('::ffff:203.0.113.77')).toBe('203.0.113.0/24');
    expect(ipPrefix('2001:db8:1:2::99')).toBe('2001:db8:1::/48');
    expect(ipPrefix('unknown')).toBe('unknown');
    expect(limitedNetwork('2001:db8:1:2:aaaa::1')).toBe(limitedNetwork('2001:db8:1:2:bbbb::2'));
    expect(limitedNetwork('2001:db8:1:3::1')).not.toBe(limitedNetwork('2001:db8:1:2::1'));
    expect(limitedNetwork('192.0.2.1')).not.toBe(limitedNetwork('192.0.2.2'));
  });
});

describe('device labels', () => {
  it.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 Safari/605.1.15', 'Safari on macOS'],
    ['Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['curl/8.5.0', 'Unknown device'],
  ])('%s → %s', (ua, label) => expect(deviceLabel(ua)).toBe(label));
});
