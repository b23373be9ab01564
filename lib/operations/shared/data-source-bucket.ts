/**
 * The data source's own bucket (`bucket_name`, in the app builder's S3 plugin since April 2026):
 * the bucket a query uses when it names none and, with `allow_dynamic_connection_parameters`
 * off, the only bucket its queries may name. Applied to a query's options before they are read,
 * so every operation's bucket options get the same rule.
 */
import { Failure, shown } from '../../errors/failure.js';
import { isUnset, RawOptions } from '../../validation.js';
import { OptionSpec } from './option-spec.js';
import { textCap } from './option-values.js';

export interface DataSourceBucket {
  /** `bucket_name`, validated; undefined when the data source names none. */
  bucket?: string;
  /** `allow_dynamic_connection_parameters`: whether queries may name other buckets. */
  dynamicBuckets: boolean;
}

/** A bucket's deletion names the bucket itself, never by default. */
const NAMES_ITS_OWN = new Set(['delete_bucket']);

/** Whether an empty `spec` of `operation` means the data source's bucket (so it is required only without one). */
export function takesDataSourceBucket(operation: string, spec: OptionSpec): boolean {
  return spec.kind === 'bucket' && spec.required === true && !NAMES_ITS_OWN.has(operation);
}

/** The query's options with the data source's bucket where the query names none; refused where it may not name another. */
export function withDataSourceBucket(
  operation: string,
  specs: readonly OptionSpec[],
  options: RawOptions,
  source: DataSourceBucket,
): RawOptions {
  const own = source.bucket;
  if (own === undefined) return options;
  let result = options;
  for (const spec of specs) {
    if (spec.kind !== 'bucket') continue;
    const value = options[spec.key];
    // Text longer than a bucket option takes is not looked into here: its reader refuses it by length.
    const tooLong = typeof value === 'string' && value.length > (textCap(spec) ?? Infinity);
    if (!tooLong && isUnset(value)) {
      // An optional bucket (a copy's destination) has a default of its own: the source bucket.
      if (!takesDataSourceBucket(operation, spec)) continue;
      if (result === options) result = { ...options };
      result[spec.key] = own;
    } else if (!source.dynamicBuckets && (tooLong || !sameBucket(value, own))) {
      const fix = NAMES_ITS_OWN.has(operation) ? `Name '${shown(own)}'` : `Leave '${shown(spec.key)}' empty`;
      throw new Failure(
        'InvalidOption',
        `This data source allows only its own bucket '${shown(own)}' (Allow dynamic connection parameters is off), and '${shown(spec.key)}' names ${typeof value === 'string' ? `'${shown(value)}'` : 'another'}. ${fix}, or turn on Allow dynamic connection parameters in the data source.`,
        { field: spec.key, allowed: [own] },
      );
    }
  }
  return result;
}

/** As the bucket reader takes it: text, or a number from an expression. */
const sameBucket = (value: unknown, own: string): boolean =>
  (typeof value === 'string' || typeof value === 'number') && String(value).trim() === own;
