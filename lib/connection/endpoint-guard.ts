/**
 * SSRF guard for custom endpoints. A data source's endpoint is typed by app builders'
 * users, and the plugin runs inside the app builder's server: it must not be usable to
 * reach the cloud metadata service. Loopback and private ranges stay allowed, because
 * self-hosted MinIO on the same host or network is the common case.
 */
import { Failure, shown } from '../errors/failure.js';
import dns, { LookupAddress } from 'node:dns';
import net from 'node:net';

const METADATA_HOST_NAMES = new Set([
  'metadata.google.internal',
  'metadata.goog',
  'metadata',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.azure.com',
]);

const BLOCKED = new net.BlockList();
BLOCKED.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local: AWS, GCP, Azure, OCI metadata, ECS credentials
BLOCKED.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
BLOCKED.addAddress('168.63.129.16', 'ipv4'); // Azure WireServer (VM agent, extensions, health)
BLOCKED.addAddress('192.0.0.192', 'ipv4'); // Oracle Cloud Classic metadata
BLOCKED.addSubnet('fd00:ec2::', 64, 'ipv6'); // AWS instance services over IPv6: metadata ::254, DNS ::253, time ::123
BLOCKED.addSubnet('fd20:ce::', 64, 'ipv6'); // Google Cloud metadata over IPv6 (fd20:ce::254)
BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  if (net.isIPv6(address) === false) return undefined;
  const zone = address.indexOf('%');
  let text = (zone < 0 ? address : address.slice(0, zone)).toLowerCase();
  // A trailing dotted quad (::ffff:1.2.3.4) is the last group after a colon.
  const lastColon = text.lastIndexOf(':');
  const quad = text.slice(lastColon + 1).split('.');
  if (quad.length === 4) {
    const [a, b, c, d] = quad.map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/**
 * The IPv4 addresses an IPv6 address carries, in every form that reaches them: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), NAT64
 * (64:ff9b::/96, and 64:ff9b:1::/48 in its /48 and /96 layouts, RFC 6052), 6to4
 * (2002:AABB:CCDD::/16) and Teredo (2001::/32: its server, and its client stored inverted).
 * Checking those addresses catches any spelling of a blocked one.
 */
function embeddedIpv4(address: string): string[] {
  const groups = ipv6Groups(address);
  if (!groups || groups.length !== 8 || groups.some((group) => Number.isNaN(group))) return [];
  const quad = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const found: string[] = [];
  if (zero(0, 5) && (g5 === 0xffff || g5 === 0) && !zero(6, 8)) found.push(quad(g6, g7));
  if (zero(0, 4) && g4 === 0xffff && g5 === 0) found.push(quad(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && (zero(2, 6) || g2 === 1)) found.push(quad(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) found.push(`${g3 >> 8}.${g3 & 255}.${g4 & 255}.${g5 >> 8}`);
  if (g0 === 0x2002) found.push(quad(g1, g2));
  if (g0 === 0x2001 && g1 === 0) found.push(quad(g2, g3), quad(g6 ^ 0xffff, g7 ^ 0xffff));
  return found;
}

const BLOCKED_CODE = 'EBLOCKEDADDRESS' as const;

export function isBlockedAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 4) return BLOCKED.check(address, 'ipv4');
  return BLOCKED.check(address, 'ipv6') || embeddedIpv4(address).some((ipv4) => BLOCKED.check(ipv4, 'ipv4'));
}

function blockedError(host: string, address?: string): Failure {
  const via = address && address !== host ? ` (it resolves to ${shown(address)})` : '';
  const message = `The endpoint host ${shown(host)}${via} is a cloud metadata or link-local address, which this plugin does not connect to. Use the address of your S3-compatible service.`;
  return new Failure(BLOCKED_CODE, message, { field: 'endpoint', host });
}

type Lookup = (hostname: string) => Promise<LookupAddress[]>;
const systemLookup: Lookup = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/** Refuses a metadata endpoint, by name, by literal address, or by what its name resolves to. */
export async function assertEndpointAllowed(endpoint: string, lookup: Lookup = systemLookup): Promise<void> {
  const host = new URL(endpoint).hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '');
  if (METADATA_HOST_NAMES.has(host) || isBlockedAddress(host)) throw blockedError(host);
  if (net.isIP(host)) return;
  let addresses: LookupAddress[];
  try {
    addresses = await lookup(host);
  } catch {
    return; // unresolvable now: the request itself reports the DNS failure, and the socket guard still applies
  }
  const blocked = addresses.find((entry) => isBlockedAddress(entry.address));
  if (blocked) throw blockedError(host, blocked.address);
}

/**
 * A `lookup` for the HTTP agents: every socket the client opens is checked after DNS
 * resolution, so a name that later starts resolving to a metadata address is refused too.
 */
export const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as LookupAddress[];
    const blocked = list.find((entry) => isBlockedAddress(entry.address));
    if (blocked) {
      const refusal = Object.assign(
        new Error(`${BLOCKED_CODE}: ${shown(hostname)} resolves to ${shown(blocked.address)}`),
        {
          code: BLOCKED_CODE,
        },
      );
      return callback(refusal, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};
