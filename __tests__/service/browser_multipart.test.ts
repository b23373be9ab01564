/**
 * Browser-direct multipart uploads: the plugin starts, signs, completes, aborts and lists; the
 * parts go up here as a browser sends them, plain HTTP PUTs of byte ranges to the signed URLs
 * (the Chromium version of this is in __tests__/browser/playground.test.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { multipartEtag, useS3Server } from '../support/s3-server.js';
import { Data, serviceQueries } from '../support/service-queries.js';

const BUCKET = 'browser-parts';
const MIB = 1024 * 1024;
const s3 = useS3Server([BUCKET]);
const { run, read, fail } = serviceQueries(s3, 'browser-multipart-ds');

/** PUTs each planned part of `file` to its signed URL, as a browser's fetch would; the parts with their ETags. */
async function sendParts(file: Buffer, plan: Data, signed: Data): Promise<Array<{ PartNumber: number; ETag: string }>> {
  return Promise.all(
    signed.Urls.map(async ({ PartNumber, Url }: { PartNumber: number; Url: string }) => {
      const part = plan.Parts[PartNumber - 1];
      const response = await fetch(Url, { method: 'PUT', body: new Uint8Array(file.subarray(part.Start, part.End)) });
      expect(response.status).toBe(200);
      return { PartNumber, ETag: response.headers.get('etag') as string };
    }),
  );
}

const start = (key: string, fileSize: number, extra: Record<string, unknown> = {}) =>
  run({ operation: 'create_multipart_upload', bucket: BUCKET, key, fileSize, partSizeBytes: 5 * MIB, ...extra });
const sign = (key: string, uploadId: string, partNumbers: string) =>
  run({ operation: 'signed_urls_for_parts', bucket: BUCKET, key, uploadId, partNumbers, expiresIn: 900 });

it('a file sent in parts through signed URLs is stored byte-identical, with its content type and metadata', async () => {
  const file = randomBytes(11 * MIB + 123);
  const key = 'videos/holiday 2026.mp4';
  const plan = await start(key, file.length, { contentType: 'video/mp4', metadata: '{"owner": "ada"}' });
  expect(plan).toMatchObject({ Bucket: BUCKET, Key: key, PartSize: 5 * MIB, PartCount: 3, FileSize: file.length });
  expect(plan.UploadId).toEqual(expect.any(String));
  expect(plan.Parts.map((part: Data) => part.Size)).toEqual([5 * MIB, 5 * MIB, MIB + 123]);

  const signed = await sign(key, plan.UploadId, `1-${plan.PartCount}`);
  expect(signed).toMatchObject({ Method: 'PUT', ExpiresIn: 900 });
  expect(signed.Urls.map((entry: Data) => entry.PartNumber)).toEqual([1, 2, 3]);
  const parts = await sendParts(file, plan, signed);

  // In any order, ETags as the browser read them: the plugin sorts and checks them.
  const done = await run({
    operation: 'complete_multipart_upload',
    bucket: BUCKET,
    key,
    uploadId: plan.UploadId,
    parts: JSON.stringify(parts.reverse()),
  });
  const slices = plan.Parts.map((part: Data) => file.subarray(part.Start, part.End));
  expect(done).toMatchObject({ Bucket: BUCKET, Key: key, PartCount: 3, ETag: multipartEtag(s3.differences, slices) });

  const stored = await read(BUCKET, key, { decodeAs: 'base64' });
  expect(stored.ContentType).toBe('video/mp4');
  expect(stored.Metadata).toEqual({ owner: 'ada' });
  const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');
  expect(md5(Buffer.from(stored.Body, 'base64'))).toBe(md5(file));
});

const notImplementedHere = async (query: Record<string, unknown>) => {
  const error = await fail(query);
  expect(error.data.httpStatus === 405 || error.data.code === 'NotImplemented').toBe(true);
  return error;
};

