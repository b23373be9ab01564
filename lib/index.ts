import { S3Client } from '@aws-sdk/client-s3';
import { ConnectionTestResult, QueryError, QueryResult, QueryService } from '@tooljet-plugins/common';
import { createS3Client } from './connection/client.js';
import { clientFor } from './connection/client-cache.js';
import { assertEndpointWithoutBucket } from './connection/endpoint.js';
import { ConnectionSettings, parseConnectionSettings } from './connection/settings.js';
import { ErrorContext, toQueryError } from './errors/translate.js';
import { OPERATION_NAMES, OperationName, operationNamed, Target } from './operations/table.js';
import { resolveSource } from './connection/resolved-source.js';
import { secretsOf } from './errors/redaction.js';
import { checkConnection } from './connection/test-connection.js';
import { RawOptions } from './validation.js';

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
    assertEndpointWithoutBucket(settings.endpoint, input.bucket);
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
