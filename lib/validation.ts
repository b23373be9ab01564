/**
 * Reading form values. The app builder sends every form value as a string (or a value a
 * `{{ }}` expression produced), so "" and whitespace mean "not set" and numbers are parsed
 * strictly. Every failure names the field and what is allowed.
 */
import { Failure, shown } from './errors/failure.js';
import { count, integerRange } from './limits.js';
import { JsonTooDeep, parseJsonInSlices } from './bodies/json-in-slices.js';

export type RawOptions = Record<string, unknown>;

export function invalidField(field: string, allowed: string, extra: Record<string, unknown> = {}): Failure {
  return new Failure('InvalidOption', `Invalid '${field}': ${allowed}.`, { field, allowed, ...extra });
}

export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Half of a UTF-16 surrogate pair without its other half: no UTF-8 exists for it (URIError in the SDK). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A text option; undefined when unset. Numbers and booleans from expressions become text. */
export function optionalString(options: RawOptions, field: string): string | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw invalidField(field, 'expected text');
  return wellFormed(field, value);
}

/** Refuses text that cannot be written as UTF-8 (the SDK would fail with "URI malformed"). */
export function wellFormed(field: string, text: string): string {
  const broken = text.search(LONE_SURROGATE);
  if (broken >= 0)
    throw invalidField(field, `has a broken character at position ${broken} (half of a UTF-16 surrogate pair)`);
  return text;
}

export function requiredString(options: RawOptions, field: string, what: string): string {
  const value = optionalString(options, field);
  if (value === undefined) {
    throw new Failure('MissingOption', `'${field}' is required: enter ${what}.`, { field });
  }
  return value;
}

/** An option that is trimmed before use (names, ids, enum values); keys are never trimmed. */
export function optionalTrimmed(options: RawOptions, field: string): string | undefined {
  return optionalString(options, field)?.trim();
}

export interface IntegerRule {
  min: number;
  max: number;
  defaultValue: number;
  /** Round fractions (3600.5) down instead of refusing them. */
  floorFractions?: boolean;
  /** Read 0 as "not set" (the app builder's plugin did: `expiresIn || 3600`). */
  zeroMeansDefault?: boolean;
}

export function integerInRange(options: RawOptions, field: string, rule: IntegerRule): number {
  const value = options[field];
  if (isUnset(value)) return rule.defaultValue;
  // Text is taken as it is: " 10 " is not a number S3 would take either.
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  // Worded only for a refusal: numbers in words (toLocaleString) cost more than the whole check.
  const allowed = () =>
    `must be a whole number from ${integerRange(rule)}${rule.zeroMeansDefault ? ' (0 for the default)' : ''}`;
  const pattern = rule.floorFractions ? /^[+-]?\d+(\.\d+)?$/ : /^[+-]?\d+$/;
  if (!pattern.test(text)) throw invalidField(field, `${allowed()} (got ${describeValue(value)})`);
  const parsed = Math.floor(Number(text));
  if (parsed === 0 && rule.zeroMeansDefault) return rule.defaultValue;
  if (parsed < rule.min || parsed > rule.max) throw invalidField(field, `${allowed()} (got ${parsed})`);
  return parsed;
}

export function oneOf<T extends string>(options: RawOptions, field: string, allowed: readonly T[], defaultValue: T): T {
  const value = optionalTrimmed(options, field);
  if (value === undefined) return defaultValue;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!match) throw invalidField(field, `must be one of ${allowed.join(', ')} (got ${describeValue(value)})`);
  return match;
}

/** Toggles arrive as booleans, or as "true"/"false" text from expressions. */
export function toggle(options: RawOptions, field: string): boolean {
  const value = options[field];
  if (isUnset(value)) return false;
  if (typeof value === 'boolean') return value;
  // Anything but text is refused as it is: String() of a list from an expression walks all of it (or overflows the stack).
  const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalidField(field, `must be true or false (got ${describeValue(value)})`);
}

/** A value as a message quotes it: text shortened, a list or an object named, never written out. */
export function describeValue(value: unknown): string {
  // A list or an object from an expression is named, not written out: it may hold megabytes.
  const text =
    typeof value === 'string'
      ? value
      : Array.isArray(value)
        ? `a list of ${value.length}`
        : value !== null && typeof value === 'object'
          ? 'an object'
          : String(value);
  return `'${shown(text, 40)}'`;
}

/** Objects nested deeper than this are refused (deeper ones overflow the stack when serialised). */
export const MAX_DEPTH = 64;

export const tooDeep = (field: string): Failure =>
  invalidField(field, `must not be nested more than ${MAX_DEPTH} levels deep`);

/** Refuses a value nested more than MAX_DEPTH levels deep, walking it without recursion. */
export function assertNestingDepth(field: string, value: unknown): void {
  const stack: Array<{ item: unknown; depth: number }> = [{ item: value, depth: 0 }];
  while (stack.length) {
    const { item, depth } = stack.pop() as { item: unknown; depth: number };
    if (!item || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) throw tooDeep(field);
    for (const child of Object.values(item)) stack.push({ item: child, depth: depth + 1 });
  }
}

/**
 * Refuses text longer than `max` characters before anything parses it, so what a query costs
 * follows what S3 bounds (keys, parts, pages), never the length of what an end user typed.
 */
export function assertTextLength(field: string, value: unknown, max: number): void {
  if (typeof value === 'string' && value.length > max)
    throw invalidField(field, `must be at most ${count(max)} characters (got ${count(value.length)})`);
}

/** How long a list option may be: its text before parsing, and its entries. */
export interface ListLimits {
  characters: number;
  entries: number;
  /** The entries, as the message names them ("keys", "parts"). */
  noun: string;
}

/** A required list option's value: refused empty, its text capped before anything parses it. */
export function requiredList(options: RawOptions, field: string, what: string, limits: ListLimits): unknown {
  const raw = options[field];
  if (isUnset(raw)) throw invalidField(field, `is required: ${what}`);
  assertTextLength(field, raw, limits.characters);
  return raw;
}

/** A list from an expression, or text written as a JSON array (as opposed to a list's own text form: lines, ranges). */
export const isJsonList = (value: unknown): boolean =>
  Array.isArray(value) || (typeof value === 'string' && value.trim().startsWith('['));

/**
 * A list as an app passes it: a value from an expression, or JSON text. The text is capped
 * before it is parsed and scanned for nesting as it is (a slice at a time), the list's length
 * and nesting checked before any entry is read.
 */
export async function jsonList(field: string, raw: unknown, what: string, limits: ListLimits): Promise<unknown[]> {
  let list = raw;
  if (typeof raw === 'string') {
    assertTextLength(field, raw, limits.characters);
    try {
      list = await parseJsonInSlices(raw, { maxDepth: MAX_DEPTH });
    } catch (error) {
      if (error instanceof JsonTooDeep) throw tooDeep(field);
      throw invalidField(field, `looks like JSON but is not valid JSON: it must be ${what}`);
    }
  }
  if (!Array.isArray(list)) throw invalidField(field, `must be ${what}`);
  if (list.length > limits.entries)
    throw invalidField(field, `may list at most ${count(limits.entries)} ${limits.noun} (got ${count(list.length)})`);
  assertNestingDepth(field, list);
  return list;
}
