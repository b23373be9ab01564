/**
 * Dates and byte sizes as people put them into a form: an ISO 8601 or HTTP date, a LastModified
 * a query returned, or epoch milliseconds from an expression; 5000000, 10 MB or 1.5 GiB.
 */
import { describeValue, invalidField, isUnset, RawOptions } from '../../validation.js';

const DATE_EXAMPLES = 'such as 2026-01-31T12:00:00Z, a LastModified a query returned, or milliseconds since 1970';

/** A date option; undefined when unset. */
export function dateOption(options: RawOptions, field: string): Date | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  const time =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string'
          ? Date.parse(value.trim())
          : Number.NaN;
  if (!Number.isFinite(time) || Number.isNaN(new Date(time).getTime()))
    throw invalidField(field, `must be a date, ${DATE_EXAMPLES} (got ${describeValue(value)})`);
  return new Date(time);
}

/** Decimal units as disks and S3's console count them, binary ones (KiB) as operating systems do. */
const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  byte: 1,
  bytes: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  ki: 2 ** 10,
  kib: 2 ** 10,
  mi: 2 ** 20,
  mib: 2 ** 20,
  gi: 2 ** 30,
  gib: 2 ** 30,
  ti: 2 ** 40,
  tib: 2 ** 40,
};

const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/** A size in bytes; undefined when unset. Fractions of a byte are rounded down. */
export function byteSizeOption(options: RawOptions, field: string): number | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  const match = SIZE.exec(text);
  const unit = match ? UNITS[match[2].toLowerCase()] : undefined;
  const bytes = match && unit ? Math.floor(Number(match[1]) * unit) : Number.NaN;
  if (!Number.isSafeInteger(bytes))
    throw invalidField(
      field,
      `must be a size in bytes, or with a unit: 10 KB, 2.5 MB, 1 GiB (KB = 1,000 bytes, KiB = 1,024) (got ${describeValue(value)})`,
    );
  return bytes;
}
