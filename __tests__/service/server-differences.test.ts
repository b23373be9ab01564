/**
 * What the two test servers do differently (SERVER_DIFFERENCES), each checked on the server
 * itself with the plain SDK, so the table stays true, and what the plugin makes of it.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { APP_PAGE_ORIGIN, multipartEtag, useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'differences';
const s3 = useS3Server([BUCKET]);
const { run, upload, read, fail } = serviceQueries(s3, 'differences-ds');

it(`suffix ranges (bytes=-5): ${s3.differences.suffixRange}`, async () => {
  await upload(BUCKET, 'range.txt', 'hello world');
  const raw = await s3.raw().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'range.txt', Range: 'bytes=-5' }));
  const text = await raw.Body?.transformToString();
  const data = await read(BUCKET, 'range.txt', { range: 'bytes=-5' });
  expect(data.Body).toBe(text);
  expect(text).toBe(s3.differences.suffixRange === 'last bytes' ? 'world' : 'hello ');
});

it(`copy sources with + & = in the key: ${s3.differences.copiesKeysWithPlusSigns ? 'copied' : 'not found'}`, async () => {
  await upload(BUCKET, 'a+b&c=d.txt', 'plus');
  const query = {
    operation: 'copy_object',
    sourceBucket: BUCKET,
    sourceKey: 'a+b&c=d.txt',
    destinationKey: 'copied+.txt',
  };
  if (s3.differences.copiesKeysWithPlusSigns) {
    await run(query);
    expect((await read(BUCKET, 'copied+.txt')).Body).toBe('plus');
  } else {
    // The plugin's HEAD finds the source; s3rver's copy then looks for 'a b&c=d.txt'.
    const error = await fail(query);
    expect(error.data.httpStatus).toBe(404);
  }
});

it(`CopyObject ETags come ${s3.differences.copyEtag}; the plugin returns them quoted`, async () => {
  await s3.raw().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'etag-src.txt', Body: 'etag' }));
  const raw = await s3
    .raw()
    .send(new CopyObjectCommand({ Bucket: BUCKET, Key: 'etag-raw.txt', CopySource: `${BUCKET}/etag-src.txt` }));
  expect(raw.CopyObjectResult?.ETag?.startsWith('"')).toBe(s3.differences.copyEtag === 'quoted');
  const copied = await run({
    operation: 'copy_object',
    sourceBucket: BUCKET,
    sourceKey: 'etag-src.txt',
    destinationKey: 'etag-plugin.txt',
  });
  expect(copied.ETag).toBe(`"${raw.CopyObjectResult?.ETag?.replace(/"/g, '')}"`);
});

it(`error responses ${s3.differences.requestIds ? 'carry' : 'carry no'} request id; the plugin keeps it when there is one`, async () => {
  const error = await fail({ operation: 'get_object', bucket: BUCKET, key: 'missing.txt' });
  expect(error.data.code).toBe('NoSuchKey');
  if (s3.differences.requestIds) expect(error.data.requestId).toMatch(/\S/);
  else expect(error.data.requestId).toBeUndefined();
});

it(`multipart completion ETags come ${s3.differences.multipartEtag}; the plugin reads them back`, async () => {
  const raw = s3.raw();
  const { UploadId } = await raw.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mp.bin' }));
  const part = await raw.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: 'mp.bin', UploadId, PartNumber: 1, Body: Buffer.alloc(1024, 1) }),
  );
  const done = await raw.send(
    new CompleteMultipartUploadCommand({
      Bucket: BUCKET,
      Key: 'mp.bin',
      UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
    }),
  );
  expect(done.ETag ? 'quoted' : 'empty').toBe(s3.differences.multipartEtag);
  const head = await run({ operation: 'head_object', bucket: BUCKET, key: 'mp.bin' });
  expect(head.ETag).toBe(multipartEtag(s3.differences, [Buffer.alloc(1024, 1)]));
});

it(`a folder holding only folders, in a delimited listing: ${s3.differences.foldersOfFolders}`, async () => {
  await upload(BUCKET, 'tree/top.txt', 'top');
  await upload(BUCKET, 'tree/deep/a/b.txt', 'deep');
  await upload(BUCKET, 'tree/flat/c.txt', 'flat');
  const data = await run({ operation: 'list_objects', bucket: BUCKET, prefix: 'tree/', delimiter: '/' });
  const folders = (data.CommonPrefixes ?? []).map((folder: { Prefix: string }) => folder.Prefix);
  expect(folders).toEqual(s3.differences.foldersOfFolders === 'listed' ? ['tree/deep/', 'tree/flat/'] : ['tree/flat/']);
});

it(`object versions: ${s3.differences.versioning}; the plugin refuses an answer that ignored versionId`, async () => {
  await s3.raw().send(new PutObjectCommand({ Bucket: BUCKET, Key: 'versions.txt', Body: 'current' }));
  const listing = await s3
    .raw()
    .send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: 'versions.txt' }))
    .then(
      (output) => output.Versions?.map((version) => version.VersionId),
      (error: { $metadata?: { httpStatusCode?: number } }) => error.$metadata?.httpStatusCode,
    );
  const raw = s3.raw().send(new GetObjectCommand({ Bucket: BUCKET, Key: 'versions.txt', VersionId: 'not-a-version' }));
  const query = { operation: 'get_object', bucket: BUCKET, key: 'versions.txt', versionId: 'not-a-version' };
  if (s3.differences.versioning === 'supported') {
    expect(listing).toEqual(['null']);
    await expect(raw).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect((await fail(query)).data).toMatchObject({ httpStatus: 404, versionId: 'not-a-version' });
  } else {
    expect(listing).toBe(405);
    // The current object, whatever version was asked for.
    expect(await (await raw).Body?.transformToString()).toBe('current');
    expect((await fail(query)).data).toMatchObject({ code: 'VersionIdIgnored' });
  }
});

it(`an allowed CORS preflight answers Access-Control-Allow-Origin: ${s3.differences.corsAllowOrigin}`, async () => {
  const origin = APP_PAGE_ORIGIN;
  await run({ operation: 'put_bucket_cors', bucket: BUCKET, preset: 'browser-uploads', allowedOrigins: origin });
  const response = await fetch(`${s3.endpoint()}/${s3.unsignedBucketPath(BUCKET)}/any.txt`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'PUT' },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('access-control-allow-origin')).toBe(
    s3.differences.corsAllowOrigin === '*' ? '*' : origin,
  );
  await run({ operation: 'delete_bucket_cors', bucket: BUCKET });
});

it(`object tags: ${s3.differences.objectTags}`, async () => {
  await upload(BUCKET, 'tags.txt', 'x', { tags: '{"a": "1"}' });
  const stored = await s3.raw().send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: 'tags.txt' }));
  const full = s3.differences.objectTags === 'full';
  expect(stored.TagSet).toEqual(full ? [{ Key: 'a', Value: '1' }] : []);
  const query = { operation: 'delete_object_tagging', bucket: BUCKET, key: 'tags.txt' };
  if (full) await expect(run(query)).resolves.toMatchObject({ Deleted: true });
  else expect((await fail(query)).data).toMatchObject({ code: 'NotImplemented' });
});

it(`conditional writes: ${s3.differences.conditionalWrites}; If-Match takes ETags ${s3.differences.ifMatchEtag}`, async () => {
  const raw = s3.raw();
  const outcome = (write: Promise<unknown>) =>
    write.then(
      () => 'written',
      (error: { name?: string }) => String(error.name),
    );
  const put = (key: string, condition: { IfNoneMatch?: string; IfMatch?: string }) =>
    outcome(raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'x', ...condition })));
  await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'cond.txt', Body: 'x' }));
  const { ETag } = await raw.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'cond.txt' }));
  const ignored = s3.differences.conditionalWrites === 'ignored';
  expect(await put('cond.txt', { IfNoneMatch: '*' })).toBe(ignored ? 'written' : 'PreconditionFailed');
  expect(await put('cond.txt', { IfMatch: '"0123456789abcdef0123456789abcdef"' })).toBe(
    ignored ? 'written' : 'PreconditionFailed',
  );
  const quotedTaken = { quoted: 'written', 'unquoted only': 'PreconditionFailed', ignored: 'written' };
  expect(await put('cond.txt', { IfMatch: ETag })).toBe(quotedTaken[s3.differences.ifMatchEtag]);
  expect(await put('cond.txt', { IfMatch: ETag?.replace(/"/g, '') })).toBe('written');

  // A completion over an existing object, with If-None-Match: *.
  const { UploadId } = await raw.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'cond.txt' }));
  const part = await raw.send(
    new UploadPartCommand({ Bucket: BUCKET, Key: 'cond.txt', UploadId, PartNumber: 1, Body: 'part' }),
  );
  const completed = await outcome(
    raw.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: 'cond.txt',
        UploadId,
        IfNoneMatch: '*',
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    ),
  );
  expect(completed).toBe(s3.differences.conditionalWrites === 'checked' ? 'PreconditionFailed' : 'written');
});

it(`bucket lifecycle configuration: ${s3.differences.lifecycle}`, async () => {
  const read = await s3
    .raw()
    .send(new GetBucketLifecycleConfigurationCommand({ Bucket: BUCKET }))
    .then(
      () => 'configured',
      (error: { name?: string }) => String(error.name),
    );
  expect(read).toBe(s3.differences.lifecycle === 'supported' ? 'NoSuchLifecycleConfiguration' : 'NotImplemented');
});
