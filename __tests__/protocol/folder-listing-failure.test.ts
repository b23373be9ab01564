/**
 * A folder operation whose listing fails after some pages were done (neither test server fails a
 * listing part way, so it is scripted): the result reports what was done and that it stopped,
 * instead of a bare error that hides the deletes already made.
 */
import S3QueryService from '../../lib/index.js';
import { CannedResponse, CannedServer, cannedSource, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
let canned: CannedServer;

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(() => canned.close());

const source = () => cannedSource(canned);
const xml = (body: string): CannedResponse => ({ status: 200, headers: { 'content-type': 'application/xml' }, body });
const firstPage = xml(
  '<ListBucketResult><Name>bkt</Name><Prefix>old/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>' +
    '<IsTruncated>true</IsTruncated><NextContinuationToken>next</NextContinuationToken>' +
    '<Contents><Key>old/a.txt</Key><Size>3</Size><ETag>"a"</ETag></Contents>' +
    '<Contents><Key>old/b.txt</Key><Size>4</Size><ETag>"b"</ETag></Contents></ListBucketResult>',
);

it('delete_folder reports the deletes done before the listing failed, and that it stopped', async () => {
  canned.respondWith((req): CannedResponse => {
    if (req.method === 'POST')
      return xml(
        '<DeleteResult><Deleted><Key>old/a.txt</Key></Deleted><Deleted><Key>old/b.txt</Key></Deleted></DeleteResult>',
      );
    return req.url?.includes('continuation-token')
      ? { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') }
      : firstPage;
  });
  const result = await plugin.run(source(), { operation: 'delete_folder', bucket: 'bkt', prefix: 'old/' }, 'folders-1');
  expect(result.data).toMatchObject({ Objects: 2, Deleted: 2, DeletedBytes: 7, Stopped: true });
  expect((result.data as { Warning: string }).Warning).toMatch(/Listing the next page failed: Access denied/);
});

it('a listing that fails before any page still fails the query', async () => {
  canned.respondWith({ status: 404, body: s3ErrorXml('NoSuchBucket', 'The specified bucket does not exist') });
  const error = await queryError(
    plugin.run(source(), { operation: 'delete_folder', bucket: 'bkt', prefix: 'old/' }, 'folders-2'),
  );
  expect(error.data).toMatchObject({ code: 'NoSuchBucket' });
});
