import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { ConfigError } from '../errors.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/**
 * Addresses that sit in ranges ipaddr.js calls ordinary unicast but that only make
 * sense from inside a cloud: fetching them from a server hands out its credentials.
 * Listed by hand so a change in ipaddr.js's tables cannot quietly open them.
 */
const CLOUD_METADATA: readonly Cidr[] = [
  ipaddr.parseCIDR('169.254.169.254/32'), // AWS, GCP, Azure, Oracle, DigitalOcean
  ipaddr.parseCIDR('100.100.100.200/32'), // Alibaba Cloud
  ipaddr.parseCIDR('168.63.129.16/32'), // Azure WireServer, a public-looking address reachable only inside Azure
  ipaddr.parseCIDR('fd00:ec2::254/128'), // AWS over IPv6
];

/** IANA's global unicast block: everything else in IPv6 is special-purpose or unassigned. */
const IPV6_GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
/** NAT64 (RFC 6052) carries an IPv4 address in its last 32 bits and reaches it through a gateway. */
const NAT64_WELL_KNOWN = ipaddr.parseCIDR('64:ff9b::/96');

/**
 * True when the address belongs to the public internet, so fetching it cannot reach the
 * machine we run on, its network or its cloud provider. Anything unparsable is not public.
 */
export function isPublicAddress(address: string): boolean {
  const parsed = parseAddress(address);
  return parsed !== null && isPublic(parsed);
}

function isPublic(address: Address): boolean {
  if (CLOUD_METADATA.some((range) => sameKindMatch(address, range))) return false;
  if (address.kind() === 'ipv4') return address.range() === 'unicast';

  const embedded = embeddedIPv4(address as ipaddr.IPv6);
  if (embedded !== undefined) return embedded !== null && isPublic(embedded);
  return address.range() === 'unicast' && address.match(IPV6_GLOBAL_UNICAST);
}

/**
 * IPv6 forms that route to an IPv4 address: judging them by the IPv4 inside stops
 * `::ffff:127.0.0.1` or `64:ff9b::a00:1` from slipping past as "IPv6 unicast".
 * Returns undefined when the address embeds nothing, null when it embeds something
 * we refuse outright. (IPv4-compatible `::a.b.c.d` needs no case: it lies outside
 * 2000::/3, so it is refused whatever it holds.)
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | null | undefined {
  const [, p1 = 0, p2 = 0, , , , p6 = 0, p7 = 0] = address.parts;
  const lastFour = new ipaddr.IPv4([p6 >> 8, p6 & 0xff, p7 >> 8, p7 & 0xff]);
  switch (address.range()) {
    case 'ipv4Mapped':
    case 'rfc6145':
      return lastFour;
    case '6to4':
      return new ipaddr.IPv4([p1 >> 8, p1 & 0xff, p2 >> 8, p2 & 0xff]);
    case 'rfc6052':
      // Only the well-known /96 has a fixed layout; the local-use /48 is a private network.
      return address.match(NAT64_WELL_KNOWN) ? lastFour : null;
    default:
      return undefined;
  }
}

/** Hosts and networks an operator lets through although they are private (an intranet, a test server). */
export interface AllowList {
  /** True when this host name was listed, whatever it resolves to. */
  allowsHost(hostname: string): boolean;
  /** True when the address is inside a listed IP or CIDR. */
  allowsAddress(address: string): boolean;
}

/**
 * Reads `FETCH_ALLOW_HOSTS` entries: each is a host name, an IP address or a CIDR range.
 * A malformed range is a configuration mistake, reported at start-up rather than ignored.
 */
export function parseAllowList(entries: readonly string[]): AllowList {
  const hostnames = new Set<string>();
  const ranges: Cidr[] = [];
  for (const raw of entries) {
    const entry = stripBrackets(raw.trim());
    if (entry === '') continue;
    if (entry.includes('/')) {
      if (!ipaddr.isValidCIDR(entry)) {
        throw new ConfigError([`FETCH_ALLOW_HOSTS: "${entry}" looks like a CIDR range but is not a valid one`]);
      }
      const [network, bits] = ipaddr.parseCIDR(entry);
      ranges.push([network, bits]);
    } else if (isIP(entry) !== 0) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else {
      hostnames.add(normaliseHostname(entry));
    }
  }
  return {
    allowsHost: (hostname) => hostnames.has(normaliseHostname(hostname)),
    allowsAddress: (address) => {
      const parsed = parseAddress(address);
      return parsed !== null && ranges.some((range) => sameKindMatch(parsed, range));
    },
  };
}

/** Host names compare case-insensitively, and `example.com.` is `example.com`. */
function normaliseHostname(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, '');
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * Strict parse: only what `net` itself accepts as an IP (ipaddr.js alone would also take
 * spellings like `0x7f.1`). IPv4-mapped IPv6 becomes the IPv4 it stands for.
 */
function parseAddress(address: string): Address | null {
  const bare = stripBrackets(address);
  if (isIP(bare) === 0) return null;
  try {
    return ipaddr.process(bare);
  } catch {
    return null;
  }
}

function sameKindMatch(address: Address, [network, bits]: Cidr): boolean {
  return address.kind() === network.kind() && address.match(network, bits);
}
