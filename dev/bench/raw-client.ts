/** The raw-SDK baseline: a plain S3Client for a bench server's user, with the same checksum settings as the plugin. */
import { S3Client } from '@aws-sdk/client-s3';

export function rawClient(source: Record<string, unknown>): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: source.endpoint as string,
    forcePathStyle: true,
    credentials: { accessKeyId: source.access_key as string, secretAccessKey: source.secret_key as string },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
