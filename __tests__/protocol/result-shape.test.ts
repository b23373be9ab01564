/**
 * One result shape (docs/operations.md, "Result shape"): S3's fields keep S3's names and the
 * fields the plugin adds are PascalCase too, except the few the app builder's own plugin returned
 * (COMPATIBLE); `$metadata` appears only in the results of the app builder's own operations that
 * returned the SDK's output (WITH_METADATA). Every operation runs here and its result is checked
 * against that rule, nested fields included: on the embedded server (s3rver behind its SigV4
 * check), and on a scripted server answering as S3 does where s3rver lacks the operation (abort
 * and the listings of multipart uploads, object versions, the versioning switch).
 */
import S3QueryService from '../../lib/index.js';
import { OPERATION_NAMES, OperationName } from '../../lib/operations/table.js';
import { CannedResponse, CannedServer, cannedSource, startCannedServer } from '../support/canned-server.js';
import { useEmbeddedS3 } from '../support/embedded-s3.js';

/** A result field: PascalCase, as S3 names its fields (ETag, VersionId, ID). */
const FIELD = /^[A-Z][A-Za-z0-9]*$/;
/** Fields whose keys are data, not fields: user metadata, an object's parsed body, a form's field names, HTTP headers. */
const DATA_MAPS = new Set(['Metadata', 'Body', 'Fields', 'RequiredFields', 'Headers', 'Tags']);
/** Top-level fields the app builder's plugin returned under another style: saved apps read them. */
const COMPATIBLE: Partial<Record<OperationName, string[]>> = {
  signed_url_for_get: ['url'],
  signed_url_for_put: ['url'],
};
/** The app builder's operations whose plugin returned the SDK's output, `$metadata` and all. */
const WITH_METADATA = new Set<string>([
  'get_object',
  'upload_object',
  'remove_object',
  'list_objects',
  'list_buckets',
  'create_bucket',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** Where a result breaks the rule, as `path: reason`; empty when it keeps it. */
function offences(operation: string, data: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item, index) => walk(item, `${path}[${index}]`));
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (!path && key === '$metadata') {
        if (!WITH_METADATA.has(operation)) found.push(`${at}: only the app builder's own operations keep it`);
        continue;
      }
      const compatible = !path && COMPATIBLE[operation as OperationName]?.includes(key);
      if (!FIELD.test(key) && !compatible) found.push(`${at}: not PascalCase`);
      if (!DATA_MAPS.has(key)) walk(child, at);
    }
  };
  walk(data, '');
  if (WITH_METADATA.has(operation) && !(isRecord(data) && '$metadata' in data))
    found.push("$metadata: the app builder's plugin returned it");
  return found;
}

it('the rule finds what breaks it: other styles, nested fields, $metadata where it does not belong', () => {
  expect(
    offences('create_multipart_upload', { UploadId: 'u', partSize: 5, Parts: [{ PartNumber: 1, start: 0 }] }),
  ).toEqual(['partSize: not PascalCase', 'Parts[0].start: not PascalCase']);
  expect(offences('head_object', { $metadata: {}, ETag: '"e"', Metadata: { 'lower-case': 'ok' } })).toEqual([
    "$metadata: only the app builder's own operations keep it",
  ]);
  expect(offences('signed_url_for_get', { url: 'u', expiresAt: 'x' })).toEqual(['expiresAt: not PascalCase']);
  expect(offences('list_buckets', { Buckets: [] })).toEqual(["$metadata: the app builder's plugin returned it"]);
  expect(offences('signed_post_for_upload', { Url: 'u', Fields: { 'x-amz-meta-a': 'b' } })).toEqual([]);
});

const plugin = new S3QueryService();
/** Every operation run, with the result's offences. */
const checked = new Map<string, string[]>();

