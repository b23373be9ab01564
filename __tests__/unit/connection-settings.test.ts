import { ConnectionSettings, parseConnectionSettings } from '../../lib/connection/settings.js';
import { withEndpointNote } from '../../lib/connection/test-connection.js';
import { roleSessionName } from '../../lib/connection/credentials.js';
import { resolveSource } from '../../lib/connection/resolved-source.js';

const keys = { access_key: 'AK', secret_key: 'SK' };

describe('parseConnectionSettings', () => {
  it('uses AWS with the given region when no endpoint is enabled', () => {
    expect(parseConnectionSettings({ ...keys, region: 'eu-central-2', endpoint: 'http://ignored' })).toMatchObject({
      authMode: 'iam_access_keys',
      region: 'eu-central-2',
      endpoint: undefined,
      forcePathStyle: false,
    });
  });

  it('reads the oldest saved shape (keys and region only, no authentication mode) as access keys', () => {
    expect(parseConnectionSettings({ ...keys, region: 'ap-south-1' })).toMatchObject({
      authMode: 'iam_access_keys',
      accessKeyId: 'AK',
      region: 'ap-south-1',
    });
  });

  it('defaults the region to us-east-1', () => {
    expect(parseConnectionSettings({ ...keys, region: '' }).region).toBe('us-east-1');
  });

  it.each([
    ['minio.example.com:9000', 'https://minio.example.com:9000'],
    ['  http://127.0.0.1:9000/  ', 'http://127.0.0.1:9000'],
    ['https://nyc3.digitaloceanspaces.com', 'https://nyc3.digitaloceanspaces.com'],
    ['https://acc.r2.cloudflarestorage.com//', 'https://acc.r2.cloudflarestorage.com'],
  ])('normalises the endpoint %j', (endpoint, expected) => {
    const settings = parseConnectionSettings({ ...keys, endpoint_enabled: true, endpoint, region: 'auto' });
    expect(settings.endpoint).toBe(expected);
    expect(settings.forcePathStyle).toBe(true);
    expect(settings.region).toBe('auto');
  });

  it('accepts the toggle as the text "true" from an expression', () => {
    expect(parseConnectionSettings({ ...keys, endpoint_enabled: 'true', endpoint: 'http://h:1' }).endpoint).toBe(
      'http://h:1',
    );
  });

  it('trims pasted credentials', () => {
    expect(parseConnectionSettings({ access_key: ' AK\n', secret_key: ' SK ' })).toMatchObject({
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
    });
  });
});

describe("the data source's own bucket (the app builder's bucket_name)", () => {
  it('is read and checked as a bucket name, and Test connection checks it when no test bucket is set', () => {
    expect(parseConnectionSettings({ ...keys, bucket_name: ' reports ' })).toMatchObject({
      bucket: 'reports',
      testBucket: 'reports',
    });
    expect(parseConnectionSettings({ ...keys, bucket_name: 'reports', test_bucket: 'other' }).testBucket).toBe('other');
    expect(() => parseConnectionSettings({ ...keys, bucket_name: 'my bucket/x' })).toThrow(/'bucket_name'/);
  });

  it('lets queries name their own buckets unless the toggle is off; without the toggle saved, unless a bucket is set', () => {
    expect(parseConnectionSettings({ ...keys }).dynamicBuckets).toBe(true);
    // The app builder's form shows a toggle missing from saved options as off, and its plugins read it so.
    expect(parseConnectionSettings({ ...keys, bucket_name: 'reports' }).dynamicBuckets).toBe(false);
    expect(
      parseConnectionSettings({ ...keys, bucket_name: 'reports', allow_dynamic_connection_parameters: true })
        .dynamicBuckets,
    ).toBe(true);
    expect(parseConnectionSettings({ ...keys, allow_dynamic_connection_parameters: true }).dynamicBuckets).toBe(true);
    expect(parseConnectionSettings({ ...keys, allow_dynamic_connection_parameters: 'false' }).dynamicBuckets).toBe(
      false,
    );
    expect(parseConnectionSettings({ ...keys, allow_dynamic_connection_parameters: false })).toMatchObject({
      bucket: undefined,
      dynamicBuckets: false,
    });
  });
});

