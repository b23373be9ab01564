/** Keeps credentials out of anything a user or a log can see. */
import { RawOptions } from '../validation.js';

const SECRET_FIELDS = ['secret_key', 'session_token'];
const MASK = '[redacted]';

export function secretsOf(source: RawOptions): string[] {
  return SECRET_FIELDS.map((field) => source[field])
    .filter((value): value is string => typeof value === 'string' && value.trim().length >= 4)
    .map((value) => value.trim());
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
