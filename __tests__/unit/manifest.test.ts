/**
 * manifest.json and operations.json keep the app builder's keys (saved data sources and
 * queries keep working) and match what the query service runs.
 */
import { OPERATION_NAMES } from '../../lib/operations/table.js';
import { readProjectJson } from '../../dev/project-root.js';

const manifest = readProjectJson('lib/manifest.json');
const operations = readProjectJson('lib/operations.json');

type Field = { key: string; type: string; list?: Array<{ value: string }>; controller?: string };
const properties = manifest.properties as unknown as Record<string, Record<string, Field> & Field>;
const credentials = properties.credentials as unknown as Field;
const AUTH_MODES = [
  'iam_access_keys',
  'aws_instance_credentials',
  'aws_arn_role',
  'aws_arn_role_with_access_keys',
  'default_credentials_provider_chain',
];

describe('manifest.json', () => {
  it("has the auth flip dropdown with the app builder's modes, access keys first", () => {
    expect(credentials.key).toBe('instance_metadata_credentials');
    expect(credentials.type).toBe('dropdown-component-flip');
    expect(credentials.list?.map((item) => item.value)).toEqual(AUTH_MODES);
    expect(manifest.defaults.instance_metadata_credentials.value).toBe('iam_access_keys');
  });

  it('keeps the access key fields, with the secret encrypted and shown as a password', () => {
    expect(properties.iam_access_keys.access_key).toMatchObject({ key: 'access_key', type: 'text' });
    expect(properties.iam_access_keys.secret_key).toMatchObject({ key: 'secret_key', type: 'password' });
    expect(manifest.source.options.secret_key).toEqual({ type: 'string', encrypted: true });
    expect(properties.aws_arn_role.role_arn).toMatchObject({ key: 'role_arn', type: 'text' });
  });

  it.each(AUTH_MODES)('%s has the endpoint toggle controlling the endpoint field', (mode) => {
    expect(properties[mode].endpoint_enabled).toMatchObject({ key: 'endpoint_enabled', type: 'toggle' });
    expect(properties[mode].endpoint).toMatchObject({ key: 'endpoint', type: 'text', controller: 'endpoint_enabled' });
  });

  it('offers every current AWS region, including those opened since 2022', () => {
    const regions = properties.iam_access_keys.region.list?.map((item) => item.value) ?? [];
    expect(properties.iam_access_keys.region.type).toBe('dropdown');
    for (const region of [
      'us-east-1',
      'us-east-2',
      'us-west-1',
      'us-west-2',
      'eu-west-1',
      'eu-central-1',
      'ap-northeast-1',
      'sa-east-1',
      'ap-south-2',
      'ap-southeast-3',
      'ap-southeast-4',
      'ap-southeast-5',
      'ap-southeast-7',
      'eu-central-2',
      'eu-south-2',
      'me-central-1',
      'il-central-1',
      'ca-west-1',
      'mx-central-1',
      'ap-east-2',
      'ap-southeast-6',
      'us-gov-west-1',
    ]) {
      expect(regions).toContain(region);
    }
    expect(new Set(regions).size).toBe(regions.length);
  });
});

