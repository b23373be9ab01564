import { S3Client } from '@aws-sdk/client-s3';
import {
  cacheConnection,
  ConnectionTestResult,
  getCachedConnection,
  QueryError,
  QueryResult,
  QueryService,
} from '@tooljet-plugins/common';
import { createS3Client } from './client';
import { assertEndpointWithoutBucket, ConnectionSettings, parseConnectionSettings } from './connection-settings';
import { ErrorContext, toQueryError } from './errors';
import { OPERATION_NAMES, OperationName, operationNamed, Target } from './operations';
import { ResolvedSource, resolveSource } from './resolved-source';
import { secretsOf } from './secrets';
import { checkConnection } from './test-connection';
import { RawOptions } from './validation';

interface CachedClient {
  client: S3Client;
  fingerprint: string;
}

export default class S3QueryService implements QueryService {
  async run(
    sourceOptions: RawOptions,
    queryOptions: RawOptions,
    dataSourceId?: string,
    dataSourceUpdatedAt?: string,
  ): Promise<QueryResult> {
    const operationName = parseOperationName(queryOptions);
    const operation = operationNamed(operationName);
    // Everything is validated before a client exists, so bad input never reaches the network.
    const input = operation.parse(queryOptions);
    const source = resolveSource(sourceOptions);
    const { settings } = source;
    assertEndpointWithoutBucket(settings, input.bucket);
    const client = await clientFor(source, dataSourceId, dataSourceUpdatedAt);
    try {
      const context = { region: settings.region, maxReadBytes: settings.maxReadMegabytes * 1024 * 1024 };
      return { status: 'ok', data: await operation.run(client, input, context) };
    } catch (error) {
      throw toQueryError(error, errorContext(operationName, input, settings), secretsOf(sourceOptions));
    }
  }

  async testConnection(sourceOptions: RawOptions): Promise<ConnectionTestResult> {
    let settings: ConnectionSettings | undefined;
    let client: S3Client | undefined;
    try {
      settings = parseConnectionSettings(sourceOptions);
      client = await createS3Client(settings);
      return await checkConnection(client, settings);
    } catch (error) {
      const context = settings ? errorContext('test_connection', { bucket: settings.testBucket }, settings) : undefined;
      const translated = context ? toQueryError(error, context, secretsOf(sourceOptions)) : (error as Error);
      return { status: 'failed', message: translated.message };
    } finally {
      client?.destroy();
    }
  }

  /** The data source's S3Client (cached per data source unless `checkCache` is false). */
  async getConnection(
    sourceOptions: RawOptions,
    _options?: unknown,
    checkCache = true,
    dataSourceId?: string,
    dataSourceUpdatedAt?: string,
  ): Promise<S3Client> {
    const source = resolveSource(sourceOptions);
    return checkCache ? clientFor(source, dataSourceId, dataSourceUpdatedAt) : createS3Client(source.settings);
  }
}

/**
 * One S3Client per data source, reused across queries: building a client (credential
 * chain, endpoint resolution, socket pool) per query is what makes the old plugin slow.
 * The cached client is replaced when the data source is updated or its options change.
 */
async function clientFor(
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

function parseOperationName(queryOptions: RawOptions): OperationName {
  const value = typeof queryOptions.operation === 'string' ? queryOptions.operation.trim() : '';
  const name = OPERATION_NAMES.find((candidate) => candidate === value);
  if (!name) {
    const message = value
      ? `Invalid 'operation': '${value}' is not an operation of this plugin. Allowed operations: ${OPERATION_NAMES.join(', ')}.`
      : `'operation' is required: choose one of ${OPERATION_NAMES.join(', ')}.`;
    throw new QueryError(message, message, { code: 'InvalidOption', field: 'operation', allowed: OPERATION_NAMES });
  }
  return name;
}

function errorContext(operation: string, target: Target, settings: ConnectionSettings): ErrorContext {
  const host = settings.endpoint ? new URL(settings.endpoint).host : `s3.${settings.region}.amazonaws.com`;
  return {
    operation,
    bucket: target.bucket,
    key: target.key,
    host,
    region: settings.region,
    connectionTimeoutSeconds: settings.connectionTimeoutSeconds,
    requestTimeoutSeconds: settings.requestTimeoutSeconds,
  };
}

export { S3QueryService };
