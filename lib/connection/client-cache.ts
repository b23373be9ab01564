/**
 * One S3Client per data source, reused across queries: building a client (credential chain,
 * endpoint resolution, socket pool) per query is what makes the old plugin slow.
 * - Concurrent first queries of a data source share the one client being built.
 * - A client is kept while the data source's options (in any key order) and its updated-at stay
 *   the same; a changed one replaces it, and the replaced client is destroyed (its sockets
 *   closed) once the queries still using it finish.
 * - At most MAX_CLIENTS data sources keep a client, and one idle for IDLE_MS is destroyed, so the
 *   cache cannot grow without bound (each client is about 25 KB plus its open keep-alive sockets).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { createS3Client } from './client.js';
import { ResolvedSource } from './resolved-source.js';

const MAX_CLIENTS = 100;
const IDLE_MS = 15 * 60 * 1000;

interface Entry {
  version: string;
  client: Promise<S3Client>;
  /** The client once built: later queries take it without waiting a promise turn. */
  built?: S3Client;
  inFlight: number;
  lastUsed: number;
  retired: boolean;
}

export interface Lease {
  client: S3Client;
  release(): void;
}

const entries = new Map<string, Entry>();

function destroyWhenIdle(entry: Entry): void {
  entry.retired = true;
  if (entry.inFlight === 0)
    entry.client.then(
      (client) => client.destroy(),
      () => undefined,
    );
}

function retire(id: string): void {
  const entry = entries.get(id);
  if (!entry) return;
  entries.delete(id);
  destroyWhenIdle(entry);
}

/** Drops idle clients and, beyond MAX_CLIENTS, the least recently used ones. */
function prune(now: number): void {
  for (const [id, entry] of entries) if (entry.inFlight === 0 && now - entry.lastUsed > IDLE_MS) retire(id);
  // Map order is insertion order and every use re-inserts, so the first entries are the least recent.
  for (const id of entries.keys()) {
    if (entries.size <= MAX_CLIENTS) break;
    retire(id);
  }
}

/** A one-off client for a query without a data source id (test connection, previews): destroyed after it. */
async function oneOff(source: ResolvedSource): Promise<Lease> {
  const client = await createS3Client(source.settings);
  return { client, release: () => client.destroy() };
}

export function leaseClient(source: ResolvedSource, dataSourceId?: string, updatedAt?: string): Lease | Promise<Lease> {
  if (!dataSourceId) return oneOff(source);
  const version = `${source.fingerprint}@${updatedAt ?? ''}`;
  let entry = entries.get(dataSourceId);
  if (entry && entry.version !== version) {
    retire(dataSourceId);
    entry = undefined;
  }
  if (!entry) {
    entry = { version, client: createS3Client(source.settings), inFlight: 0, lastUsed: 0, retired: false };
    const created = entry;
    // A client that could not be built is not kept: the next query tries again.
    created.client.then(
      (client) => (created.built = client),
      () => entries.get(dataSourceId) === created && entries.delete(dataSourceId),
    );
  }
  entries.delete(dataSourceId);
  entries.set(dataSourceId, entry);
  entry.inFlight += 1;
  entry.lastUsed = Date.now();
  prune(entry.lastUsed);
  const leased = entry;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    leased.inFlight -= 1;
    if (leased.retired) destroyWhenIdle(leased);
  };
  if (leased.built) return { client: leased.built, release };
  return leased.client.then(
    (client) => ({ client, release }),
    (error: unknown) => {
      release();
      throw error;
    },
  );
}

/**
 * Closes every cached client once the queries using it finish. The marketplace bundle calls it
 * when it drops an older version of the plugin, whose clients no later query can reach.
 */
export function retireAllClients(): void {
  for (const id of [...entries.keys()]) retire(id);
}

/** How many data sources have a client (for tests and the README's memory figure). */
export function cachedClientCount(): number {
  return entries.size;
}
