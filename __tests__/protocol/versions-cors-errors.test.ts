/**
 * What AWS S3 answers about versions and CORS where neither test server answers the same way
 * (Ceph RGW says NoSuchKey for a missing version and for a delete marker's; s3rver has no
 * versions), scripted on 127.0.0.1: each answer worded for a person, and test connection kept ok
 * when the bucket's CORS rules may not be read.
 */
import S3QueryService from '../../lib/index.js';
import { CannedResponse, CannedServer, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
let canned: CannedServer;

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(() => canned.close());

const source = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  access_key: 'AK',
  secret_key: 'SK',
  endpoint_enabled: true,
  endpoint: canned.endpoint,
  max_attempts: '1',
  ...overrides,
});
const fail = (query: Record<string, unknown>) => queryError(plugin.run(source(), query, `versions-${Math.random()}`));
const versioned = { operation: 'get_object', bucket: 'bkt', key: 'a.txt', versionId: 'v1' };

it('NoSuchVersion names the version, the key and the bucket', async () => {
  canned.respondWith({ status: 404, body: s3ErrorXml('NoSuchVersion', 'The specified version does not exist.') });
  const error = await fail(versioned);
  expect(error.message).toBe(
    "The version 'v1' of the object 'a.txt' in bucket 'bkt' does not exist (list the key's versions with list_object_versions).",
  );
  expect(error.data).toMatchObject({ code: 'NoSuchVersion', httpStatus: 404, versionId: 'v1' });
});

it("InvalidArgument for a version id: not one of this object's (a bucket without versioning has only 'null')", async () => {
  canned.respondWith({ status: 400, body: s3ErrorXml('InvalidArgument', 'Invalid version id specified') });
  const error = await fail(versioned);
  expect(error.message).toBe(
    "'v1' is not a version id of the object 'a.txt' in bucket 'bkt': use a VersionId from list_object_versions (a bucket that never had versioning has only the version 'null').",
  );
  expect(error.data).toMatchObject({ code: 'InvalidArgument', httpStatus: 400 });
});

it('InvalidArgument without a version id keeps the generic wording', async () => {
  canned.respondWith({ status: 400, body: s3ErrorXml('InvalidArgument', 'Bad thing') });
  const error = await fail({ operation: 'get_object', bucket: 'bkt', key: 'a.txt' });
  expect(error.message).toBe("S3 get_object failed on 'a.txt' in bucket 'bkt' (HTTP 400, InvalidArgument): Bad thing");
});

it('405 on a version: a delete marker, which removing brings the previous version back', async () => {
  canned.respondWith({
    status: 405,
    headers: { 'x-amz-delete-marker': 'true' },
    body: s3ErrorXml('MethodNotAllowed', 'The specified method is not allowed against this resource.'),
  });
  const error = await fail(versioned);
  expect(error.message).toBe(
    "The version 'v1' of the object 'a.txt' in bucket 'bkt' is a delete marker, which has no content or metadata. Removing it (remove_object with this versionId) makes the version before it current again if it is the newest.",
  );
});

it('a HEAD of a version answered with a bare 405 or 400 (no body, as S3 answers HEAD) is still worded as a delete marker or a bad version id', async () => {
  canned.respondWith({ status: 405, headers: { 'x-amz-delete-marker': 'true' }, body: '' });
  const marker = await fail({ ...versioned, operation: 'head_object' });
  expect(marker.message).toMatch(/^The version 'v1' of the object 'a.txt' in bucket 'bkt' is a delete marker/);
  expect(marker.data).toMatchObject({ code: 'MethodNotAllowed', httpStatus: 405 });
  canned.respondWith({ status: 400, body: '' });
  const bad = await fail({ ...versioned, operation: 'head_object' });
  expect(bad.message).toMatch(/^'v1' is not a version id of the object 'a.txt'/);
  expect(bad.data).toMatchObject({ code: 'InvalidArgument', httpStatus: 400 });
});

it('restoring a delete marker says it cannot be restored', async () => {
  canned.respondWith((req): CannedResponse =>
    req.url?.includes('versioning')
      ? {
          status: 200,
          headers: { 'content-type': 'application/xml' },
          body: '<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>',
        }
      : { status: 405, headers: { 'x-amz-delete-marker': 'true' }, body: '' },
  );
  const error = await fail({ ...versioned, operation: 'restore_object_version' });
  expect(error.message).toBe(
    "The version 'v1' of the object 'a.txt' in bucket 'bkt' is a delete marker, which cannot be restored: choose a version from the Versions of list_object_versions.",
  );
});

it('remove_object with the versionId of a delete marker deletes it (its HEAD answers 405)', async () => {
  canned.respondWith((req): CannedResponse =>
    req.method === 'HEAD'
      ? { status: 405, headers: { 'x-amz-delete-marker': 'true' }, body: '' }
      : { status: 204, headers: { 'x-amz-delete-marker': 'true', 'x-amz-version-id': 'v1' }, body: '' },
  );
  canned.requests.length = 0;
  const result = await plugin.run(source(), {
    operation: 'remove_object',
    bucket: 'bkt',
    key: 'a.txt',
    versionId: 'v1',
  });
  expect(result.data).toMatchObject({ Permanent: true, DeleteMarker: true, VersionId: 'v1' });
  expect(canned.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
    'HEAD /bkt/a.txt?versionId=v1',
    'DELETE /bkt/a.txt?versionId=v1&x-id=DeleteObject',
  ]);
});

it('remove_object with a versionId still deletes when the version check itself is refused (403: no s3:GetObjectVersion)', async () => {
  canned.respondWith((req): CannedResponse =>
    req.method === 'HEAD'
      ? { status: 403, body: '' }
      : { status: 204, headers: { 'x-amz-version-id': 'v1' }, body: '' },
  );
  canned.requests.length = 0;
  const result = await plugin.run(source(), {
    operation: 'remove_object',
    bucket: 'bkt',
    key: 'a.txt',
    versionId: 'v1',
  });
  expect(result.data).toMatchObject({ Permanent: true, VersionId: 'v1' });
  expect(canned.requests.map((request) => request.method)).toEqual(['HEAD', 'DELETE']);
});

it('test connection stays ok when the test bucket is listed but its CORS rules may not be read', async () => {
  canned.respondWith((req) =>
    req.url?.includes('cors')
      ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') }
      : {
          status: 200,
          headers: { 'content-type': 'application/xml' },
          body: '<ListBucketResult><Name>bkt</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>',
        },
  );
  expect(await plugin.testConnection(source({ test_bucket: 'bkt' }))).toEqual({
    status: 'ok',
    message:
      "Connected: bucket 'bkt' is reachable and can be listed. Its CORS rules could not be read (AccessDenied), so browser uploads were not checked.",
  });
});
