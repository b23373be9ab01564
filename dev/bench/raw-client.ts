/** The raw-SDK baseline: a plain S3Client for the embedded server, with the same checksum settings as the plugin. */
import { S3Client } from '@aws-sdk/client-s3';
import { EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY, embeddedDataSource } from '../embedded-s3/server.js';

export function rawClient(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: EMBEDDED_SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** A data source for the plugin pointing at the embedded server. */
export function benchSource(endpoint: string): Record<string, unknown> {
  return embeddedDataSource(endpoint, { max_read_size: '1024' });
}
