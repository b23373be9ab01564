/**
 * CompleteMultipartUpload with its part list written a slice at a time. The SDK's serializer
 * writes the XML for 10,000 parts in one stretch (over 100 ms of one event-loop turn), so the
 * command goes out with this body in place of the serializer's: the same XML, byte for byte
 * (a unit test compares them).
 */
import { CompleteMultipartUploadCommand, CompleteMultipartUploadCommandOutput, S3Client } from '@aws-sdk/client-s3';
import { HttpRequest } from '@smithy/core/protocols';
import { mapInSlices } from '../../time-slices.js';
import { CompletedPart } from '../shared/part-lists.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (text: string): string => text.replace(/[&<>"']/g, (character) => ENTITIES[character]);

/** The request body, as the SDK's serializer writes it. */
export async function completionXml(parts: readonly CompletedPart[]): Promise<string> {
  const entries = await mapInSlices(
    parts,
    (part) => `<Part><ETag>${escapeXml(part.ETag)}</ETag><PartNumber>${part.PartNumber}</PartNumber></Part>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${entries.join('')}</CompleteMultipartUpload>`;
}

export async function sendCompletion(
  client: S3Client,
  upload: { Bucket: string; Key: string; UploadId: string; IfNoneMatch?: string; IfMatch?: string },
  parts: readonly CompletedPart[],
): Promise<CompleteMultipartUploadCommandOutput> {
  const body = Buffer.from(await completionXml(parts));
  // The serializer gets no parts (nothing to write), then its body is replaced with the one written above.
  const command = new CompleteMultipartUploadCommand({ ...upload, MultipartUpload: { Parts: [] } });
  command.middlewareStack.addRelativeTo(
    ((next: (args: { request: HttpRequest }) => Promise<unknown>) => (args: { request: HttpRequest }) => {
      args.request.body = body;
      args.request.headers['content-length'] = String(body.length);
      return next(args);
    }) as never,
    { relation: 'after', toMiddleware: 'serializerMiddleware', name: 'slicedCompletionBody' },
  );
  return client.send(command);
}
