/** Keeps credentials out of anything a user or a log can see. */
import { RawOptions } from '../validation.js';

const SECRET_FIELDS = ['secret_key', 'session_token'];
const MASK = '[redacted]';
/** A run this long of a secret's characters is masked even when the rest is missing (a cut-off echo). */
const PARTIAL_RUN = 12;

/**
 * The data source's secrets, as typed and trimmed. A server can echo them in another spelling
 * (URL-encoded in any letter case, encoded twice, JSON-escaped, base64, hex, or cut off), and
 * `redact` finds them in all of these.
 */
export function secretsOf(source: RawOptions | null | undefined): string[] {
  if (!source || typeof source !== 'object') return [];
  const secrets = SECRET_FIELDS.map((field) => source[field])
    .filter((value): value is string => typeof value === 'string' && value.trim().length >= 4)
    .flatMap((value) => [value, value.trim()]);
  return [...new Set(secrets)].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One character of a secret in every spelling an echo may use: itself, %XX, %25XX, and `\/` for a slash. */
function characterPattern(character: string): string {
  const alternatives = [escapeRegExp(character)];
  if (!/[A-Za-z0-9\-_.~]/.test(character)) {
    const bytes = [...Buffer.from(character, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0'));
    alternatives.push(bytes.map((hex) => `%${hex}`).join(''), bytes.map((hex) => `%25${hex}`).join(''));
  }
  if (character === '/') alternatives.push('\\\\/');
  if (character === ' ') alternatives.push('\\+');
  return alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`;
}

function secretPattern(secret: string): RegExp {
  const spelled = [...secret].map(characterPattern).join('');
  const bytes = Buffer.from(secret, 'utf8');
  const whole = [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')].map(escapeRegExp);
  return new RegExp([spelled, ...whole].join('|'), 'gi');
}

/** Ranges of `text` that repeat PARTIAL_RUN or more consecutive characters of a secret. */
function partialEchoes(text: string, secrets: string[]): Array<[number, number]> {
  const windows = new Set<string>();
  for (const secret of secrets)
    if (secret.length > PARTIAL_RUN)
      for (let i = 0; i + PARTIAL_RUN <= secret.length; i += 1) windows.add(secret.slice(i, i + PARTIAL_RUN));
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + PARTIAL_RUN <= text.length; i += 1) {
    if (!windows.has(text.slice(i, i + PARTIAL_RUN))) continue;
    const last = ranges[ranges.length - 1];
    if (last && i <= last[1]) last[1] = i + PARTIAL_RUN;
    else ranges.push([i, i + PARTIAL_RUN]);
  }
  return ranges;
}

function redactText(text: string, secrets: string[]): string {
  let result = secrets.reduce((current, secret) => current.replace(secretPattern(secret), MASK), text);
  for (const [start, end] of partialEchoes(result, secrets).reverse())
    result = result.slice(0, start) + MASK + result.slice(end);
  return result;
}

/** Replaces every occurrence of a secret, in any spelling, in strings, arrays and plain objects. */
export function redact<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, secrets)])) as T;
  }
  return value;
}