it(`an interrupted upload resumes with the parts S3 has (${s3.differences.managesUploads ? 'listed by the server' : 'kept by the page: this server cannot list them'})`, async () => {
  const file = randomBytes(10 * MIB + 1);
  const key = 'resumable/big.bin';
  const plan = await start(key, file.length);
  expect(plan.PartCount).toBe(3);
  const sent = await sendParts(file, plan, await sign(key, plan.UploadId, '1,2'));

  const listing = { operation: 'list_upload_parts', bucket: BUCKET, key, uploadId: plan.UploadId };
  let held: Array<{ PartNumber: number; ETag: string }> = sent;
  if (s3.differences.managesUploads) {
    const listed = await run(listing);
    expect(listed).toMatchObject({ PartCount: 2, Size: 10 * MIB });
    expect(listed.Parts.map((part: Data) => part.PartNumber)).toEqual([1, 2]);
    expect(listed.Parts.map((part: Data) => part.ETag)).toEqual(sent.map((part) => part.ETag));
    held = listed.Parts;
  } else await notImplementedHere(listing);

  const rest = await sendParts(file, plan, await sign(key, plan.UploadId, '3'));
  await run({
    operation: 'complete_multipart_upload',
    bucket: BUCKET,
    key,
    uploadId: plan.UploadId,
    parts: [...held, ...rest],
  });
  const stored = await read(BUCKET, key, { decodeAs: 'base64' });
  expect(Buffer.from(stored.Body, 'base64').equals(file)).toBe(true);
});

it(`an aborted upload leaves no parts: it cannot be completed, and is no longer listed${s3.differences.managesUploads ? '' : ' (this server: abort is a clear error)'}`, async () => {
  const file = randomBytes(6 * MIB);
  const key = 'aborted/file.bin';
  const plan = await start(key, file.length);
  const parts = await sendParts(file, plan, await sign(key, plan.UploadId, '1-2'));
  const uploads = { operation: 'list_multipart_uploads', bucket: BUCKET, prefix: 'aborted/' };
  if (s3.differences.managesUploads)
    expect((await run(uploads)).Uploads.map((upload: Data) => upload.UploadId)).toContain(plan.UploadId);

  const abort = { operation: 'abort_multipart_upload', bucket: BUCKET, key, uploadId: plan.UploadId };
  if (!s3.differences.managesUploads) {
    expect((await notImplementedHere(abort)).message).toMatch(
      /does not allow abort_multipart_upload .*may lack the feature/,
    );
    expect((await notImplementedHere(uploads)).message).toMatch(/does not implement list_multipart_uploads/);
    return;
  }
  expect(await run(abort)).toEqual({ Bucket: BUCKET, Key: key, UploadId: plan.UploadId, Aborted: true });
  const complete = { operation: 'complete_multipart_upload', bucket: BUCKET, key, uploadId: plan.UploadId, parts };
  // S3 answers NoSuchUpload; RGW an InternalError: either way it is refused.
  expect((await fail(complete)).data.httpStatus).toBeGreaterThanOrEqual(400);
  expect((await fail({ operation: 'head_object', bucket: BUCKET, key })).data.httpStatus).toBe(404);
  const gone = await fail({ operation: 'list_upload_parts', bucket: BUCKET, key, uploadId: plan.UploadId });
  expect(gone.data).toMatchObject({ code: s3.differences.goneUploadCode, httpStatus: 404 });
  expect(gone.message).toMatch(
    /multipart upload for 'aborted\/file.bin' .* does not exist: it was completed or aborted/,
  );
  expect((await run(uploads)).Uploads).toEqual([]);
});

