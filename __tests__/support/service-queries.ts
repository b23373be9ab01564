/** Running queries through the plugin in a service suite, as the app builder calls it (support/plugin-under-test.ts). */
import { pluginUnderTest } from './plugin-under-test.js';
import { queryError } from './query.js';
import { S3Server } from './s3-server.js';

export type Data = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function serviceQueries(server: S3Server, dataSourceId: string) {
  const plugin = pluginUnderTest();
  const updatedAt = '2024-01-01T00:00:00Z';
  const run = async (query: Record<string, unknown>, sourceOverrides: Record<string, unknown> = {}): Promise<Data> => {
    const id = Object.keys(sourceOverrides).length
      ? `${dataSourceId}-${JSON.stringify(sourceOverrides)}`
      : dataSourceId;
    const result = await plugin.run(server.sourceOptions(sourceOverrides), query, id, updatedAt);
    expect(result.status).toBe('ok');
    return result.data as Data;
  };
  return {
    plugin,
    run,
    /** The QueryError a query fails with (it must fail). */
    fail: (query: Record<string, unknown>, sourceOverrides: Record<string, unknown> = {}) =>
      queryError(plugin.run(server.sourceOptions(sourceOverrides), query, `${dataSourceId}-failing`, updatedAt)),
    upload: (bucket: string, key: string, data: unknown, extra: Record<string, unknown> = {}) =>
      run({ operation: 'upload_object', bucket, key, data, ...extra }),
    uploadBytes: (bucket: string, key: string, bytes: Buffer, extra: Record<string, unknown> = {}) =>
      run({ operation: 'upload_object', bucket, key, data: bytes.toString('base64'), encoding: 'base64', ...extra }),
    read: (bucket: string, key: string, extra: Record<string, unknown> = {}) =>
      run({ operation: 'get_object', bucket, key, ...extra }),
  };
}
