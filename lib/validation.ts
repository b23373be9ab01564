/**
 * Reading form values. The app builder sends every form value as a string (or a value a
 * `{{ }}` expression produced), so "" and whitespace mean "not set" and numbers are parsed
 * strictly. Every failure is a QueryError naming the field and what is allowed.
 */
import { QueryError } from '@tooljet-plugins/common';

export type RawOptions = Record<string, unknown>;

export function invalidField(field: string, allowed: string, extra: Record<string, unknown> = {}): QueryError {
  const message = `Invalid '${field}': ${allowed}.`;
  return new QueryError(message, message, { code: 'InvalidOption', field, allowed, ...extra });
}

export function isUnset(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** A text option; undefined when unset. Numbers and booleans from expressions become text. */
export function optionalString(options: RawOptions, field: string): string | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidField(field, 'expected text');
}

export function requiredString(options: RawOptions, field: string, what: string): string {
  const value = optionalString(options, field);
  if (value === undefined) {
    const message = `'${field}' is required: enter ${what}.`;
    throw new QueryError(message, message, { code: 'MissingOption', field });
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
}

export function integerInRange(options: RawOptions, field: string, rule: IntegerRule): number {
  const value = options[field];
  if (isUnset(value)) return rule.defaultValue;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const allowed = `must be a whole number from ${rule.min} to ${rule.max}`;
  if (!/^[+-]?\d+$/.test(text)) throw invalidField(field, `${allowed} (got ${describe(value)})`);
  const parsed = Number(text);
  if (parsed < rule.min || parsed > rule.max) throw invalidField(field, `${allowed} (got ${parsed})`);
  return parsed;
}

export function oneOf<T extends string>(options: RawOptions, field: string, allowed: readonly T[], defaultValue: T): T {
  const value = optionalTrimmed(options, field);
  if (value === undefined) return defaultValue;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (!match) throw invalidField(field, `must be one of ${allowed.join(', ')} (got ${describe(value)})`);
  return match;
}

/** Toggles arrive as booleans, or as "true"/"false" text from expressions. */
export function toggle(options: RawOptions, field: string): boolean {
  const value = options[field];
  if (isUnset(value)) return false;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw invalidField(field, `must be true or false (got ${describe(value)})`);
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.length > 40 ? `${text.slice(0, 40)}…` : text}'`;
}