it(`incomplete uploads are listed with their age, and olderThanHours leaves out recent ones${s3.differences.managesUploads ? '' : ' (this server: a clear error)'}`, async () => {
  const plan = await start('stale/a.bin', 0);
  expect(plan.Parts).toBeUndefined();
  expect(plan.PartSize).toBe(5 * MIB);
  const query = { operation: 'list_multipart_uploads', bucket: BUCKET, prefix: 'stale/' };
  if (s3.differences.managesUploads) {
    const listed = await run(query);
    expect(listed).toMatchObject({ Bucket: BUCKET, Prefix: 'stale/', IsTruncated: false });
    const upload = listed.Uploads.find((entry: Data) => entry.UploadId === plan.UploadId);
    expect(upload).toMatchObject({ Key: 'stale/a.bin' });
    expect(upload.AgeSeconds).toBeGreaterThanOrEqual(0);
    expect(upload.AgeSeconds).toBeLessThan(600);
    expect((await run({ ...query, olderThanHours: 1 })).Uploads).toEqual([]);
  } else {
    const error = await notImplementedHere(query);
    expect(error.data).toMatchObject({ code: 'NotImplemented', httpStatus: 501 });
    return;
  }
  await run({ operation: 'abort_multipart_upload', bucket: BUCKET, key: 'stale/a.bin', uploadId: plan.UploadId });
});

it(`completing with an ETag that is not the part's ${s3.differences.checksPartEtags ? 'fails with a message that says what to do' : 'is taken by this server'}`, async () => {
  const file = randomBytes(5 * MIB + 10);
  const key = 'wrong-etag/file.bin';
  const plan = await start(key, file.length);
  const parts = await sendParts(file, plan, await sign(key, plan.UploadId, '1-2'));
  const query = {
    operation: 'complete_multipart_upload',
    bucket: BUCKET,
    key,
    uploadId: plan.UploadId,
    parts: [parts[0], { PartNumber: 2, ETag: '"00000000000000000000000000000000"' }],
  };
  if (s3.differences.checksPartEtags) {
    const error = await fail(query);
    expect(error.data).toMatchObject({ code: 'InvalidPart', httpStatus: 400 });
    expect(error.message).toMatch(/list_upload_parts/);
    await run({ operation: 'abort_multipart_upload', bucket: BUCKET, key, uploadId: plan.UploadId });
  } else {
    expect((await run(query)).PartCount).toBe(2);
  }
});

describe('options are checked before any request', () => {
  const upload = { bucket: BUCKET, key: 'x.bin', uploadId: 'abc' };
  it.each([
    ['signed_urls_for_parts', { ...upload, partNumbers: '3-1' }, 'partNumbers', /runs backwards/],
    ['signed_urls_for_parts', { ...upload, partNumbers: '0' }, 'partNumbers', /1 to 10,000/],
    ['signed_urls_for_parts', { ...upload, partNumbers: '1-10001' }, 'partNumbers', /1 to 10,000/],
    ['signed_urls_for_parts', { ...upload, partNumbers: '' }, 'partNumbers', /required/],
    ['signed_urls_for_parts', { ...upload, uploadId: 'has space', partNumbers: '1' }, 'uploadId', /UploadId/],
    ['complete_multipart_upload', { ...upload, parts: '[]' }, 'parts', /at least one part/],
    [
      'complete_multipart_upload',
      {
        ...upload,
        parts: [
          { PartNumber: 1, ETag: '"a"' },
          { partNumber: 1, etag: 'b' },
        ],
      },
      'parts',
      /part 1 twice/,
    ],
    ['complete_multipart_upload', { ...upload, parts: [{ PartNumber: 2 }] }, 'parts', /part 2\) needs the ETag/],
    ['complete_multipart_upload', { ...upload, parts: '{"PartNumber": 1}' }, 'parts', /JSON array/],
    ['create_multipart_upload', { bucket: BUCKET, key: 'x', partSizeBytes: 1024 }, 'partSizeBytes', /5,242,880/],
  ])('%s with %j is refused naming %s', async (operation, options, field, message) => {
    const error = await fail({ operation, ...options });
    expect(error.data).toMatchObject({ field });
    expect(error.message).toMatch(message);
  });
});
