import { ConnectionTestResult } from './connection_test_result.type.js';
import { QueryResult } from './query_result.type.js';

export interface QueryService {
  run(
    sourceOptions: object,
    queryOptions: object,
    dataSourceId?: string,
    dataSourceUpdatedAt?: string,
    context?: Record<string, unknown>,
  ): Promise<QueryResult>;
  getConnection?(sourceOptions: object, options: unknown, checkCache: boolean, dataSourceId: string): Promise<object>;
  testConnection?(sourceOptions: object): Promise<ConnectionTestResult>;
}
