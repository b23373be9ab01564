import { QueryError } from '@tooljet-plugins/common';
import { pluginLoader } from './plugin-under-test.js';

/** Runs a promise that must fail with a QueryError and returns that error. */
export async function queryError(promise: Promise<unknown>): Promise<QueryError> {
  try {
    await promise;
  } catch (error) {
    if (isQueryError(error)) return error as QueryError;
    throw new Error(`expected a QueryError, got ${String(error)}`);
  }
  throw new Error('expected the query to fail, but it succeeded');
}

/**
 * The plugin's QueryError. Through the vm sandbox it is the bundle's own class, so it is
 * recognised by name, as the app builder's server recognises it.
 */
function isQueryError(error: unknown): boolean {
  if (pluginLoader() === 'direct') return error instanceof QueryError;
  return (error as { constructor?: { name?: string } } | null)?.constructor?.name === 'QueryError';
}
