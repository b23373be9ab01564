/**
 * A copy the server confirms without an ETag (S3 always sends one; neither test server omits it,
 * so it is scripted) is read back with a HEAD of the destination. A move deletes its source only
 * when that HEAD shows the copy: an object written no earlier than the copy (by the server's own
 * clock), of the source's size and, for a source that is no multipart object, of its ETag. An
 * older object already at the destination is no proof: the source stays.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import S3QueryService from '../../lib/index.js';
import { copyObject } from '../../lib/operations/shared/copy.js';
import { CannedResponse, CannedServer, cannedSource, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
let canned: CannedServer;

beforeAll(async () => {
  canned = await startCannedServer();
});
afterAll(() => canned.close());
beforeEach(() => {
  canned.requests.length = 0;
});

const source = () => cannedSource(canned);
const xml = (body: string): CannedResponse => ({ status: 200, headers: { 'content-type': 'application/xml' }, body });
const BODY = 'abc';
const SOURCE_ETAG = `"${createHash('md5').update(BODY).digest('hex')}"`;
const LONG_AGO = 'Wed, 01 Jan 2020 00:00:00 GMT';

interface Destination {
  etag: string;
  lastModified: () => string;
  size?: number;
  /** The server's clock (its Date header), when not this machine's. */
  date?: () => string;
}

/** The source old/a.txt (or its listing), a CopyObject answered 200 without an ETag, and `destination` at new/a.txt. */
function server(destination: Destination | undefined, sourceEtag = SOURCE_ETAG) {
  const object = (etag: string, lastModified: string, size = BODY.length, date?: string): CannedResponse => ({
    status: 200,
    headers: {
      etag,
      'last-modified': lastModified,
      'content-length': String(size),
      'content-type': 'text/plain',
      ...(date ? { date } : {}),
    },
  });
  canned.respondWith((req: http.IncomingMessage): CannedResponse => {
    const url = req.url ?? '';
    if (req.method === 'PUT' && req.headers['x-amz-copy-source'])
      return xml(`<CopyObjectResult><LastModified>${new Date().toISOString()}</LastModified></CopyObjectResult>`);
    if (req.method === 'HEAD' && url.startsWith('/bkt/old/')) return object(sourceEtag, LONG_AGO);
    if (req.method === 'HEAD')
      return destination
        ? object(destination.etag, destination.lastModified(), destination.size, destination.date?.())
        : { status: 404, body: '' };
    if (req.method === 'GET' && url.includes('list-type=2'))
      return xml(
        '<ListBucketResult><Name>bkt</Name><Prefix>old/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys>' +
          `<IsTruncated>false</IsTruncated><Contents><Key>old/a.txt</Key><Size>${BODY.length}</Size>` +
          `<ETag>${sourceEtag.replace(/"/g, '&quot;')}</ETag></Contents></ListBucketResult>`,
      );
    if (req.method === 'POST') return xml('<DeleteResult><Deleted><Key>old/a.txt</Key></Deleted></DeleteResult>');
    if (req.method === 'DELETE') return { status: 204 };
    return { status: 400, body: '' };
  });
}

const deletes = () => canned.requests.filter((req) => req.method === 'DELETE' || req.method === 'POST');
const moveFolder = () =>
  plugin.run(
    source(),
    { operation: 'move_folder', bucket: 'bkt', sourcePrefix: 'old/', destinationPrefix: 'new/' },
    'copy-proof',
  );
const moveObject = () =>
  plugin.run(
    source(),
    { operation: 'move_object', sourceBucket: 'bkt', sourceKey: 'old/a.txt', destinationKey: 'new/a.txt' },
    'copy-proof',
  );
const now = () => new Date().toUTCString();
/** A time on a server whose clock is `offsetSeconds` ahead of this machine's. */
const serverClock = (offsetSeconds: number) => () => new Date(Date.now() + offsetSeconds * 1000).toUTCString();