describe('addressing style', () => {
  it('is path-style for custom endpoints unless force_path_style is turned off', () => {
    const base = { ...keys, endpoint_enabled: true, endpoint: 'http://s3.local:9000' };
    expect(parseConnectionSettings(base).forcePathStyle).toBe(true);
    expect(parseConnectionSettings({ ...base, force_path_style: '' }).forcePathStyle).toBe(true);
    expect(parseConnectionSettings({ ...base, force_path_style: false }).forcePathStyle).toBe(false);
  });

  it('reads timeouts and attempts strictly', () => {
    const settings = parseConnectionSettings({
      ...keys,
      connection_timeout: '3',
      request_timeout: '20',
      max_attempts: '5',
    });
    expect(settings).toMatchObject({ connectionTimeoutSeconds: 3, requestTimeoutSeconds: 20, maxAttempts: 5 });
    expect(parseConnectionSettings(keys)).toMatchObject({
      connectionTimeoutSeconds: 10,
      requestTimeoutSeconds: 60,
      maxAttempts: 3,
    });
    expect(() => parseConnectionSettings({ ...keys, max_attempts: '0' })).toThrow(
      /'max_attempts': must be a whole number from 1 to 10/,
    );
    expect(() => parseConnectionSettings({ ...keys, request_timeout: 'forever' })).toThrow(/'request_timeout'/);
  });
});

describe('regions and roles as the app builder saved them', () => {
  it("explains that region 'auto' needs a custom endpoint", () => {
    expect(() => parseConnectionSettings({ ...keys, region: 'auto' })).toThrow(
      /'region': 'auto' is for S3-compatible services: turn on Custom endpoint/,
    );
  });

  it('names role sessions as the app builder did (s3-<role>-<time>), within STS limits', () => {
    expect(roleSessionName('arn:aws:iam::123456789012:role/app-reader', 1700000000000)).toBe(
      's3-app-reader-1700000000000',
    );
    const long = roleSessionName(`arn:aws:iam::1:role/${'r'.repeat(80)}`, 1700000000000);
    expect(long).toMatch(/^s3-r+-1700000000000$/);
    expect(long).toHaveLength(64);
    expect(roleSessionName('arn:aws:iam::1:role/a b:c', 1)).toBe('s3-a-b-c-1');
  });

  it('assumes a role with access keys only in the mode that says so', () => {
    const role = { role_arn: 'arn:aws:iam::123456789012:role/r', ...keys };
    const fromServer = parseConnectionSettings({ ...role, instance_metadata_credentials: 'aws_arn_role' });
    expect(fromServer).toMatchObject({ authMode: 'aws_arn_role', roleBase: 'default_chain' });
    expect(fromServer.accessKeyId).toBeUndefined();
    expect(
      parseConnectionSettings({ ...role, instance_metadata_credentials: 'aws_arn_role_with_access_keys' }),
    ).toMatchObject({ authMode: 'aws_arn_role', roleBase: 'access_keys', accessKeyId: 'AK' });
  });
});

describe('test connection’s note on an unused endpoint', () => {
  const settings = { ignoredEndpoint: 'http://127.0.0.1:9000' } as ConnectionSettings;

  it('is a sentence of its own after a message without a full stop (the SDK’s rarely have one)', () => {
    const failed = withEndpointNote(
      {
        status: 'failed',
        message: 'S3 test_connection failed (ProviderError): Error response received from instance metadata service',
      },
      settings,
    );
    expect(failed.message).toMatch(
      /instance metadata service\. The custom endpoint http:\/\/127\.0\.0\.1:9000 is not used/,
    );
    const ok = withEndpointNote({ status: 'ok', message: 'Connected.' }, settings);
    expect(ok.message).toMatch(/^Connected\. The custom endpoint/);
    expect(withEndpointNote({ status: 'ok' }, settings).message).toMatch(/^The custom endpoint/);
  });
});

describe('data source options nested too deep', () => {
  const nestedBy = (levels: number): unknown => {
    let nested: unknown = 'bottom';
    for (let i = 0; i < levels; i += 1) nested = [nested];
    return nested;
  };

  it.each([
    ['deeper than the stack (100,000 levels)', 100_000],
    ['deeper than the limit, not than the stack (100 levels)', 100],
  ])('are refused by name when %s', (_what, levels) => {
    const source = { access_key: 'AKIADEEP', secret_key: 'deep-secret', region: 'us-east-1', extra: nestedBy(levels) };
    expect(() => resolveSource(source)).toThrow(
      "Invalid 'data source options': must not be nested more than 64 levels deep",
    );
  });
});
