import { cacheConnection, getCachedConnection, QueryError } from '@tooljet-plugins/common';

describe('@tooljet-plugins/common connection cache', () => {
  it('returns what was cached for a data source id', () => {
    const connection = { name: 'conn' };
    cacheConnection('common-1', connection);
    expect(getCachedConnection('common-1', '2000-01-01T00:00:00Z')).toBe(connection);
  });

  it('is stale once dataSourceUpdatedAt is newer than the time it was cached', () => {
    cacheConnection('common-2', { name: 'old' });
    const newer = new Date(Date.now() + 60_000).toISOString();
    expect(getCachedConnection('common-2', newer)).toBeNull();
  });

  it('has nothing for an unknown id', () => {
    expect(getCachedConnection('never-cached', undefined)).toBeNull();
  });
});

describe('QueryError', () => {
  it('carries message, description and data', () => {
    const error = new QueryError('Query could not be completed', 'details', { code: 'X' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('QueryError');
    expect(error.message).toBe('Query could not be completed');
    expect(error.description).toBe('details');
    expect(error.data).toEqual({ code: 'X' });
  });
});
