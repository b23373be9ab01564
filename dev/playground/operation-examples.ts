/**
 * An example query for every operation, as the query form's text fields hold it, in an order where
 * each can use what the earlier ones made. `npm run demo` runs them all; the browser tests run each
 * through the playground page. A new operation without an example here fails those tests.
 */
import { randomBytes } from 'node:crypto';
import type { OperationName } from '../../lib/operations/table.js';
import { DEMO_BUCKET } from './demo-content.js';

/** Form values: text, as the app builder's fields hold them ('true' for a toggle that is on). */
export type FormValues = Record<string, string>;

/** What an example's setup may do before its own query: run other queries, PUT bytes to a signed URL. */
export interface ExampleTools {
  /** Runs a query (setup, not the example) and returns its data; rejects with the failure's message. */
  run(query: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export interface Example {
  operation: OperationName;
  /** The example's query (its setup runs first). */
  query(tools: ExampleTools, made: Made): Promise<FormValues> | FormValues;
}

/** Names the examples make and later ones use. */
export interface Made {
  bucket: string;
  /** A bucket the examples create (CORS rules are changed there, never on the demo bucket). */
  newBucket: string;
}

const HELLO = 'examples/hello.txt';

/** Starts a multipart upload and, given a `part`, sends it as part 1: the upload's target and that part's ETag. */
async function startedUpload(tools: ExampleTools, bucket: string, key: string, part?: string) {
  const started = await tools.run({
    operation: 'create_multipart_upload',
    bucket,
    key,
    fileSize: part?.length ?? 1,
  });
  const target = { bucket, key, uploadId: String(started.UploadId) };
  if (part === undefined) return { target };
  const signed = await tools.run({ operation: 'signed_urls_for_parts', ...target, partNumbers: '1' });
  const [{ Url }] = signed.Urls as Array<{ Url: string }>;
  const answer = await fetch(Url, { method: 'PUT', body: part });
  if (!answer.ok) throw new Error(`the part upload was refused: HTTP ${answer.status}`);
  return { target, sent: { PartNumber: 1, ETag: answer.headers.get('etag') ?? '' } };
}

/** The version before the current one of `key`, or 'null' where the server keeps no versions. */
async function olderVersion(tools: ExampleTools, bucket: string, key: string): Promise<string> {
  const listed = await tools.run({ operation: 'list_object_versions', bucket, key }).catch(() => undefined);
  const versions = (listed?.Versions ?? []) as Array<{ VersionId: string; IsLatest: boolean }>;
  return versions.find((version) => !version.IsLatest)?.VersionId ?? 'null';
}

export function operationExamples(): Example[] {
  return [
    { operation: 'list_buckets', query: () => ({}) },
    { operation: 'list_objects', query: (_tools, { bucket }) => ({ bucket, prefix: '', delimiter: '/' }) },
    {
      operation: 'upload_object',
      query: (_tools, { bucket }) => ({ bucket, key: HELLO, data: 'Hello, S3!', contentType: 'text/plain' }),
    },
    { operation: 'get_object', query: (_tools, { bucket }) => ({ bucket, key: HELLO }) },
    { operation: 'head_object', query: (_tools, { bucket }) => ({ bucket, key: HELLO }) },
    {
      operation: 'copy_object',
      query: (_tools, { bucket }) => ({
        sourceBucket: bucket,
        sourceKey: HELLO,
        destinationBucket: bucket,
        destinationKey: 'examples/copy.txt',
      }),
    },
    {
      operation: 'move_object',
      query: (_tools, { bucket }) => ({
        sourceBucket: bucket,
        sourceKey: 'examples/copy.txt',
        destinationBucket: bucket,
        destinationKey: 'examples/moved.txt',
      }),
    },
    { operation: 'remove_object', query: (_tools, { bucket }) => ({ bucket, key: 'examples/moved.txt' }) },
    {
      operation: 'remove_objects',
      query: async (tools, { bucket }) => {
        for (const key of ['examples/a.txt', 'examples/b.txt'])
          await tools.run({ operation: 'upload_object', bucket, key, data: key });
        return { bucket, keys: JSON.stringify(['examples/a.txt', 'examples/b.txt']) };
      },
    },
    {
      operation: 'create_folder',
      query: (_tools, { bucket }) => ({ bucket, prefix: 'examples/new-folder/', keepExisting: 'true' }),
    },
    {
      operation: 'copy_folder',
      query: (_tools, { bucket }) => ({ bucket, sourcePrefix: 'data/', destinationPrefix: 'examples/data-copy/' }),
    },
    {
      operation: 'move_folder',
      query: (_tools, { bucket }) => ({
        bucket,
        sourcePrefix: 'examples/data-copy/',
        destinationPrefix: 'examples/data-moved/',
      }),
    },
    { operation: 'delete_folder', query: (_tools, { bucket }) => ({ bucket, prefix: 'examples/data-moved/' }) },
    { operation: 'create_bucket', query: (_tools, { newBucket }) => ({ bucket: newBucket }) },
    {
      operation: 'signed_url_for_get',
      query: (_tools, { bucket }) => ({ bucket, key: 'data/report.json', expiresIn: '300' }),
    },
    {
      operation: 'signed_url_for_put',
      query: (_tools, { bucket }) => ({ bucket, key: 'examples/put.txt', contentType: 'text/plain' }),
    },
    {
      operation: 'signed_post_for_upload',
      query: (_tools, { bucket }) => ({ bucket, keyPrefix: 'examples/forms/', maxSizeBytes: '1048576' }),
    },
    {
      operation: 'create_multipart_upload',
      query: (_tools, { bucket }) => ({ bucket, key: 'examples/big.bin', fileSize: '20000000' }),
    },
    {
      operation: 'signed_urls_for_parts',
      query: async (tools, { bucket }) => ({
        ...(await startedUpload(tools, bucket, 'examples/parts.bin')).target,
        partNumbers: '1-2',
      }),
    },
    {
      operation: 'complete_multipart_upload',
      query: async (tools, { bucket }) => {
        const { target, sent } = await startedUpload(tools, bucket, 'examples/done.bin', 'one part');
        return { ...target, parts: JSON.stringify([sent]) };
      },
    },
    {
      operation: 'abort_multipart_upload',
      query: async (tools, { bucket }) => (await startedUpload(tools, bucket, 'examples/aborted.bin')).target,
    },
    {
      operation: 'list_upload_parts',
      query: async (tools, { bucket }) =>
        (await startedUpload(tools, bucket, 'examples/listed.bin', 'first part')).target,
    },
    { operation: 'list_multipart_uploads', query: (_tools, { bucket }) => ({ bucket }) },
    { operation: 'put_bucket_versioning', query: (_tools, { bucket }) => ({ bucket, status: 'Enabled' }) },
    { operation: 'get_bucket_versioning', query: (_tools, { bucket }) => ({ bucket }) },
    {
      operation: 'list_object_versions',
      query: async (tools, { bucket }) => {
        for (const data of ['first version', 'second version'])
          await tools.run({ operation: 'upload_object', bucket, key: 'examples/versioned.txt', data });
        return { bucket, key: 'examples/versioned.txt' };
      },
    },
    {
      operation: 'restore_object_version',
      query: async (tools, { bucket }) => ({
        bucket,
        key: 'examples/versioned.txt',
        versionId: await olderVersion(tools, bucket, 'examples/versioned.txt'),
      }),
    },
    {
      operation: 'put_bucket_cors',
      query: (_tools, { newBucket }) => ({ bucket: newBucket, preset: 'browser-uploads', allowedOrigins: '*' }),
    },
    { operation: 'get_bucket_cors', query: (_tools, { newBucket }) => ({ bucket: newBucket }) },
    { operation: 'delete_bucket_cors', query: (_tools, { newBucket }) => ({ bucket: newBucket }) },
    {
      operation: 'put_object_tagging',
      query: (_tools, { bucket }) => ({ bucket, key: HELLO, tags: '{"project": "demo", "status": "draft"}' }),
    },
    { operation: 'get_object_tagging', query: (_tools, { bucket }) => ({ bucket, key: HELLO }) },
    { operation: 'delete_object_tagging', query: (_tools, { bucket }) => ({ bucket, key: HELLO }) },
    {
      operation: 'put_bucket_lifecycle',
      query: (_tools, { newBucket }) => ({ bucket: newBucket, rule: 'abort-incomplete-uploads', days: '7' }),
    },
    { operation: 'get_bucket_lifecycle', query: (_tools, { newBucket }) => ({ bucket: newBucket }) },
    { operation: 'delete_bucket_lifecycle', query: (_tools, { newBucket }) => ({ bucket: newBucket }) },
    {
      // Last: the bucket the examples created, with an object in it, emptied and deleted.
      operation: 'delete_bucket',
      query: async (tools, { newBucket }) => {
        await tools.run({ operation: 'upload_object', bucket: newBucket, key: 'left-behind.txt', data: 'bye' });
        return { bucket: newBucket, emptyFirst: 'true', confirmBucketName: newBucket };
      },
    },
  ];
}

/** The names a run of the examples uses: the demo bucket, and a new bucket of its own. */
export const exampleNames = (bucket = DEMO_BUCKET): Made => ({
  bucket,
  newBucket: `example-${randomBytes(4).toString('hex')}`,
});
