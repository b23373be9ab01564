/** Addressing style, seen in signed URLs (presigning sends no request). */
import S3QueryService from '../../lib/index.js';

const plugin = new S3QueryService();
const source = (overrides: Record<string, unknown>) => ({
  access_key: 'AK',
  secret_key: 'SK',
  endpoint_enabled: true,
  endpoint: 'http://localhost:9000',
  ...overrides,
});
const query = { operation: 'signed_url_for_get', bucket: 'files', key: 'a.txt' };
const urlOf = async (overrides: Record<string, unknown>) =>
  new URL(((await plugin.run(source(overrides), query, JSON.stringify(overrides))).data as { url: string }).url);

it('uses path-style by default with a custom endpoint', async () => {
  const url = await urlOf({});
  expect(url.host).toBe('localhost:9000');
  expect(url.pathname).toBe('/files/a.txt');
});

it('uses virtual-hosted style when the toggle is off', async () => {
  const url = await urlOf({ force_path_style: false });
  expect(url.host).toBe('files.localhost:9000');
  expect(url.pathname).toBe('/a.txt');
});
