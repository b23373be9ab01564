/**
 * Bad input is refused with a QueryError naming the field and what is allowed, before any
 * request: the data source points at a real HTTP server that counts what reaches it.
 */
import S3QueryService from '../../lib/index.js';
import { CannedServer, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
let server: CannedServer;
let source: Record<string, unknown>;

beforeAll(async () => {
  server = await startCannedServer();
  source = {
    access_key: 'AK',
    secret_key: 'SK',
    region: 'us-east-1',
    endpoint_enabled: true,
    endpoint: server.endpoint,
  };
});
afterAll(() => server.close());
afterEach(() => {
  const sent = server.requests.length;
  server.requests.length = 0;
  expect(sent).toBe(0);
});

const ok = { bucket: 'bkt', key: 'k' };

describe.each([
  [
    'missing operation',
    { operation: '' },
    'operation',
    /'operation' is required: choose one of get_object, head_object, upload_object/,
  ],
  [
    'unknown operation',
    { operation: 'drop_bucket' },
    'operation',
    /'drop_bucket' is not an operation of this plugin\. Allowed operations: get_object/,
  ],
  ['missing bucket', { operation: 'get_object', key: 'k' }, 'bucket', /'bucket' is required: enter the bucket name/],
  ['blank bucket', { operation: 'list_objects', bucket: '   ' }, 'bucket', /'bucket' is required/],
  [
    'bucket with a path',
    { operation: 'list_objects', bucket: 'b/folder' },
    'bucket',
    /without '\/'.*put folders in the key or prefix/,
  ],
  [
    'missing key',
    { operation: 'get_object', bucket: 'bkt', key: '' },
    'key',
    /'key' is required: enter the object key/,
  ],
  ['missing key for upload', { operation: 'upload_object', bucket: 'bkt', data: 'x' }, 'key', /'key' is required/],
  ['missing key for signed get', { operation: 'signed_url_for_get', bucket: 'bkt' }, 'key', /'key' is required/],
  ['missing key for remove', { operation: 'remove_object', bucket: 'bkt' }, 'key', /'key' is required/],
  [
    'maxKeys negative',
    { operation: 'list_objects', bucket: 'bkt', maxKeys: '-1' },
    'maxKeys',
    /whole number from 0 to 2,147,483,647 \(got -1\)/,
  ],
  [
    'maxKeys too big',
    { operation: 'list_objects', bucket: 'bkt', maxKeys: 2_147_483_648 },
    'maxKeys',
    /from 0 to 2,147,483,647 \(got 2147483648\)/,
  ],
  [
    'maxKeys not a number',
    { operation: 'list_objects', bucket: 'bkt', maxKeys: 'ten' },
    'maxKeys',
    /from 0 to 2,147,483,647 \(got 'ten'\)/,
  ],
  ['maxKeys fractional', { operation: 'list_objects', bucket: 'bkt', maxKeys: '10.5' }, 'maxKeys', /whole number/],
  ['maxKeys exponent', { operation: 'list_objects', bucket: 'bkt', maxKeys: '1e3' }, 'maxKeys', /whole number/],
  [
    'expiresIn over 7 days',
    { operation: 'signed_url_for_put', ...ok, expiresIn: '604801' },
    'expiresIn',
    /from 1 to 604,800/,
  ],
  ['expiresIn text', { operation: 'signed_url_for_get', ...ok, expiresIn: 'soon' }, 'expiresIn', /got 'soon'/],
  ['expiresIn negative', { operation: 'signed_url_for_get', ...ok, expiresIn: '-5' }, 'expiresIn', /got -5/],
  [
    'invalid base64 character',
    { operation: 'upload_object', ...ok, data: 'aGVsbG8*', encoding: 'base64' },
    'data',
    /not valid base64: character '\*' at position 7/,
  ],
  [
    'truncated base64',
    { operation: 'upload_object', ...ok, data: 'aGVsb', encoding: 'base64' },
    'data',
    /not valid base64: the padding or length is wrong/,
  ],
  [
    'bad base64 padding',
    { operation: 'upload_object', ...ok, data: 'aGV=sbG8', encoding: 'base64' },
    'data',
    /padding/,
  ],
  [
    'base64 data URL with junk',
    { operation: 'upload_object', ...ok, data: 'data:image/png;base64,%%%' },
    'data',
    /not valid base64/,
  ],
  ['invalid hex', { operation: 'upload_object', ...ok, data: 'xyz1', encoding: 'hex' }, 'data', /not valid hex/],
  ['odd-length hex', { operation: 'upload_object', ...ok, data: 'abc', encoding: 'hex' }, 'data', /not valid hex/],
  [
    'binary above \\xFF',
    { operation: 'upload_object', ...ok, data: 'ok€', encoding: 'binary' },
    'data',
    /character 2 is above/,
  ],
  [
    'object with base64',
    { operation: 'upload_object', ...ok, data: { a: 1 }, encoding: 'base64' },
    'data',
    /stored as JSON text.*must be utf8/,
  ],
  [
    'unknown encoding',
    { operation: 'upload_object', ...ok, data: 'x', encoding: 'utf16' },
    'encoding',
    /one of utf8, base64, hex, binary, utf16le, utf-8, base64url, latin1, ascii, utf-16le, ucs2, ucs-2 \(got 'utf16'\)/,
  ],
  [
    'range without bytes=',
    { operation: 'get_object', ...ok, range: '0-100' },
    'range',
    /must be a byte range such as bytes=0-1023/,
  ],
  ['range backwards', { operation: 'get_object', ...ok, range: 'bytes=10-5' }, 'range', /byte range/],
  [
    'unknown decodeAs',
    { operation: 'get_object', ...ok, decodeAs: 'xml' },
    'decodeAs',
    /one of auto, text, base64, json/,
  ],
  [
    'unknown storage class',
    { operation: 'upload_object', ...ok, data: 'x', storageClass: 'COLD' },
    'storageClass',
    /one of STANDARD, REDUCED_REDUNDANCY/,
  ],
  [
    'unknown encryption',
    { operation: 'upload_object', ...ok, data: 'x', serverSideEncryption: 'rot13' },
    'serverSideEncryption',
    /one of AES256, aws:kms/,
  ],
  [
    'KMS key without aws:kms',
    { operation: 'upload_object', ...ok, data: 'x', serverSideEncryption: 'AES256', kmsKeyId: 'k' },
    'kmsKeyId',
    /only used with serverSideEncryption 'aws:kms'/,
  ],
  [
    'metadata not JSON',
    { operation: 'upload_object', ...ok, data: 'x', metadata: 'owner=ann' },
    'metadata',
    /must be a JSON object/,
  ],
  [
    'metadata array',
    { operation: 'upload_object', ...ok, data: 'x', metadata: '[1]' },
    'metadata',
    /must be a JSON object/,
  ],
  [
    'metadata non-ASCII value',
    { operation: 'upload_object', ...ok, data: 'x', metadata: { owner: 'Zoë' } },
    'metadata',
    /printable ASCII/,
  ],
  [
    'metadata key with a space',
    { operation: 'upload_object', ...ok, data: 'x', metadata: { 'my key': 'v' } },
    'metadata',
    /key 'my key' may contain only/,
  ],
  [
    'eleven tags',
    {
      operation: 'upload_object',
      ...ok,
      data: 'x',
      tags: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}`, 'v'])),
    },
    'tags',
    /at most 10 tags \(got 11\)/,
  ],
  [
    'cache control with a newline',
    { operation: 'upload_object', ...ok, data: 'x', cacheControl: 'max-age=1, é' },
    'cacheControl',
    /printable ASCII/,
  ],
  [
    'content type that is not header text',
    { operation: 'upload_object', ...ok, data: 'x', contentType: 'text/plain\r\nX-Injected: 1' },
    'contentType',
    /printable ASCII/,
  ],
  [
    'no keys to delete',
    { operation: 'remove_objects', bucket: 'bkt', keys: '' },
    'keys',
    /is required: a JSON array of keys/,
  ],
  ['empty key list', { operation: 'remove_objects', bucket: 'bkt', keys: '[]' }, 'keys', /at least one key/],
  ['broken key array', { operation: 'remove_objects', bucket: 'bkt', keys: '["a", ' }, 'keys', /not valid JSON/],
  [
    'blank key in the list',
    { operation: 'remove_objects', bucket: 'bkt', keys: ['a', ''] },
    'keys',
    /entry 2 must be a non-empty key/,
  ],
  [
    'copy without source key',
    { operation: 'copy_object', sourceBucket: 'bkt', destinationKey: 'd' },
    'sourceKey',
    /'sourceKey' is required/,
  ],
  [
    'copy without destination key',
    { operation: 'copy_object', sourceBucket: 'bkt', sourceKey: 's' },
    'destinationKey',
    /'destinationKey' is required/,
  ],
  [
    'copy onto itself',
    { operation: 'move_object', sourceBucket: 'bkt', sourceKey: 's', destinationKey: 's' },
    'destinationKey',
    /is the source itself/,
  ],
  [
    'folder copied into itself',
    { operation: 'copy_folder', bucket: 'bkt', sourcePrefix: 'a', destinationPrefix: 'a/b' },
    'destinationPrefix',
    /'a\/b\/' is inside the source/,
  ],
  [
    'folder moved from the bucket root unconfirmed',
    { operation: 'move_folder', bucket: 'bkt', destinationBucket: 'other', destinationPrefix: 'x' },
    'sourcePrefix',
    /whole bucket 'bkt'/,
  ],
  [
    'whole bucket deleted unconfirmed',
    { operation: 'delete_folder', bucket: 'bkt', prefix: '' },
    'prefix',
    /confirmWholeBucket/,
  ],
  [
    'new type without REPLACE',
    { operation: 'copy_object', sourceBucket: 'bkt', sourceKey: 's', destinationKey: 'd', contentType: 'text/csv' },
    'metadataDirective',
    /must be REPLACE/,
  ],
  [
    'bucket name with capitals',
    { operation: 'create_bucket', bucket: 'My_Bucket' },
    'bucket',
    /not a valid bucket name/,
  ],
  ['bucket name too short', { operation: 'create_bucket', bucket: 'ab' }, 'bucket', /3 to 255 letters/],
  [
    'bucket name like an IP',
    { operation: 'create_bucket', bucket: '192.168.1.1' },
    'bucket',
    /not a valid bucket name/,
  ],
  [
    'maxTotalKeys zero',
    { operation: 'list_objects', bucket: 'bkt', fetchAll: true, maxTotalKeys: '0' },
    'maxTotalKeys',
    /from 1 to 1,000,000/,
  ],
  [
    'fetchAll not a boolean',
    { operation: 'list_objects', bucket: 'bkt', fetchAll: 'yes' },
    'fetchAll',
    /must be true or false/,
  ],
  [
    'signed URLs with a bad expiry',
    { operation: 'list_objects', bucket: 'bkt', includeSignedUrls: true, expiresIn: '999999' },
    'expiresIn',
    /604,800/,
  ],
  [
    'download name with a control character',
    { operation: 'signed_url_for_get', ...ok, downloadFilename: 'a\u0007.txt' },
    'downloadFilename',
    /control characters/,
  ],
  [
    'bad response content type',
    { operation: 'signed_url_for_get', ...ok, responseContentType: 'text/csv; name=é' },
    'responseContentType',
    /printable ASCII/,
  ],
])('%s', (_name, queryOptions, field, message) => {
  it(`is refused naming '${field}'`, async () => {
    const error = await queryError(plugin.run(source, queryOptions, 'bad-input'));
    expect(error.message).toMatch(message);
    expect(error.message).toContain(`'${field}'`);
    expect(error.data).toMatchObject({ field });
  });
});

it('refuses an endpoint that already contains the bucket name, suggesting the service endpoint', async () => {
  const error = await queryError(
    plugin.run(
      { ...source, endpoint: 'https://reports.nyc3.digitaloceanspaces.com' },
      { operation: 'list_objects', bucket: 'reports' },
      'bucket-in-endpoint',
    ),
  );
  expect(error.message).toBe(
    "Invalid 'endpoint': starts with the bucket name 'reports': use the service endpoint https://nyc3.digitaloceanspaces.com and keep the bucket in the query.",
  );
});

describe.each([
  [
    'custom endpoint toggled on but empty',
    { endpoint: '' },
    'endpoint',
    /'endpoint': is empty although Custom Endpoint is on/,
  ],
  [
    'endpoint with another scheme',
    { endpoint: 'ftp://files.example.com' },
    'endpoint',
    /must use http:\/\/ or https:\/\//,
  ],
  [
    'endpoint with credentials',
    { endpoint: 'http://user:pw@127.0.0.1:9000' },
    'endpoint',
    /must not contain a user name or password/,
  ],
  ['missing access key', { access_key: '' }, 'access_key', /Access key \('access_key'\) is required/],
  ['missing secret key', { secret_key: '  ' }, 'secret_key', /Secret key \('secret_key'\) is required/],
  [
    'unknown auth mode',
    { instance_metadata_credentials: 'magic' },
    'instance_metadata_credentials',
    /must be one of iam_access_keys/,
  ],
  [
    'non-AWS region without an endpoint',
    { endpoint_enabled: false, region: 'Frankfurt' },
    'region',
    /must be an AWS region code/,
  ],
  ['endpoint toggle not a boolean', { endpoint_enabled: 'sometimes' }, 'endpoint_enabled', /must be true or false/],
  ['read limit not a number', { max_read_size: 'big' }, 'max_read_size', /from 1 to 256/],
])('data source with %s', (_name, overrides, field, message) => {
  it(`is refused naming '${field}'`, async () => {
    const error = await queryError(
      plugin.run({ ...source, ...overrides }, { operation: 'list_buckets' }, 'bad-source'),
    );
    expect(error.message).toMatch(message);
    expect(error.data).toMatchObject({ field });
  });
});
