/**
 * Request-level behaviour the embedded s3rver cannot show (it has no UploadPartCopy or
 * AbortMultipartUpload, ignores SSE, tags and storage class, and never fails a key in a batch
 * delete). A scripted HTTP server on 127.0.0.1 answers like S3 and records every request.
 */
import { createHash } from 'node:crypto';
import S3QueryService from '../../lib/index.js';
import { copyObject } from '../../lib/operations/shared/copy.js';
import { CannedResponse, CannedServer, cannedSource, s3ErrorXml, startCannedServer } from '../support/canned-server.js';
import { queryError } from '../support/query.js';

const plugin = new S3QueryService();
let server: CannedServer;
beforeAll(async () => {
  server = await startCannedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const source = (extra: Record<string, unknown> = {}) => cannedSource(server, extra);
const xml = (body: string): CannedResponse => ({ status: 200, body: `<?xml version="1.0" encoding="UTF-8"?>${body}` });
const summary = () => server.requests.map((request) => `${request.method} ${decodeURIComponent(request.url)}`);

describe('multipart upload', () => {
  it('aborts the multipart upload when a part fails, leaving no orphaned parts', async () => {
    server.respondWith((req) => {
      if (req.method === 'POST' && req.url?.includes('uploads')) {
        return xml(
          '<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>big.bin</Key><UploadId>UP1</UploadId></InitiateMultipartUploadResult>',
        );
      }
      if (req.method === 'PUT')
        return { status: 500, body: s3ErrorXml('InternalError', 'We encountered an internal error.') };
      if (req.method === 'DELETE') return { status: 204 };
      return { status: 400, body: s3ErrorXml('Unexpected', 'unexpected request') };
    });
    const data = Buffer.alloc(17 * 1024 * 1024, 1).toString('base64');
    const error = await queryError(
      plugin.run(
        source(),
        { operation: 'upload_object', bucket: 'bkt', key: 'big.bin', data, encoding: 'base64' },
        'mp-abort',
      ),
    );
    expect(error.data).toMatchObject({ code: 'InternalError' });
    expect(summary()).toContain('DELETE /bkt/big.bin?uploadId=UP1&x-id=AbortMultipartUpload');
    expect(summary().filter((line) => line.startsWith('POST /bkt/big.bin?uploads'))).toHaveLength(1);
  });
});

describe('upload properties reach S3 as headers', () => {
  it('sends storage class, server-side encryption with a KMS key, and tags', async () => {
    server.respondWith({ status: 200, headers: { etag: '"abc"' }, body: '' });
    await plugin.run(
      source(),
      {
        operation: 'upload_object',
        bucket: 'bkt',
        key: 'secure.txt',
        data: 'x',
        storageClass: 'standard_ia',
        serverSideEncryption: 'aws:kms',
        kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abcd',
        tags: '{"project": "q3 launch", "team": "data&ai"}',
      },
      'props',
    );
    const headers = server.requests[0].headers;
    expect(headers['x-amz-storage-class']).toBe('STANDARD_IA');
    expect(headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(headers['x-amz-server-side-encryption-aws-kms-key-id']).toBe('arn:aws:kms:eu-west-1:123456789012:key/abcd');
    expect(new URLSearchParams(String(headers['x-amz-tagging'])).get('team')).toBe('data&ai');
    expect(headers['content-encoding']).toBeUndefined();
  });
});

describe('remove_objects', () => {
  it('reports per-key failures with their reason and sends Content-MD5', async () => {
    server.respondWith(
      xml(
        '<DeleteResult><Deleted><Key>a.txt</Key></Deleted><Error><Key>locked.txt</Key><Code>AccessDenied</Code><Message>Access Denied</Message></Error></DeleteResult>',
      ),
    );
    const data = (
      await plugin.run(source(), { operation: 'remove_objects', bucket: 'bkt', keys: ['a.txt', 'locked.txt'] }, 'batch')
    ).data;
    expect(data).toEqual({
      Deleted: [{ Key: 'a.txt' }],
      Errors: [{ Key: 'locked.txt', Code: 'AccessDenied', Message: 'Access Denied' }],
      DeletedCount: 1,
      ErrorCount: 1,
    });
    const request = server.requests[0];
    expect(request.headers['content-md5']).toBe(createHash('md5').update(request.body).digest('base64'));
    expect(request.body).toContain('<Key>locked.txt</Key>');
  });
});

describe('create_bucket sends and reports the same location', () => {
  const create = async (sourceRegion: string, query: Record<string, unknown>) => {
    server.respondWith({ status: 200, body: '' });
    const before = server.requests.length;
    const result = await plugin.run(
      source({ region: sourceRegion }),
      { operation: 'create_bucket', bucket: 'new-bucket', ...query },
      `cb-${sourceRegion}-${JSON.stringify(query)}`,
    );
    return { data: result.data as Record<string, unknown>, body: server.requests[before].body };
  };

  it("names the query's region, or else the data source's", async () => {
    const queryRegion = await create('us-east-1', { region: 'eu-west-1' });
    expect(queryRegion.body).toContain('<LocationConstraint>eu-west-1</LocationConstraint>');
    expect(queryRegion.data).toMatchObject({ Region: 'eu-west-1', LocationConstraint: 'eu-west-1' });
    const sourceRegion = await create('eu-central-1', {});
    expect(sourceRegion.body).toContain('<LocationConstraint>eu-central-1</LocationConstraint>');
    expect(sourceRegion.data).toMatchObject({ Region: 'eu-central-1', LocationConstraint: 'eu-central-1' });
  });

  it('names no location for us-east-1, even on a data source in another region', async () => {
    const created = await create('eu-west-1', { region: 'us-east-1' });
    expect(created.body).toBe('');
    expect(created.data).toMatchObject({ Region: 'us-east-1' });
    expect(created.data.LocationConstraint).toBeUndefined();
  });

  it("never sends R2's 'auto' as a location", async () => {
    const created = await create('auto', {});
    expect(created.body).toBe('');
    expect(created.data).toMatchObject({ Region: 'auto' });
  });

  it("sends an S3-compatible service's own region names (DigitalOcean Spaces: nyc3)", async () => {
    const created = await create('nyc3', {});
    expect(created.body).toContain('<LocationConstraint>nyc3</LocationConstraint>');
  });
});

describe('multipart copy above the single-copy limit (small limits stand in for 5 GB)', () => {
  const limits = { singleCopyMaxBytes: 10 * 1024 * 1024, partBytes: 5 * 1024 * 1024, parallelParts: 2 };
  const size = 12 * 1024 * 1024;
  const request = {
    sourceBucket: 'src',
    sourceKey: 'videos/big clip.mp4',
    destinationBucket: 'dst',
    destinationKey: 'copy.mp4',
    metadataDirective: 'COPY' as const,
    properties: {},
  };

  function copyServer(failPart?: number) {
    return (req: { method?: string; url?: string; headers: Record<string, unknown> }): CannedResponse => {
      const url = req.url ?? '';
      if (req.method === 'HEAD')
        return {
          status: 200,
          headers: { 'content-length': String(size), 'content-type': 'video/mp4', 'x-amz-meta-owner': 'ann' },
        };
      if (req.method === 'POST' && url.includes('uploads'))
        return xml('<InitiateMultipartUploadResult><UploadId>CP1</UploadId></InitiateMultipartUploadResult>');
      if (req.method === 'PUT') {
        const part = Number(new URL(url, 'http://x').searchParams.get('partNumber'));
        if (part === failPart) return { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') };
        return xml(
          `<CopyPartResult><ETag>"etag-${part}"</ETag><LastModified>2024-01-01T00:00:00.000Z</LastModified></CopyPartResult>`,
        );
      }
      if (req.method === 'POST')
        return xml('<CompleteMultipartUploadResult><ETag>"final-3"</ETag></CompleteMultipartUploadResult>');
      if (req.method === 'DELETE') return { status: 204 };
      return { status: 400, body: s3ErrorXml('Unexpected', 'unexpected') };
    };
  }

  it('copies the ranges in parts, keeps the source metadata, and completes in part order', async () => {
    server.respondWith(copyServer());
    const client = await plugin.getConnection(source(), {}, false);
    const result = await copyObject(client, request, limits);
    expect(result).toEqual({
      ETag: '"final-3"',
      VersionId: undefined,
      ContentLength: size,
      Multipart: true,
      PartCount: 3,
    });

    const create = server.requests.find((r) => r.method === 'POST' && r.url.includes('uploads'));
    expect(create?.headers['content-type']).toBe('video/mp4');
    expect(create?.headers['x-amz-meta-owner']).toBe('ann');
    const parts = server.requests.filter((r) => r.method === 'PUT');
    expect(parts.map((r) => r.headers['x-amz-copy-source-range']).sort()).toEqual([
      'bytes=0-5242879',
      'bytes=10485760-12582911',
      'bytes=5242880-10485759',
    ]);
    expect(parts[0].headers['x-amz-copy-source']).toBe('src/videos/big%20clip.mp4');
    const complete = server.requests.find((r) => r.method === 'POST' && r.url.includes('uploadId=CP1'));
    expect(complete?.body.replace(/\s/g, '')).toContain(
      '<Part><ETag>&quot;etag-1&quot;</ETag><PartNumber>1</PartNumber></Part><Part><ETag>&quot;etag-2&quot;</ETag><PartNumber>2</PartNumber></Part><Part><ETag>&quot;etag-3&quot;</ETag><PartNumber>3</PartNumber></Part>',
    );
    client.destroy();
  });

  it('aborts the multipart copy when a part fails', async () => {
    server.respondWith(copyServer(2));
    const client = await plugin.getConnection(source(), {}, false);
    await expect(copyObject(client, request, limits)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(summary()).toContain('DELETE /dst/copy.mp4?uploadId=CP1&x-id=AbortMultipartUpload');
    expect(summary().some((line) => line.startsWith('POST /dst/copy.mp4?uploadId'))).toBe(false);
    client.destroy();
  });
});

describe('move_object when the delete fails after the copy', () => {
  it('reports that both objects now exist', async () => {
    server.respondWith((req) => {
      if (req.method === 'HEAD') return { status: 200, headers: { 'content-length': '5' } };
      if (req.method === 'PUT') return xml('<CopyObjectResult><ETag>"e"</ETag></CopyObjectResult>');
      return { status: 403, body: s3ErrorXml('AccessDenied', 'Access Denied') };
    });
    const error = await queryError(
      plugin.run(
        source(),
        { operation: 'move_object', sourceBucket: 'bkt', sourceKey: 'a.txt', destinationKey: 'b.txt' },
        'move-half',
      ),
    );
    expect(error.message).toMatch(
      /^Copied 'a.txt' to 'b.txt' in bucket 'bkt', but the source could not be deleted .*Both objects exist now/,
    );
    expect(error.data).toMatchObject({ code: 'MovePartlyDone', copied: true, deleted: false });
  });
});
