/** The completion body written a slice at a time is the SDK serializer's XML, byte for byte. */
import { CompleteMultipartUploadCommand, S3Client } from '@aws-sdk/client-s3';
import { completionXml } from '../../lib/operations/multipart/completion-body.js';

/** The body the SDK's own serializer writes for these parts (captured, the request never sent). */
async function sdkBody(parts: Array<{ PartNumber: number; ETag: string }>): Promise<string> {
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const command = new CompleteMultipartUploadCommand({
    Bucket: 'bkt',
    Key: 'k',
    UploadId: 'u',
    MultipartUpload: { Parts: parts },
  });
  let body = '';
  command.middlewareStack.addRelativeTo(
    (() => async (args: { request: { body: unknown } }) => {
      body = String(args.request.body);
      throw new Error('captured');
    }) as never,
    { relation: 'after', toMiddleware: 'serializerMiddleware', name: 'capture' },
  );
  await client.send(command).catch(() => undefined);
  return body;
}

it.each([
  ['one part', [{ PartNumber: 1, ETag: '"0123456789abcdef0123456789abcdef"' }]],
  [
    'ETags with every character XML escapes',
    [
      { PartNumber: 1, ETag: `"a&b<c>'d"` },
      { PartNumber: 2, ETag: 'plain-etag-2' },
    ],
  ],
  ['10,000 parts', Array.from({ length: 10_000 }, (_, i) => ({ PartNumber: i + 1, ETag: `"${i.toString(16)}"` }))],
])('%s: the same XML as the SDK serializer', async (_name, parts) => {
  expect(await completionXml(parts)).toBe(await sdkBody(parts));
});
