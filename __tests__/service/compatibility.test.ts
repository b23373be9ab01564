/**
 * Saved data sources and saved queries in the shapes the app builder's S3 plugin stored them
 * (every connection key, operation and option key its manifest and operations files had; values
 * as its forms produced them: strings, an empty region, defaults copied in) still run, and every
 * result field it returned is still there. Facts from ToolJet/ToolJet plugins/packages/s3/lib.
 */
import { createHash } from 'node:crypto';
import { readProjectJson } from '../../dev/project-root.js';
import { useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'saved-queries';
const s3 = useS3Server([BUCKET]);
const { plugin } = serviceQueries(s3, 'compat-ds');

/** The flip-era data source (manifest 9c68e48): access keys, the region left empty, endpoint toggle. */
const savedSource = (extra: Record<string, unknown> = {}) => {
  const current = s3.sourceOptions();
  return {
    instance_metadata_credentials: 'iam_access_keys',
    access_key: current.access_key,
    secret_key: current.secret_key,
    region: '',
    endpoint_enabled: true,
    endpoint: current.endpoint,
    ...extra,
  };
};
const run = async (query: Record<string, unknown>, source = savedSource()): Promise<Data> => {
  const result = await plugin.run(source, query, 'compat-ds', '2023-06-01T00:00:00.000Z');
  expect(result.status).toBe('ok');
  return result.data as Data;
};

describe('saved data sources', () => {
  it.each([
    ['the flip-era shape with an empty region', {}],
    ['the endpoint toggle saved as text', { endpoint_enabled: 'true' }],
    ['a region from the old list', { region: 'eu-west-3' }],
    ['a data source saved before path-style and the advanced settings existed', { force_path_style: undefined }],
  ])('%s runs queries and passes test connection', async (_name, overrides) => {
    const source = savedSource(overrides);
    expect((await plugin.testConnection(source)).status).toBe('ok');
    const data = await run({ operation: 'list_buckets' }, source);
    expect(data.Buckets.map((bucket: Data) => bucket.Name)).toContain(BUCKET);
  });
});

/** Every region value the app builder's manifests listed, in their order (me-central-1 only in later copies). */
const OLD_REGIONS = [
  'us-east-2', 'us-east-1', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-northeast-3',
  'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ca-central-1', 'cn-north-1',
  'cn-northwest-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-south-1', 'eu-west-3', 'eu-north-1',
  'me-central-1', 'me-south-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1',
]; // prettier-ignore

describe('old region values', () => {
  it('are all still in the region dropdown of every authentication mode', () => {
    const { properties } = readProjectJson('lib/manifest.json');
    const modes = properties.credentials.list.map((choice: Data) => choice.value);
    expect(modes).toEqual(expect.arrayContaining(['iam_access_keys', 'aws_instance_credentials', 'aws_arn_role']));
    for (const mode of modes) {
      const values = properties[mode].region.list.map((choice: Data) => choice.value);
      expect(values).toEqual(expect.arrayContaining(OLD_REGIONS));
    }
  });

  it.each(OLD_REGIONS)('%s runs a query', async (region) => {
    const data = await run({ operation: 'list_buckets' }, savedSource({ region }));
    expect(data.Buckets.map((bucket: Data) => bucket.Name)).toContain(BUCKET);
  });
});

describe('saved queries keep their result fields', () => {
  it('list_buckets: Buckets, Owner, $metadata', async () => {
    const data = await run({ operation: 'list_buckets' });
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['Buckets', 'Owner', '$metadata']));
  });

  it('upload_object: PutObject output ($metadata, ETag) plus the plugin’s own fields', async () => {
    const data = await run({
      operation: 'upload_object',
      bucket: BUCKET,
      key: 'saved/report.txt',
      data: 'saved query',
      contentType: 'text/plain',
      encoding: 'utf8',
    });
    expect(data).toMatchObject({
      ETag: `"${createHash('md5').update('saved query').digest('hex')}"`,
      Bucket: BUCKET,
      Key: 'saved/report.txt',
      ContentType: 'text/plain',
      ContentLength: 11,
    });
    expect(data.$metadata).toMatchObject({ httpStatusCode: 200 });
  });

  it('get_object: the SDK fields and Body as text', async () => {
    const data = await run({ operation: 'get_object', bucket: BUCKET, key: 'saved/report.txt' });
    expect(data).toMatchObject({ Body: 'saved query', ContentType: 'text/plain', ContentLength: 11 });
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['ETag', 'LastModified', 'Metadata', '$metadata']));
  });

  it('list_objects with the operations file’s default maxKeys (a number) and text options', async () => {
    const data = await run({
      operation: 'list_objects',
      bucket: BUCKET,
      prefix: 'saved/',
      maxKeys: 1000,
      offset: '',
      continuationToken: '',
    });
    expect(Object.keys(data)).toEqual(
      expect.arrayContaining(['Contents', 'Name', 'Prefix', 'MaxKeys', 'KeyCount', 'IsTruncated', '$metadata']),
    );
    expect(data.Contents.map((item: Data) => item.Key)).toEqual(['saved/report.txt']);
    expect((await run({ operation: 'list_objects', bucket: BUCKET, maxKeys: '100' })).MaxKeys).toBe(100);
  });

  it('list_objects with maxKeys above 1000 follows pages up to that many keys, keeping the token for the rest', async () => {
    const keys = Array.from({ length: 1105 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50)
      await Promise.all(
        keys.slice(i, i + 50).map((key) => run({ operation: 'upload_object', bucket: BUCKET, key, data: 'x' })),
      );
    const first = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'many/', maxKeys: '1100' });
    expect(first.Contents).toHaveLength(1100);
    expect(first).toMatchObject({ MaxKeys: 1100, IsTruncated: true, KeyCount: 1100 });
    const rest = await run({
      operation: 'list_objects',
      bucket: BUCKET,
      prefix: 'many/',
      continuationToken: first.NextContinuationToken,
    });
    expect(rest.Contents.map((item: Data) => item.Key)).toEqual(keys.slice(1100));
    // With an offset the result still says where it started, as a single page does.
    const after = await run({
      operation: 'list_objects',
      bucket: BUCKET,
      prefix: 'many/',
      maxKeys: 1100,
      offset: keys[2],
    });
    expect(after).toMatchObject({ StartAfter: keys[2], KeyCount: 1100 });
    expect(after.Contents[0].Key).toBe(keys[3]);
    // Seeding 1,105 objects one upload each took over 30 s on a loaded CI machine (s3rver writes each to disk).
  }, 120_000);

  it('list_objects with maxKeys 0, which S3 takes, returns no keys', async () => {
    const data = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'saved/', maxKeys: 0 });
    expect(data.KeyCount).toBe(0);
    expect(data.Contents ?? []).toEqual([]);
  });

  // 0 and fractions below 1 were the default in the old plugin (`expiresIn || 3600`).
  it.each([['3600'], [3600], ['3600.5'], [3600.9], [0], ['0'], [0.5]])(
    'signed_url_for_get with expiresIn %j gives a URL of 3600 s',
    async (expiresIn) => {
      const data = await run({ operation: 'signed_url_for_get', bucket: BUCKET, key: 'saved/report.txt', expiresIn });
      expect(new URL(data.url).searchParams.get('X-Amz-Expires')).toBe('3600');
      expect(await (await fetch(data.url)).text()).toBe('saved query');
    },
  );

  it.each([['json'], ['*/*'], ['text']])('takes the content type %j as the old plugin did', async (contentType) => {
    const key = `types/${contentType.replace(/\W/g, '_')}`;
    await run({ operation: 'upload_object', bucket: BUCKET, key, data: '{}', contentType });
    expect((await run({ operation: 'head_object', bucket: BUCKET, key })).ContentType).toBe(contentType);
    const signed = await run({ operation: 'signed_url_for_put', bucket: BUCKET, key, contentType });
    expect(signed.Headers).toEqual({ 'Content-Type': contentType });
  });

  it('signed_url_for_put with the content type the old form saved', async () => {
    const data = await run({
      operation: 'signed_url_for_put',
      bucket: BUCKET,
      key: 'saved/put.txt',
      expiresIn: '3600',
      contentType: 'text/plain',
    });
    expect(typeof data.url).toBe('string');
    const response = await fetch(data.url, { method: 'PUT', body: 'put', headers: { 'Content-Type': 'text/plain' } });
    expect(response.status).toBe(200);
  });

  it('remove_object and create_bucket return the SDK output', async () => {
    const removed = await run({ operation: 'remove_object', bucket: BUCKET, key: 'saved/put.txt' });
    expect(removed.$metadata).toMatchObject({ httpStatusCode: 204 });
    const created = await run({ operation: 'create_bucket', bucket: 'saved-new-bucket' });
    expect(created.$metadata).toMatchObject({ httpStatusCode: 200 });
    expect(created.Bucket).toBe('saved-new-bucket');
  });

  it('list_objects with offset (StartAfter) as the old form saved it', async () => {
    for (const key of ['offset/a', 'offset/b', 'offset/c'])
      await run({ operation: 'upload_object', bucket: BUCKET, key, data: key });
    const data = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'offset/', offset: 'offset/a' });
    expect(data.Contents.map((item: Data) => item.Key)).toEqual(['offset/b', 'offset/c']);
    expect(data.StartAfter).toBe('offset/a');
  });

  it.each([
    // The old plugin failed on a number (Buffer.from(42)); its text is stored.
    ['a number', 42, 'text/plain', '42'],
    ['an empty text', '', 'text/plain', ''],
    ['an object with a JSON content type', { a: [1, 'é'] }, 'application/json', '{"a":[1,"é"]}'],
    // Buffer.from made bytes of a list of byte values or a Buffer's JSON when the type was not JSON.
    ['a list of byte values', [72, 105, 0xe2, 0x9c, 0x93], 'text/plain', 'Hi✓'],
    ["a Buffer's JSON", { type: 'Buffer', data: [79, 75] }, 'text/plain', 'OK'],
  ])('upload_object with data as %s stores what the old plugin stored', async (name, data, contentType, stored) => {
    const key = `data-shapes/${name.replace(/\W+/g, '-')}`;
    await run({ operation: 'upload_object', bucket: BUCKET, key, data, contentType, encoding: '' });
    expect((await run({ operation: 'get_object', bucket: BUCKET, key })).Body).toBe(stored);
    const raw = await run({ operation: 'get_object', bucket: BUCKET, key, decodeAs: 'base64' });
    expect(Buffer.from(raw.Body, 'base64').toString('utf8')).toBe(stored);
  });
});

describe('every encoding name Node’s Buffer accepts, any case', () => {
  it.each([
    ['utf8', 'héllo'],
    ['UTF-8', 'héllo'],
    ['utf-8', 'héllo'],
    ['ascii', 'plain'],
    ['latin1', 'caf\u00e9'],
    ['binary', '\u00ff\u0000A'],
    ['ucs2', 'wide'],
    ['UTF16LE', 'wide'],
    ['utf-16le', 'wide'],
    ['base64', Buffer.from('b64').toString('base64')],
    ['base64url', Buffer.from([251, 255, 0]).toString('base64url')],
    ['hex', 'cafe00'],
  ])('%s stores the bytes Buffer.from(data, %j) makes', async (encoding, data) => {
    const key = `enc/${encoding}`;
    await run({ operation: 'upload_object', bucket: BUCKET, key, data, encoding });
    const read = await run({ operation: 'get_object', bucket: BUCKET, key, decodeAs: 'base64' });
    expect(Buffer.from(read.Body, 'base64')).toEqual(Buffer.from(data, encoding.toLowerCase() as BufferEncoding));
  });
});