describe('an older object at the destination is no proof of the copy', () => {
  it('move_folder keeps the source and reports the copy as failed', async () => {
    server({ etag: '"0123456789abcdef0123456789abcdef"', lastModified: () => LONG_AGO });
    const result = (await moveFolder()).data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(result).toMatchObject({ Objects: 1, Copied: 0, Deleted: 0, ErrorCount: 1, Stopped: false });
    expect(result.Errors[0]).toMatchObject({ Key: 'old/a.txt', Step: 'copy', Code: 'CopyUnconfirmed' });
    expect(result.Errors[0].Message).toMatch(
      /confirmed the copy to 'new\/a\.txt' without an ETag, and the object there is not the copy: it was last modified .* before the copy began/,
    );
    expect(deletes()).toEqual([]);
  });

  it('move_object keeps the source, even when the old object has the same content', async () => {
    server({ etag: SOURCE_ETAG, lastModified: () => LONG_AGO });
    const error = await queryError(moveObject());
    expect(error.data).toMatchObject({ code: 'CopyUnconfirmed', bucket: 'bkt', key: 'new/a.txt' });
    expect(deletes()).toEqual([]);
  });

  it('a new object with another ETag than a single-part source is not the copy either', async () => {
    server({ etag: '"0123456789abcdef0123456789abcdef"', lastModified: now });
    const error = await queryError(moveObject());
    expect(error.message).toMatch(/its ETag .* is not the source's/);
    expect(deletes()).toEqual([]);
  });

  it('nor is one of another size', async () => {
    server({ etag: SOURCE_ETAG, lastModified: now, size: 4 });
    const error = await queryError(moveObject());
    expect(error.message).toMatch(/it holds 4 bytes, the source 3/);
    expect(deletes()).toEqual([]);
  });

  it("the copy's start is taken by the server's clock: an object from before it on a clock 10 minutes ahead is no copy", async () => {
    server({ etag: SOURCE_ETAG, lastModified: serverClock(600 - 30), date: serverClock(600) });
    const error = await queryError(moveObject());
    expect(error.message).toMatch(/before the copy began .* by the server's clock/);
    expect(deletes()).toEqual([]);
  });

  it('nor is nothing at all', async () => {
    server(undefined);
    const error = await queryError(moveObject());
    expect(error.data).toMatchObject({ code: 'CopyUnconfirmed' });
    expect(error.message).toMatch(/no object is there/);
    expect(deletes()).toEqual([]);
  });
});

describe('a destination that shows the copy is proof', () => {
  it('move_folder and move_object delete the source once the copy is read back', async () => {
    server({ etag: SOURCE_ETAG, lastModified: now });
    expect((await moveFolder()).data).toMatchObject({ Copied: 1, Deleted: 1, ErrorCount: 0 });
    expect((await moveObject()).data).toMatchObject({ ETag: SOURCE_ETAG, SourceDeleted: true });
    expect(deletes().map((req) => req.method)).toEqual(['POST', 'DELETE']);
  });

  it('a copy on a server whose clock is 10 minutes behind is proven by that clock', async () => {
    server({ etag: SOURCE_ETAG, lastModified: serverClock(-600), date: serverClock(-600) });
    expect((await moveObject()).data).toMatchObject({ ETag: SOURCE_ETAG, SourceDeleted: true });
  });

  it("a multipart source's copy has an ETag of its own: the date and size prove it", async () => {
    const copyEtag = '"fedcba9876543210fedcba9876543210"';
    server({ etag: copyEtag, lastModified: now }, '"00112233445566778899aabbccddeeff-2"');
    expect((await moveObject()).data).toMatchObject({ ETag: copyEtag, SourceDeleted: true });
  });
});

describe('a multipart copy completed without an ETag (as Ceph RGW completes one)', () => {
  const MIB = 1024 * 1024;
  const limits = { singleCopyMaxBytes: 5 * MIB, partBytes: 5 * MIB, parallelParts: 2 };
  const size = 6 * MIB;
  const copyEtag = '"0123456789abcdef0123456789abcdef-2"';
  const request = {
    sourceBucket: 'bkt',
    sourceKey: 'big.bin',
    destinationBucket: 'bkt',
    destinationKey: 'big-copy.bin',
    metadataDirective: 'COPY' as const,
    properties: {},
  };

  function multipartServer(destinationModified: () => string) {
    canned.respondWith((req: http.IncomingMessage): CannedResponse => {
      const url = req.url ?? '';
      if (req.method === 'HEAD')
        return {
          status: 200,
          headers: {
            etag: url.includes('big-copy') ? copyEtag : '"fedcba9876543210fedcba9876543210-2"',
            'last-modified': url.includes('big-copy') ? destinationModified() : LONG_AGO,
            'content-length': String(size),
          },
        };
      if (req.method === 'POST' && url.includes('uploads'))
        return xml('<InitiateMultipartUploadResult><UploadId>U1</UploadId></InitiateMultipartUploadResult>');
      if (req.method === 'PUT') return xml('<CopyPartResult><ETag>"p"</ETag></CopyPartResult>');
      if (req.method === 'POST')
        return xml('<CompleteMultipartUploadResult><ETag></ETag></CompleteMultipartUploadResult>');
      return { status: 400, body: '' };
    });
  }

  it('is proven by a destination written since the copy began, and refused over an older one', async () => {
    const client = await plugin.getConnection(source(), {}, false);
    try {
      // Read when the destination is asked for, as a server would: a time taken before the copy began falls
      // before the copy's start after a stall of a second or two.
      multipartServer(now);
      expect(await copyObject(client, request, limits)).toMatchObject({
        ETag: copyEtag,
        Multipart: true,
        PartCount: 2,
      });
      multipartServer(() => LONG_AGO);
      await expect(copyObject(client, request, limits)).rejects.toMatchObject({ code: 'CopyUnconfirmed' });
    } finally {
      client.destroy();
    }
  });
});
