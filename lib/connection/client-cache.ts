/**
 * One S3Client per data source, reused across queries: building a client (credential
 * chain, endpoint resolution, socket pool) per query is what makes the old plugin slow.
 * The cached client is replaced when the data source is updated or its options change.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { cacheConnection, getCachedConnection } from '@tooljet-plugins/common';
import { createS3Client } from './client.js';
import { ResolvedSource } from './resolved-source.js';

interface CachedClient {
  client: S3Client;
  fingerprint: string;
}

export async function clientFor(
  source: ResolvedSource,
  dataSourceId?: string,
  dataSourceUpdatedAt?: string,
): Promise<S3Client> {
  if (!dataSourceId) return createS3Client(source.settings);
  const cached = getCachedConnection(dataSourceId, dataSourceUpdatedAt) as CachedClient | null;
  if (cached && cached.fingerprint === source.fingerprint) return cached.client;
  const client = await createS3Client(source.settings);
  cacheConnection(dataSourceId, { client, fingerprint: source.fingerprint } satisfies CachedClient);
  return client;
}
