/**
 * SSRF guard for custom endpoints. A data source's endpoint is typed by app builders'
 * users, and the plugin runs inside the app builder's server: it must not be usable to
 * reach the cloud metadata service. Loopback and private ranges stay allowed, because
 * self-hosted MinIO on the same host or network is the common case.
 */
import { QueryError } from '@tooljet-plugins/common';
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
BLOCKED.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
BLOCKED.addSubnet('fe80::', 10, 'ipv6'); // IPv6 link-local

const BLOCKED_CODE = 'EBLOCKEDADDRESS';

export function isBlockedAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIP(ip);
  if (family === 0) return false;
  return BLOCKED.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

function blockedError(host: string, address?: string): QueryError {
  const via = address && address !== host ? ` (it resolves to ${address})` : '';
  const message = `The endpoint host ${host}${via} is a cloud metadata or link-local address, which this plugin does not connect to. Use the address of your S3-compatible service.`;
  return new QueryError(message, message, { code: BLOCKED_CODE, field: 'endpoint', host });
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
      const refusal = Object.assign(new Error(`${BLOCKED_CODE}: ${hostname} resolves to ${blocked.address}`), {
        code: BLOCKED_CODE,
      });
      return callback(refusal, '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};
