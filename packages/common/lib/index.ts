export { QueryError } from './query.error.js';
export type { QueryResult } from './query_result.type.js';
export type { QueryService } from './query_service.interface.js';
export type { ConnectionTestResult } from './connection_test_result.type.js';
export { cacheConnection, getCachedConnection } from './connection.cache.js';
