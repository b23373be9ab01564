/**
 * Conditional writes: ifNoneMatch '*' (create only) and ifMatch (replace only the version read) on
 * upload_object, its multipart path (the condition rides on the completion) and
 * complete_multipart_upload. Where the server ignores the condition (SERVER_DIFFERENCES), the
 * write happens and the test says so.
 */
import { CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'conditions';
const s3 = useS3Server([BUCKET]);
const { run, fail, upload, read } = serviceQueries(s3, 'conditional-writes-ds');
const { conditionalWrites } = s3.differences;
const checksPut = conditionalWrites !== 'ignored';
const checksCompletion = conditionalWrites === 'checked';

it(`ifNoneMatch '*' creates, then refuses to overwrite (${conditionalWrites})`, async () => {
  const created = await upload(BUCKET, 'settings.json', '{"v": 1}', { ifNoneMatch: '*' });
  const second = {
    operation: 'upload_object',
    bucket: BUCKET,
    key: 'settings.json',
    data: '{"v": 2}',
    ifNoneMatch: '*',
  };
  if (checksPut) {
    const refused = await fail(second);
    expect(refused.data).toMatchObject({ code: 'PreconditionFailed', httpStatus: 412, currentETag: created.ETag });
    expect(refused.message).toBe(
      `'settings.json' in bucket 'conditions' already exists (ETag ${created.ETag}): ifNoneMatch '*' only creates. Nothing was written.`,
    );
    expect((await read(BUCKET, 'settings.json')).Body).toBe('{"v": 1}');
  } else {
    await run(second);
    expect((await read(BUCKET, 'settings.json')).Body).toBe('{"v": 2}');
  }
});

it(`ifMatch replaces only the version read; a stale ETag is refused naming the current one (${conditionalWrites})`, async () => {
  const first = await upload(BUCKET, 'shared.json', 'first');
  const saved = await upload(BUCKET, 'shared.json', 'second', { ifMatch: first.ETag });
  expect((await read(BUCKET, 'shared.json')).Body).toBe('second');
  const stale = { operation: 'upload_object', bucket: BUCKET, key: 'shared.json', data: 'third', ifMatch: first.ETag };
  if (checksPut) {
    const refused = await fail(stale);
    expect(refused.data).toMatchObject({ code: 'PreconditionFailed', currentETag: saved.ETag });
    expect(refused.message).toMatch(
      /^'shared.json' in bucket 'conditions' changed since you read it \(ETag "[0-9a-f]{32}"; it is now "[0-9a-f]{32}"\); read it again and retry/,
    );
    expect((await read(BUCKET, 'shared.json')).Body).toBe('second');
  } else {
    await run(stale);
    expect((await read(BUCKET, 'shared.json')).Body).toBe('third');
  }
});

it(`a large upload (multipart) carries ifNoneMatch on its completion (${conditionalWrites})`, async () => {
  await upload(BUCKET, 'big.bin', 'small first');
  const big = {
    operation: 'upload_object',
    bucket: BUCKET,
    key: 'big.bin',
    data: 'x'.repeat(17 * 1024 * 1024),
    ifNoneMatch: '*',
  };
  if (checksCompletion) {
    const refused = await fail(big);
    expect(refused.data).toMatchObject({ code: 'PreconditionFailed' });
    expect((await read(BUCKET, 'big.bin')).Body).toBe('small first');
  } else {
    expect(await run(big)).toMatchObject({ Multipart: true });
    expect((await run({ operation: 'head_object', bucket: BUCKET, key: 'big.bin' })).ContentLength).toBe(
      17 * 1024 * 1024,
    );
  }
});

it(`complete_multipart_upload takes ifNoneMatch (${conditionalWrites})`, async () => {
  await upload(BUCKET, 'parts.bin', 'already here');
  const { UploadId } = await s3.raw().send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'parts.bin' }));
  const part = await s3
    .raw()
    .send(new UploadPartCommand({ Bucket: BUCKET, Key: 'parts.bin', UploadId, PartNumber: 1, Body: 'one part' }));
  const query = {
    operation: 'complete_multipart_upload',
    bucket: BUCKET,
    key: 'parts.bin',
    uploadId: UploadId,
    parts: JSON.stringify([{ PartNumber: 1, ETag: part.ETag }]),
    ifNoneMatch: '*',
  };
  if (checksCompletion) {
    expect((await fail(query)).data).toMatchObject({ code: 'PreconditionFailed' });
    expect((await read(BUCKET, 'parts.bin')).Body).toBe('already here');
  } else {
    await run(query);
    expect((await read(BUCKET, 'parts.bin')).Body).toBe('one part');
  }
});

it('refuses a bad condition before any request, naming the field', async () => {
  const base = { operation: 'upload_object', bucket: 'no-such-bucket-here', key: 'k', data: 'x' };
  const cases = [
    [{ ifNoneMatch: '"abc"' }, 'ifNoneMatch', /must be \*/],
    [{ ifNoneMatch: '*', ifMatch: '"abc"' }, 'ifMatch', /cannot go with ifNoneMatch/],
    [{ ifMatch: 'a"b' }, 'ifMatch', /must be an ETag/],
  ] as const;
  for (const [condition, field, message] of cases) {
    const refused = await fail({ ...base, ...condition });
    expect(refused.data).toMatchObject({ code: 'InvalidOption', field });
    expect(refused.message).toMatch(message);
  }
});
