/**
 * The query service the app builder runs: `run` for queries, `testConnection` for the connection
 * modal. Every failure, wherever it arises, leaves through one translation into a QueryError.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { ConnectionTestResult, QueryResult, QueryService } from '@tooljet-plugins/common';
import { createS3Client } from './connection/client.js';
import { leaseClient } from './connection/client-cache.js';
import { assertEndpointWithoutBucket } from './connection/endpoint.js';
import { resolveSource } from './connection/resolved-source.js';
import { ConnectionSettings } from './connection/settings.js';
import { checkConnection, withEndpointNote } from './connection/test-connection.js';
import { Failure, shown, shownIfAny } from './errors/failure.js';
import { secretsOf } from './errors/redaction.js';
import { ErrorContext, toQueryError, translateFailure } from './errors/translate.js';
import {
  isOperationName,
  OPERATION_NAMES,
  OperationName,
  operationNamed,
  RunContext,
  Target,
} from './operations/table.js';
import { withDataSourceBucket } from './operations/shared/data-source-bucket.js';
import { RawOptions } from './validation.js';

export default class S3QueryService implements QueryService {
  async run(
    sourceOptions: RawOptions,
    queryOptions: RawOptions,
    dataSourceId?: string,
    dataSourceUpdatedAt?: string,
  ): Promise<QueryResult> {
    let operationName: ErrorContext['operation'] = 'query';
    let settings: ConnectionSettings | undefined;
    let target: Target | undefined;
    // What a failure names, put together only when one happens: most queries never need it.
    const context = (): ErrorContext => ({
      operation: operationName,
      ...(settings && connectionContext(settings)),
      ...(target && shownTarget(target)),
    });
    try {
      const options = optionsObject(queryOptions, 'query options');
      const name = parseOperationName(options);
      operationName = name;
      const operation = operationNamed(name);
      const source = resolveSource(optionsObject(sourceOptions, 'data source options'));
      settings = source.settings;
      // Everything is validated before a client exists, so bad input never reaches the network.
      const input = await operation.parse(withDataSourceBucket(name, operation.options, options, settings));
      target = input;
      assertEndpointWithoutBucket(settings.endpoint, input.bucket);
      const lease = await leaseClient(source, dataSourceId, dataSourceUpdatedAt);
      try {
        const runContext: RunContext = {
          region: settings.region,
          maxReadBytes: settings.maxReadMegabytes * 1024 * 1024,
          describeFailure: (error, failed) => {
            const ctx = { ...context(), ...shownTarget(failed) };
            const { message, data } = translateFailure(error, ctx, secretsOf(sourceOptions));
            return { code: String(data.code ?? 'UnknownError'), message };
          },
        };
        return { status: 'ok', data: await operation.run(lease.client, input, runContext) };
      } finally {
        lease.release();
      }
    } catch (error) {
      throw toQueryError(error, context(), secretsOf(sourceOptions));
    }
  }

  async testConnection(sourceOptions: RawOptions): Promise<ConnectionTestResult> {
    const context: ErrorContext = { operation: 'test_connection' };
    let client: S3Client | undefined;
    let settings: ConnectionSettings | undefined;
    try {
      settings = resolveSource(optionsObject(sourceOptions, 'data source options')).settings;
      Object.assign(context, { bucket: shownIfAny(settings.testBucket) }, connectionContext(settings));
      client = await createS3Client(settings);
      return withEndpointNote(await checkConnection(client, settings), settings);
    } catch (error) {
      const message = toQueryError(error, context, secretsOf(sourceOptions)).message;
      return withEndpointNote({ status: 'failed', message }, settings);
    } finally {
      client?.destroy();
    }
  }

  /** The data source's S3Client (the cached one unless `checkCache` is false). */
  async getConnection(
    sourceOptions: RawOptions,
    _options?: unknown,
    checkCache = true,
    dataSourceId?: string,
    dataSourceUpdatedAt?: string,
  ): Promise<S3Client> {
    try {
      const source = resolveSource(optionsObject(sourceOptions, 'data source options'));
      if (!checkCache || !dataSourceId) return createS3Client(source.settings);
      const lease = await leaseClient(source, dataSourceId, dataSourceUpdatedAt);
      lease.release();
      return lease.client;
    } catch (error) {
      throw toQueryError(error, { operation: 'get_connection' }, secretsOf(sourceOptions));
    }
  }
}

/** The app builder passes objects; anything else (null from a broken saved query) is refused clearly. */
function optionsObject(value: unknown, what: string): RawOptions {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as RawOptions;
  throw new Failure('InvalidOption', `The ${what} must be an object (got ${value === null ? 'null' : typeof value}).`, {
    field: what,
  });
}

function parseOperationName(queryOptions: RawOptions): OperationName {
  const value = typeof queryOptions.operation === 'string' ? queryOptions.operation.trim() : '';
  if (!isOperationName(value)) {
    const message = value
      ? `Invalid 'operation': '${shown(value)}' is not an operation of this plugin. Allowed operations: ${OPERATION_NAMES.join(', ')}.`
      : `'operation' is required: choose one of ${OPERATION_NAMES.join(', ')}.`;
    throw new Failure('InvalidOption', message, { field: 'operation', allowed: OPERATION_NAMES });
  }
  return value;
}

/** Bucket and key as messages show them (cut, control characters escaped). */
function shownTarget(target: Target): Pick<ErrorContext, 'bucket' | 'key' | 'versionId'> {
  return {
    bucket: shownIfAny(target.bucket),
    key: shownIfAny(target.key),
    versionId: shownIfAny(target.versionId),
  };
}

function connectionContext(settings: ConnectionSettings): Partial<ErrorContext> {
  return {
    host: shown(settings.endpoint ? new URL(settings.endpoint).host : `s3.${settings.region}.amazonaws.com`),
    region: shown(settings.region),
    connectionTimeoutSeconds: settings.connectionTimeoutSeconds,
    requestTimeoutSeconds: settings.requestTimeoutSeconds,
  };
}
export type { OperationResults } from './operations/table.js';
