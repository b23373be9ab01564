/**
 * Connection settings per distinct data source configuration. The app builder passes the
 * data source options with every query; parsing and fingerprinting them once per distinct
 * configuration (not per query) keeps the warm query path close to a bare SDK call.
 */
import { createHash } from 'node:crypto';
import { ConnectionSettings, parseConnectionSettings } from './settings.js';
import { assertNestingDepth, RawOptions } from '../validation.js';

export interface ResolvedSource {
  settings: ConnectionSettings;
  /** Hash of every option (key order aside), so any change (a rotated secret too) gets a new client. */
  fingerprint: string;
}

const MAX_ENTRIES = 256;
const resolved = new Map<string, ResolvedSource>();

/** JSON with object keys sorted, so the same options in another key order are the same data source. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function resolveSource(sourceOptions: RawOptions): ResolvedSource {
  let key: string;
  try {
    key = JSON.stringify(sourceOptions);
  } catch (error) {
    // A broken saved data source nested thousands deep overflows the stack: said as such.
    assertNestingDepth('data source options', sourceOptions);
    throw error;
  }
  const hit = resolved.get(key);
  if (hit) return hit;
  // Checked once per distinct configuration (the same text has the same nesting).
  assertNestingDepth('data source options', sourceOptions);
  const entry = {
    settings: parseConnectionSettings(sourceOptions),
    fingerprint: createHash('sha256').update(canonicalJson(sourceOptions)).digest('hex'),
  };
  if (resolved.size >= MAX_ENTRIES) resolved.delete(resolved.keys().next().value as string);
  resolved.set(key, entry);
  return entry;
}
