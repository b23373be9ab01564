import { QueryError } from '@tooljet-plugins/common';

/** Runs a promise that must fail with a QueryError and returns that error. */
export async function queryError(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw new Error(`expected a QueryError, got ${String(error)}`);
  }
  throw new Error('expected the query to fail, but it succeeded');
}
