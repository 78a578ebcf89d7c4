import { describe, expect, it } from 'vitest';
import { isPublicAddress, parseAllowList } from '../../src/article/address-policy.js';
import { ConfigError } from '../../src/errors.js';

describe('isPublicAddress', () => {
  it.each([
    ['10.0.0.5', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12, low end'],
    ['172.31.255.254', 'private 172.16/12, high end'],
    ['192.168.1.1', 'private 192.168/16'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback, whole /8'],
    ['169.254.10.20', 'link-local'],
    ['169.254.169.254', 'cloud metadata'],
    ['100.100.100.200', 'Alibaba metadata'],
    ['168.63.129.16', 'Azure WireServer'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.254', 'CGNAT, high end'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast SSDP'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this network 0/8'],
    ['240.0.0.1', 'reserved 240/4'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'documentation TEST-NET-1'],
    ['198.51.100.10', 'documentation TEST-NET-2'],
    ['203.0.113.10', 'documentation TEST-NET-3'],
    ['198.18.0.1', 'benchmarking'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['febf::1', 'IPv6 link-local, end of fe80::/10'],
    ['fc00::1', 'unique-local fc00::/7'],
    ['fd12:3456::1', 'unique-local fd00::/8'],
    ['fd00:ec2::254', 'AWS metadata over IPv6'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['2001:2::1', 'IPv6 benchmarking'],
    ['fec0::1', 'deprecated site-local'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped metadata'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['::a00:1', 'IPv4-compatible private'],
    ['::ffff:0:7f00:1', 'IPv4-translated (RFC 6145) loopback'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
    ['64:ff9b:1::808:808', 'NAT64 local-use /48'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['100::1', 'discard-only'],
    ['4000::1', 'outside 2000::/3, unassigned'],
    ['not an address', 'garbage'],
    ['0x7f.1', 'a spelling only URL parsing should normalise'],
    ['2130706433', 'decimal spelling, not an address as such'],
  ])('%s is not public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    ['93.184.216.34', 'public IPv4'],
    ['8.8.8.8', 'public IPv4'],
    ['172.32.0.1', 'just past 172.16/12'],
    ['100.128.0.1', 'just past CGNAT'],
    ['2606:4700:4700::1111', 'public IPv6'],
    ['2a00:1450:4001:80b::200e', 'public IPv6'],
    ['::ffff:8.8.8.8', 'IPv4-mapped public'],
    ['64:ff9b::808:808', 'NAT64 of a public address'],
    ['2002:808:808::1', '6to4 of a public address'],
  ])('%s is public (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('parseAllowList', () => {
  it('allows addresses inside an IPv4 CIDR and nothing outside it', () => {
    const allowList = parseAllowList(['10.1.0.0/16']);
    expect(allowList.allowsAddress('10.1.2.3')).toBe(true);
    expect(allowList.allowsAddress('10.2.0.1')).toBe(false);
    expect(allowList.allowsAddress('127.0.0.1')).toBe(false);
  });

  it('allows addresses inside an IPv6 CIDR', () => {
    const allowList = parseAllowList(['fd00:1234::/32']);
    expect(allowList.allowsAddress('fd00:1234:5::1')).toBe(true);
    expect(allowList.allowsAddress('fd00:1235::1')).toBe(false);
  });

  it('treats a single IP as exactly that address, in either spelling of IPv4-mapped', () => {
    const allowList = parseAllowList(['127.0.0.1', '[::1]']);
    expect(allowList.allowsAddress('127.0.0.1')).toBe(true);
    expect(allowList.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(allowList.allowsAddress('127.0.0.2')).toBe(false);
    expect(allowList.allowsAddress('::1')).toBe(true);
    expect(allowList.allowsAddress('[::1]')).toBe(true);
  });

  it('matches host names case-insensitively and ignores a trailing dot', () => {
    const allowList = parseAllowList([' Intranet.Example ', '']);
    expect(allowList.allowsHost('intranet.example')).toBe(true);
    expect(allowList.allowsHost('INTRANET.example.')).toBe(true);
    expect(allowList.allowsHost('other.example')).toBe(false);
    expect(allowList.allowsHost('sub.intranet.example')).toBe(false);
  });

  it('keeps host names and addresses apart', () => {
    const allowList = parseAllowList(['intranet.example', '10.0.0.0/8']);
    expect(allowList.allowsAddress('intranet.example')).toBe(false);
    expect(allowList.allowsHost('10.0.0.1')).toBe(false);
  });

  it('allows nothing when empty', () => {
    const allowList = parseAllowList([]);
    expect(allowList.allowsAddress('10.0.0.1')).toBe(false);
    expect(allowList.allowsHost('localhost')).toBe(false);
  });

  it('rejects a malformed CIDR at start-up, naming the variable', () => {
    expect(() => parseAllowList(['10.0.0.0/33'])).toThrow(ConfigError);
    expect(() => parseAllowList(['10.0.0.0/33'])).toThrow(/FETCH_ALLOW_HOSTS/);
  });
});