async function check(source: Record<string, unknown>, query: Record<string, unknown>) {
  const result = await plugin.run(source, query, `shape-${JSON.stringify(source.endpoint)}`);
  expect(result.status).toBe('ok');
  const operation = String(query.operation);
  checked.set(operation, [...(checked.get(operation) ?? []), ...offences(operation, result.data)]);
  return result.data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('on the embedded server', () => {
  const s3 = useEmbeddedS3(['shape']);
  const run = (query: Record<string, unknown>) => check(s3.sourceOptions(), { bucket: 'shape', ...query });

  it('objects, folders, listings, buckets, signed URLs and forms, browser multipart, CORS', async () => {
    await run({ operation: 'list_buckets' });
    await run({ operation: 'create_bucket', bucket: 'shape-new' });
    await run({ operation: 'upload_object', bucket: 'shape-new', key: 'x.txt', data: 'x' });
    await run({ operation: 'delete_bucket', bucket: 'shape-new', emptyFirst: true, confirmBucketName: 'shape-new' });
    await run({ operation: 'upload_object', key: 'docs/a.txt', data: 'hello', metadata: '{"owner": "ada"}' });
    await run({ operation: 'upload_object', key: 'docs/b.json', data: '{"a": {"b": 1}}' });
    await run({ operation: 'get_object', key: 'docs/a.txt' });
    await run({ operation: 'get_object', key: 'docs/b.json', decodeAs: 'json' });
    const headed = await run({ operation: 'head_object', key: 'docs/a.txt' });
    await run({ operation: 'head_object', key: 'docs/a.txt', ifNoneMatch: headed.ETag });
    await run({ operation: 'get_object', key: 'docs/a.txt', ifNoneMatch: headed.ETag });
    await run({ operation: 'list_objects', prefix: 'docs/', includeSignedUrls: true });
    await run({ operation: 'list_objects', delimiter: '/', fetchAll: true });
    await run({ operation: 'list_objects', suffix: '.txt', minSize: '1 B', fetchAll: true, sortBy: 'size' });
    await run({ operation: 'copy_object', sourceBucket: 'shape', sourceKey: 'docs/a.txt', destinationKey: 'c.txt' });
    await run({ operation: 'move_object', sourceBucket: 'shape', sourceKey: 'c.txt', destinationKey: 'd.txt' });
    await run({ operation: 'create_folder', prefix: 'made/' });
    await run({ operation: 'create_folder', prefix: 'made/', keepExisting: true });
    await run({ operation: 'copy_folder', sourcePrefix: 'docs/', destinationPrefix: 'copy/' });
    await run({ operation: 'move_folder', sourcePrefix: 'copy/', destinationPrefix: 'moved/' });
    await run({ operation: 'delete_folder', prefix: 'moved/', dryRun: true });
    await run({ operation: 'delete_folder', prefix: 'moved/' });
    await run({ operation: 'remove_object', key: 'd.txt' });
    await run({ operation: 'remove_objects', keys: '["docs/b.json", "missing.txt"]' });
    await run({ operation: 'signed_url_for_get', key: 'docs/a.txt', downloadFilename: 'a.txt' });
    await run({ operation: 'signed_url_for_put', key: 'up.png', contentType: 'image/png' });
    await run({ operation: 'signed_post_for_upload', keyPrefix: 'forms/', contentTypePrefix: 'image/' });
    await run({ operation: 'signed_post_for_upload', key: 'forms/one.png', metadata: '{"by": "ada"}' });

    const started = await run({ operation: 'create_multipart_upload', key: 'big.bin', fileSize: 6 * 1024 * 1024 });
    await run({ operation: 'create_multipart_upload', key: 'unplanned.bin' });
    const target = { key: 'big.bin', uploadId: started.UploadId };
    const signed = await run({ operation: 'signed_urls_for_parts', ...target, partNumbers: '1' });
    const sent = await fetch(signed.Urls[0].Url, { method: 'PUT', body: 'one part' });
    expect(sent.status).toBe(200);
    const parts = [{ PartNumber: 1, ETag: sent.headers.get('etag') }];
    await run({ operation: 'complete_multipart_upload', ...target, parts: JSON.stringify(parts) });

    await run({ operation: 'put_bucket_cors', preset: 'browser-uploads', allowedOrigins: 'https://apps.example.com' });
    await run({ operation: 'get_bucket_cors' });
    await run({ operation: 'delete_bucket_cors' });
    await run({ operation: 'get_bucket_cors' });

    await run({ operation: 'put_object_tagging', key: 'docs/a.txt', tags: '{"Project-Name": "q3"}' });
    await run({ operation: 'put_object_tagging', key: 'docs/a.txt', tags: '{"owner": "ada"}', mode: 'merge' });
    await run({ operation: 'get_object_tagging', key: 'docs/a.txt' });
  });
});

describe('on a scripted server, where s3rver lacks the operation', () => {
  let canned: CannedServer;
  beforeAll(async () => {
    canned = await startCannedServer();
  });
  afterAll(() => canned.close());
  const run = (query: Record<string, unknown>) => check(cannedSource(canned), { bucket: 'bkt', ...query });

  const DATE = 'Wed, 01 Jan 2026 00:00:00 GMT';
  const xml = (body: string, headers: Record<string, string> = {}): CannedResponse => ({ status: 200, headers, body });
  const owner = '<Owner><ID>o1</ID><DisplayName>ada</DisplayName></Owner>';
  /** S3's answers, by request: what each operation below sends. */
  function answer(method: string, url: string, copySource: boolean): CannedResponse {
    const version = { 'x-amz-version-id': 'v1', 'last-modified': DATE, etag: '"e1"', 'content-length': '3' };
    if (url.includes('versioning'))
      return method === 'PUT'
        ? xml('')
        : xml('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>');
    if (url.includes('lifecycle'))
      return method === 'GET'
        ? xml(
            '<LifecycleConfiguration><Rule><ID>abort</ID><Filter><Prefix></Prefix></Filter><Status>Enabled</Status>' +
              '<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule></LifecycleConfiguration>',
          )
        : method === 'DELETE'
          ? { status: 204 }
          : xml('');
    if (url.includes('versions'))
      return xml(
        '<ListVersionsResult><Name>bkt</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>' +
          `<Version><Key>a.txt</Key><VersionId>v1</VersionId><IsLatest>true</IsLatest><LastModified>2026-01-01T00:00:00.000Z</LastModified><ETag>"e1"</ETag><Size>3</Size><StorageClass>STANDARD</StorageClass>${owner}</Version>` +
          `<DeleteMarker><Key>a.txt</Key><VersionId>v0</VersionId><IsLatest>false</IsLatest><LastModified>2026-01-01T00:00:00.000Z</LastModified>${owner}</DeleteMarker>` +
          '</ListVersionsResult>',
      );
    if (url.includes('uploads'))
      return xml(
        '<ListMultipartUploadsResult><Bucket>bkt</Bucket><IsTruncated>false</IsTruncated>' +
          `<Upload><Key>a.bin</Key><UploadId>U1</UploadId><Initiated>2026-01-01T00:00:00.000Z</Initiated><StorageClass>STANDARD</StorageClass>${owner}</Upload>` +
          '</ListMultipartUploadsResult>',
      );
    if (url.includes('uploadId') && method === 'GET')
      return xml(
        '<ListPartsResult><Bucket>bkt</Bucket><Key>a.bin</Key><UploadId>U1</UploadId><IsTruncated>false</IsTruncated>' +
          '<Part><PartNumber>1</PartNumber><ETag>"p1"</ETag><Size>5242880</Size><LastModified>2026-01-01T00:00:00.000Z</LastModified></Part>' +
          '</ListPartsResult>',
      );
    if (url.includes('uploadId') && method === 'DELETE') return { status: 204 };
    if (method === 'PUT' && copySource)
      return xml(
        '<CopyObjectResult><ETag>"e1"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>',
        {
          'x-amz-version-id': 'v2',
        },
      );
    if (method === 'HEAD') return { status: 200, headers: { ...version, 'content-type': 'text/plain' } };
    if (method === 'DELETE') return { status: 204, headers: { 'x-amz-version-id': 'v1' } };
    if (method === 'GET') return { status: 200, headers: { ...version, 'content-type': 'text/plain' }, body: 'abc' };
    return { status: 501, body: '' };
  }

  it('multipart uploads listed and aborted, object versions, the versioning switch, deleting tags, lifecycle rules', async () => {
    canned.respondWith((req) => answer(req.method ?? '', req.url ?? '', Boolean(req.headers['x-amz-copy-source'])));
    const upload = { key: 'a.bin', uploadId: 'U1' };
    await run({ operation: 'list_multipart_uploads' });
    await run({ operation: 'list_upload_parts', ...upload });
    await run({ operation: 'abort_multipart_upload', ...upload });
    await run({ operation: 'list_object_versions', key: 'a.txt' });
    await run({ operation: 'get_object', key: 'a.txt', versionId: 'v1' });
    await run({ operation: 'head_object', key: 'a.txt', versionId: 'v1' });
    await run({ operation: 'remove_object', key: 'a.txt', versionId: 'v1' });
    await run({ operation: 'restore_object_version', key: 'a.txt', versionId: 'v1' });
    await run({ operation: 'get_bucket_versioning' });
    await run({ operation: 'put_bucket_versioning', status: 'Enabled' });
    await run({ operation: 'get_bucket_lifecycle' });
    await run({ operation: 'put_bucket_lifecycle', rule: 'expire-objects', prefix: 'exports/', days: 30 });
    await run({ operation: 'delete_bucket_lifecycle' });
    // s3rver answers DeleteObjectTagging NotImplemented (SERVER_DIFFERENCES).
    await run({ operation: 'delete_object_tagging', key: 'a.txt' });
  });
});

describe('every result keeps the rule', () => {
  it('every operation ran', () => {
    expect([...checked.keys()].sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it.each([...OPERATION_NAMES])('%s', (operation) => {
    expect(checked.get(operation)).toEqual([]);
  });
});
