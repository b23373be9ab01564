interface CachedEntry {
  connection: unknown;
  cachedAt: Date;
}

const CACHED_CONNECTIONS = new Map<string, CachedEntry>();

/** Remembers a connection for a data source, stamped with the time it was cached. */
export function cacheConnection(dataSourceId: string | number, connection: unknown): void {
  CACHED_CONNECTIONS.set(String(dataSourceId), { connection, cachedAt: new Date() });
}

/**
 * The cached connection of a data source, or null when there is none or it is stale:
 * a connection is stale once the data source was updated after it was cached.
 */
// Returns `any` like the app builder's package, so plugins written against it compile unchanged.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getCachedConnection(dataSourceId: string | number, dataSourceUpdatedAt: unknown): any {
  const entry = CACHED_CONNECTIONS.get(String(dataSourceId));
  if (!entry) return null;
  const updatedAt = new Date((dataSourceUpdatedAt as string | number | Date | null | undefined) ?? 0).getTime();
  if (Number.isFinite(updatedAt) && updatedAt > entry.cachedAt.getTime()) return null;
  return entry.connection;
}