describe('operations.json', () => {
  const ops = operations.properties as unknown as Record<string, Record<string, Field>> & { operation: Field };

  it('lists exactly the operations the query service runs', () => {
    expect(ops.operation.key).toBe('operation');
    expect(ops.operation.list?.map((item) => item.value).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each([
    ['get_object', ['bucket', 'key']],
    ['upload_object', ['bucket', 'key', 'contentType', 'data', 'encoding']],
    ['remove_object', ['bucket', 'key']],
    ['list_buckets', []],
    ['list_objects', ['bucket', 'prefix', 'maxKeys', 'offset', 'continuationToken']],
    ['signed_url_for_get', ['bucket', 'key', 'expiresIn']],
    ['signed_url_for_put', ['bucket', 'key', 'expiresIn', 'contentType']],
  ])('%s keeps the app builder option keys', (operation, keys) => {
    const fields = Object.values(ops[operation] ?? {}).map((field) => field.key);
    expect(fields).toEqual(expect.arrayContaining(keys));
  });

  const PROPERTIES = [
    'cacheControl',
    'contentDisposition',
    'storageClass',
    'serverSideEncryption',
    'kmsKeyId',
    'metadata',
    'tags',
  ];
  const COPY_FIELDS = [
    'sourceBucket',
    'sourceKey',
    'destinationBucket',
    'destinationKey',
    'metadataDirective',
    'contentType',
    ...PROPERTIES,
  ];
  it.each([
    ['get_object', ['bucket', 'key', 'range', 'decodeAs', 'versionId', 'ifNoneMatch', 'ifModifiedSince']],
    ['head_object', ['bucket', 'key', 'versionId', 'ifNoneMatch', 'ifModifiedSince']],
    ['remove_object', ['bucket', 'key', 'versionId']],
    ['upload_object', ['bucket', 'key', 'contentType', 'data', 'encoding', ...PROPERTIES, 'ifNoneMatch', 'ifMatch']],
    ['complete_multipart_upload', ['bucket', 'key', 'uploadId', 'parts', 'ifNoneMatch', 'ifMatch']],
    ['create_folder', ['bucket', 'prefix', 'keepExisting']],
    ['get_object_tagging', ['bucket', 'key', 'versionId']],
    ['put_object_tagging', ['bucket', 'key', 'versionId', 'tags', 'mode']],
    ['delete_object_tagging', ['bucket', 'key', 'versionId']],
    ['remove_objects', ['bucket', 'keys']],
    ['copy_object', COPY_FIELDS],
    ['move_object', COPY_FIELDS],
    [
      'list_objects',
      [
        'bucket',
        'prefix',
        'delimiter',
        'maxKeys',
        'offset',
        'continuationToken',
        'fetchAll',
        'maxTotalKeys',
        'includeSignedUrls',
        'expiresIn',
        'suffix',
        'contains',
        'ignoreCase',
        'modifiedAfter',
        'modifiedBefore',
        'minSize',
        'maxSize',
        'sortBy',
        'sortOrder',
      ],
    ],
    ['create_bucket', ['bucket', 'region']],
    ['delete_bucket', ['bucket', 'emptyFirst', 'confirmBucketName']],
    ['put_bucket_lifecycle', ['bucket', 'rule', 'days', 'prefix', 'ruleId', 'existingRules']],
    [
      'copy_folder',
      [
        'bucket',
        'sourcePrefix',
        'destinationBucket',
        'destinationPrefix',
        'concurrency',
        'dryRun',
        'confirmWholeBucket',
      ],
    ],
    ['delete_folder', ['bucket', 'prefix', 'dryRun', 'confirmWholeBucket']],
    ['signed_url_for_get', ['bucket', 'key', 'expiresIn', 'downloadFilename', 'responseContentType']],
    ['list_object_versions', ['bucket', 'prefix', 'key', 'maxKeys', 'keyMarker', 'versionIdMarker']],
    ['restore_object_version', ['bucket', 'key', 'versionId']],
    ['get_bucket_versioning', ['bucket']],
    ['put_bucket_versioning', ['bucket', 'status']],
    ['get_bucket_cors', ['bucket']],
    [
      'put_bucket_cors',
      [
        'bucket',
        'preset',
        'allowedOrigins',
        'allowedMethods',
        'allowedHeaders',
        'exposeHeaders',
        'maxAgeSeconds',
        'mode',
      ],
    ],
    ['delete_bucket_cors', ['bucket']],
  ])('%s has exactly the fields its operation reads', (operation, keys) => {
    expect(Object.values(ops[operation] ?? {}).map((field) => field.key)).toEqual(keys);
  });
});
