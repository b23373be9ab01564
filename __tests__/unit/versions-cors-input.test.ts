/**
 * The options of the version and CORS operations, checked before any request: each refusal names
 * its field and what is allowed; good values come out as the SDK takes them.
 */
import { refusalOf } from '../support/refusal.js';
import { OperationName, operationNamed } from '../../lib/operations/table.js';

const parse = async (operation: OperationName, options: Record<string, unknown>) =>
  (await operationNamed(operation).parse(options)) as unknown as Record<string, unknown>;

const refusal = (operation: OperationName, options: Record<string, unknown>) =>
  refusalOf(() => parse(operation, options));

const object = { bucket: 'bkt', key: 'a.txt' };

describe('versionId', () => {
  it.each(['get_object', 'head_object', 'remove_object'] as const)(
    'is optional on %s and trimmed',
    async (operation) => {
      expect((await parse(operation, object)).versionId).toBeUndefined();
      expect((await parse(operation, { ...object, versionId: '  ' })).versionId).toBeUndefined();
      expect((await parse(operation, { ...object, versionId: ' 3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY ' })).versionId).toBe(
        '3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY',
      );
    },
  );

  it.each([
    ['a space inside', 'abc def'],
    ['a control character', 'abc\u0000'],
    ['a non-ASCII character', 'vérsion'],
    ['more than 1024 characters', 'v'.repeat(1025)],
  ])('refuses %s', async (_name, versionId) => {
    const error = await refusal('get_object', { ...object, versionId });
    expect(error.code).toBe('InvalidOption');
    expect(error.message).toMatch(
      /^Invalid 'versionId': must be a version id as list_object_versions returns it: printable characters without spaces, at most 1024/,
    );
  });

  it('is required to restore, refused empty before any request', async () => {
    const error = await refusal('restore_object_version', { ...object, versionId: ' ' });
    expect(error).toMatchObject({ code: 'MissingOption', details: { field: 'versionId' } });
    expect(error.message).toBe("'versionId' is required: enter the version id (VersionId in a version listing).");
  });
});

describe('list_object_versions', () => {
  it('reads paging options and defaults maxKeys to a full page', async () => {
    expect(
      await parse('list_object_versions', { bucket: 'bkt', key: 'a.txt', keyMarker: 'a.txt', versionIdMarker: 'v1' }),
    ).toEqual({
      bucket: 'bkt',
      key: 'a.txt',
      prefix: undefined,
      maxKeys: 1000,
      keyMarker: 'a.txt',
      versionIdMarker: 'v1',
    });
  });

  it('refuses a key with a prefix, a version marker without a key marker, and maxKeys beyond a page', async () => {
    expect((await refusal('list_object_versions', { bucket: 'bkt', key: 'a', prefix: 'b' })).message).toBe(
      "Invalid 'key': must be empty when a prefix is given (key lists one key, prefix many).",
    );
    expect((await refusal('list_object_versions', { bucket: 'bkt', versionIdMarker: 'v1' })).details).toMatchObject({
      field: 'versionIdMarker',
    });
    expect((await refusal('list_object_versions', { bucket: 'bkt', maxKeys: '1001' })).message).toMatch(
      /^Invalid 'maxKeys': must be a whole number from 1 to 1,000/,
    );
  });
});

describe('put_bucket_versioning', () => {
  it('takes Enabled or Suspended in any case, and nothing else', async () => {
    expect((await parse('put_bucket_versioning', { bucket: 'bkt', status: 'enabled' })).status).toBe('Enabled');
    expect((await refusal('put_bucket_versioning', { bucket: 'bkt' })).message).toBe(
      "'status' is required: choose Enabled or Suspended.",
    );
    expect((await refusal('put_bucket_versioning', { bucket: 'bkt', status: 'Disabled' })).message).toMatch(
      /^Invalid 'status': must be one of Enabled, Suspended \(got 'Disabled'\)/,
    );
  });
});

