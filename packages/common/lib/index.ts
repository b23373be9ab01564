export { QueryError } from './query.error';
export type { QueryResult } from './query_result.type';
export type { QueryService } from './query_service.interface';
export type { ConnectionTestResult } from './connection_test_result.type';
export { cacheConnection, getCachedConnection } from './connection.cache';
