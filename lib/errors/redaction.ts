/** Keeps credentials out of anything a user or a log can see. */
import { RawOptions } from '../validation.js';

const SECRET_FIELDS = ['secret_key', 'session_token'];
const MASK = '[redacted]';

/**
 * The data source's secrets as they may appear in text: as typed, trimmed, and URL-encoded (a
 * server that echoes a query string or a path echoes them encoded). Longest first, so a secret is
 * masked whole before any shorter one inside it.
 */
export function secretsOf(source: RawOptions | null | undefined): string[] {
  if (!source || typeof source !== 'object') return [];
  const secrets = SECRET_FIELDS.map((field) => source[field])
    .filter((value): value is string => typeof value === 'string' && value.trim().length >= 4)
    .flatMap((value) => [value, value.trim()])
    .flatMap((value) => [value, encodeURIComponent(value), encodeURIComponent(value).toLowerCase()]);
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

/** Replaces every occurrence of a secret in strings, arrays and plain objects. */
export function redact<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(MASK), value as string) as T;
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets)])) as T;
  }
  return value;
}
