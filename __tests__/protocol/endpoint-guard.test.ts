/**
 * SSRF guard. Literal addresses and names are checked for real. A host name that resolves
 * to a metadata address needs a DNS answer this sandbox cannot produce, so those cases
 * inject the resolver (said here, as the only stand-in).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { assertEndpointAllowed, guardedLookup, isBlockedAddress } from '../../lib/connection/endpoint-guard.js';
import S3QueryService from '../../lib/index.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
const keys = { access_key: 'AK', secret_key: 'SK', region: 'us-east-1', endpoint_enabled: true };

describe('refused endpoints, before any request', () => {
  it.each([
    'http://169.254.169.254',
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.170.2', // ECS container credentials
    'http://[fd00:ec2::254]',
    'http://metadata.google.internal',
    'http://METADATA.GOOGLE.INTERNAL.',
    'http://100.100.100.200',
    'http://[::ffff:169.254.169.254]',
    'http://2852039166', // 169.254.169.254 written as one number
    '169.254.169.254:80',
    'http://[fe80::1]',
    'http://[fd20:ce::254]', // Google Cloud metadata over IPv6
    'http://[fd00:ec2::23]', // AWS instance services over IPv6
    'http://[64:ff9b::a9fe:a9fe]', // NAT64 of 169.254.169.254
    'http://[64:ff9b::169.254.169.254]',
    'http://[64:ff9b:1::a9fe:a9fe]', // local-use NAT64
    'http://[::a9fe:a9fe]', // IPv4-compatible
    'http://[::ffff:a9fe:a9fe]', // IPv4-mapped, in hex
    'http://[2002:a9fe:a9fe::1]', // 6to4
    'http://168.63.129.16', // Azure WireServer
    'http://192.0.0.192', // Oracle Cloud Classic metadata
    'http://[::ffff:0:a9fe:a9fe]', // IPv4-translated
    'http://[64:ff9b:1:a9fe:a9:fe00::]', // local-use NAT64, /48 layout
    'http://[2001:0:4136:e378:8000:63bf:5601:5601]', // Teredo, client 169.254.169.254 stored inverted
    'http://[2001:0:a9fe:a9fe::1]', // Teredo, server 169.254.169.254
  ])('%s', async (endpoint) => {
    const error = await queryError(
      plugin.run({ ...keys, endpoint }, { operation: 'list_buckets' }, `ssrf-${endpoint}`),
    );
    expect(error.message).toMatch(/cloud metadata or link-local address/);
    expect(error.data).toMatchObject({ code: 'EBLOCKEDADDRESS', field: 'endpoint' });
    const tested = await plugin.testConnection({ ...keys, endpoint });
    expect(tested).toEqual({ status: 'failed', message: expect.stringMatching(/cloud metadata/) });
  });

  it('refuses a host name that resolves to a metadata address (injected resolver)', async () => {
    const lookup = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(assertEndpointAllowed('http://innocent.example.com:9000', lookup)).rejects.toMatchObject({
      message: expect.stringContaining('innocent.example.com (it resolves to 169.254.169.254)'),
    });
  });

  it('refuses when any of several resolved addresses is blocked (injected resolver)', async () => {
    const lookup = async () => [
      { address: '10.0.0.5', family: 4 },
      { address: 'fd00:ec2::254', family: 6 },
    ];
    await expect(assertEndpointAllowed('https://mixed.example.com', lookup)).rejects.toThrow(/fd00:ec2::254/);
  });
});

describe('allowed endpoints', () => {
  it.each([
    '10.0.0.5',
    '192.168.1.20',
    '172.16.0.1',
    '127.0.0.1',
    '::1',
    '100.64.0.1',
    '8.8.8.8',
    '::ffff:10.0.0.5',
    '64:ff9b::808:808',
    'fd00:1::5',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2', // Teredo, client 192.0.2.45
  ])('%s is not blocked', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it('a private-range name is allowed (injected resolver)', async () => {
    await expect(
      assertEndpointAllowed('http://minio.internal:9000', async () => [{ address: '10.1.2.3', family: 4 }]),
    ).resolves.toBeUndefined();
  });

  it('localhost (a real resolution) is allowed and connects through the guarded lookup', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await expect(assertEndpointAllowed(`http://localhost:${port}`)).resolves.toBeUndefined();
    const agent = new http.Agent({ lookup: guardedLookup });
    const body = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: 'localhost', port, agent, family: 4 }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += chunk));
          res.on('end', () => resolve(text));
        })
        .on('error', reject);
    });
    expect(body).toBe('ok');
    agent.destroy();
    server.close();
  });
});
