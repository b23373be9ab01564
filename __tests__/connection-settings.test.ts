import { parseConnectionSettings } from '../lib/connection-settings';

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