describe('put_bucket_cors', () => {
  const cors = (options: Record<string, unknown>) => ({ bucket: 'bkt', ...options });

  it('the browser-uploads preset sets methods and headers for the origins given', async () => {
    expect(
      await parse('put_bucket_cors', cors({ preset: 'browser-uploads', allowedOrigins: 'https://a.example.com' })),
    ).toEqual({
      bucket: 'bkt',
      mode: 'replace',
      rule: {
        AllowedOrigins: ['https://a.example.com'],
        AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
        AllowedHeaders: ['*'],
        ExposeHeaders: ['ETag', 'x-amz-version-id'],
        MaxAgeSeconds: 3000,
      },
    });
  });

  it('takes lists as JSON arrays, lines or commas, from expressions too', async () => {
    const { rule } = (await parse(
      'put_bucket_cors',
      cors({
        allowedOrigins: ['*', 'http://localhost:3000', 'https://*.example.com'],
        allowedMethods: 'put\nGET, get',
        allowedHeaders: '["Content-Type", "x-amz-*"]',
        exposeHeaders: 'ETag',
        maxAgeSeconds: 0,
        mode: 'Append',
      }),
    )) as { rule: Record<string, unknown> };
    expect(rule).toEqual({
      AllowedOrigins: ['*', 'http://localhost:3000', 'https://*.example.com'],
      AllowedMethods: ['PUT', 'GET'],
      AllowedHeaders: ['Content-Type', 'x-amz-*'],
      ExposeHeaders: ['ETag'],
      MaxAgeSeconds: 0,
    });
  });

  it.each([
    [
      'no origin',
      { allowedMethods: 'GET' },
      'allowedOrigins',
      /^'allowedOrigins' is required: enter at least one origin, or \* for any\.$/,
    ],
    [
      'an origin with a path',
      { allowedOrigins: 'https://a.example.com/app', allowedMethods: 'GET' },
      'allowedOrigins',
      /must list origins such as https:\/\/apps\.example\.com/,
    ],
    [
      'an origin with a trailing slash',
      { allowedOrigins: 'https://a.example.com/', allowedMethods: 'GET' },
      'allowedOrigins',
      /without the trailing slash/,
    ],
    [
      'an origin without a scheme',
      { allowedOrigins: 'a.example.com', allowedMethods: 'GET' },
      'allowedOrigins',
      /got 'a\.example\.com'/,
    ],
    [
      'two wildcards',
      { allowedOrigins: 'https://*.*.example.com', allowedMethods: 'GET' },
      'allowedOrigins',
      /must list origins/,
    ],
    [
      'an unknown method',
      { allowedOrigins: '*', allowedMethods: 'PATCH' },
      'allowedMethods',
      /must list methods of GET, PUT, POST, DELETE, HEAD \(got 'PATCH'\)/,
    ],
    [
      'no methods without a preset',
      { allowedOrigins: '*' },
      'allowedMethods',
      /'allowedMethods' is required: .*or choose the preset 'browser-uploads'/,
    ],
    [
      'methods with the preset',
      { preset: 'browser-uploads', allowedOrigins: '*', allowedMethods: 'GET' },
      'allowedMethods',
      /must be empty with the preset/,
    ],
    [
      'a wildcard in exposeHeaders',
      { allowedOrigins: '*', allowedMethods: 'GET', exposeHeaders: 'x-*' },
      'exposeHeaders',
      /header names such as ETag \(no wildcards\)/,
    ],
    [
      'a header with a space',
      { allowedOrigins: '*', allowedMethods: 'GET', allowedHeaders: 'Content Type' },
      'allowedHeaders',
      /must list header names/,
    ],
    [
      'invalid JSON',
      { allowedOrigins: '["https://a.example.com"', allowedMethods: 'GET' },
      'allowedOrigins',
      /not a valid JSON array/,
    ],
    [
      'a number in the list',
      { allowedOrigins: '*', allowedMethods: '["GET", 1]' },
      'allowedMethods',
      /must list text only/,
    ],
    [
      'maxAgeSeconds out of range',
      { allowedOrigins: '*', allowedMethods: 'GET', maxAgeSeconds: '86401' },
      'maxAgeSeconds',
      /from 0 to 86,400/,
    ],
    [
      'an unknown mode',
      { allowedOrigins: '*', allowedMethods: 'GET', mode: 'merge' },
      'mode',
      /must be one of replace, append/,
    ],
  ])('refuses %s, naming the field', async (_name, options, field, message) => {
    const error = await refusal('put_bucket_cors', cors(options));
    expect(error.details).toMatchObject({ field });
    expect(error.message).toMatch(message);
  });
});
