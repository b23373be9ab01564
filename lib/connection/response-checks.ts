/**
 * Responses that are not what an S3 service sends, refused before they become results:
 * - a 2xx web page (a MinIO console port instead of the API port answers 200 with HTML, which
 *   the SDK parses as an empty result: "test connection ok", "0 deleted", an upload "stored");
 * - a 2xx answer to a command that returns an XML document, in another format;
 * - a response body far larger than any S3 answer to that command (a 110 MB "listing" took the
 *   process to 945 MB before); object bodies (GetObject) are bounded by the read limit instead.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { Transform } from 'node:stream';
import { Failure } from '../errors/failure.js';
import { formatBytes } from '../format-bytes.js';

/** Commands whose success response is an XML document. */
const XML_RESULTS = new Set([
  'ListBucketsCommand',
  'ListObjectsV2Command',
  'DeleteObjectsCommand',
  'CopyObjectCommand',
  'CreateMultipartUploadCommand',
  'CompleteMultipartUploadCommand',
  'UploadPartCopyCommand',
]);

/** Far beyond any S3 answer but an object body: a page of 1,000 keys of 1,024 bytes is about 1.5 MB. */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

interface Response {
  statusCode: number;
  headers: Record<string, string | undefined>;
  body?: unknown;
}

type Next = (args: unknown) => Promise<{ response: Response; output?: unknown }>;

export function notS3(what: string, details: Record<string, unknown> = {}): Failure {
  return new Failure(
    'NotS3Response',
    `This endpoint did not answer as an S3 service (${what}). Check that the endpoint is the S3 API address, not a web console or another service.`,
    details,
  );
}

/** Cuts a response body off once it exceeds the limit, with a clear error. */
function capped(limit: number, command: string): Transform {
  let received = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limit)
        return done(
          new Failure(
            'ResponseTooLarge',
            `The server's answer to ${command} is over ${formatBytes(limit)}, far more than S3 sends for it; refused to protect the server's memory.`,
            { limit },
          ),
        );
      done(null, chunk);
    },
  });
}

export function checkResponses(client: S3Client): void {
  // Innermost of the deserialize step: sees the raw response before the SDK parses it.
  client.middlewareStack.add(
    ((next: Next, context: { commandName?: string }) => async (args: unknown) => {
      const result = await next(args);
      const { response } = result;
      const command = context.commandName ?? 'the request';
      const body = response.body as { pipe?: (destination: Transform) => Transform } | undefined;
      const isObjectBody = command === 'GetObjectCommand' && response.statusCode < 300;
      if (!isObjectBody && typeof body?.pipe === 'function')
        response.body = body.pipe(capped(MAX_RESPONSE_BYTES, command));
      if (response.statusCode >= 200 && response.statusCode < 300 && command !== 'GetObjectCommand') {
        const type = response.headers['content-type'] ?? '';
        const length = Number(response.headers['content-length'] ?? 'NaN');
        if (/html/i.test(type)) throw notS3(`it sent a web page, ${type}`, { contentType: type });
        if (XML_RESULTS.has(command) && type && !/xml/i.test(type) && length !== 0)
          throw notS3(`it sent ${type} where S3 sends XML`, { contentType: type });
      }
      return result;
    }) as never,
    { step: 'deserialize', priority: 'low', name: 'checkResponses' },
  );
}
