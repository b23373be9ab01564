/** A plain S3Client for a test or bench server's user, with the plugin's checksum settings: the raw-SDK baseline of the benchmarks, and what tests use to look behind the plugin. */
import { S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';

/** With `agent`, requests go through that socket pool (the SDK's default is keep-alive with 50 sockets too). */
export function rawClient(source: Record<string, unknown>, agent?: Agent): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: source.endpoint as string,
    forcePathStyle: true,
    credentials: { accessKeyId: source.access_key as string, secretAccessKey: source.secret_key as string },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(agent ? { requestHandler: new NodeHttpHandler({ httpAgent: agent }) } : {}),
  });
}
