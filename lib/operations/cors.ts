/**
 * Bucket CORS rules. A browser uploading with a signed URL (PUT, or POST with a form) is refused
 * before the request unless a rule allows its origin and method, and the page cannot read the
 * ETag of what it stored unless a rule exposes it. S3 replaces the whole configuration on every
 * write, so appending a rule means reading the current ones first.
 */
import {
  CORSRule,
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Failure, shown } from '../errors/failure.js';
import { count, LIMITS } from '../limits.js';
import { assertTextLength, invalidField, isUnset, RawOptions, wellFormed } from '../validation.js';

export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;

/** What the 'browser-uploads' preset writes (beside the origins given). */
export const BROWSER_UPLOADS = {
  AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
  AllowedHeaders: ['*'],
  // ETag confirms what was stored; the version id names it in a versioned bucket.
  ExposeHeaders: ['ETag', 'x-amz-version-id'],
};

/** The most entries one list option takes (far beyond a sensible rule). */
const MAX_ENTRIES = 100;

/** A list option: a JSON array of text, or one entry per line (commas also separate); empty: undefined. */
export function textList(options: RawOptions, field: string): string[] | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  let items: unknown[];
  // A list from an expression is not text, so no text cap applied: it gets as many entries as text could hold.
  if (Array.isArray(value)) items = value;
  else if (typeof value !== 'string') throw invalidField(field, 'must be a JSON array of text or one entry per line');
  else if (value.trim().startsWith('[')) {
    try {
      items = JSON.parse(value) as unknown[];
    } catch {
      throw invalidField(field, 'is not a valid JSON array (or write one entry per line)');
    }
    if (!Array.isArray(items)) throw invalidField(field, 'must be a JSON array of text or one entry per line');
  } else items = value.split(/[\n,]/);
  if (items.length > LIMITS.optionCharacters.list)
    throw invalidField(field, `must list at most ${MAX_ENTRIES} entries (got ${count(items.length)})`);
  const list = items.map((item) => {
    if (typeof item !== 'string')
      throw invalidField(
        field,
        `must list text only (got ${Array.isArray(item) ? 'a list' : item === null ? 'null' : typeof item})`,
      );
    assertTextLength(field, item, LIMITS.optionCharacters.list);
    return wellFormed(field, item).trim();
  });
  const entries = [...new Set(list.filter(Boolean))];
  if (entries.length > MAX_ENTRIES) throw invalidField(field, `must list at most ${MAX_ENTRIES} entries`);
  return entries.length ? entries : undefined;
}

/** Origins as browsers send them: scheme://host[:port], no path; `*` alone or once in the host. */
export function originList(options: RawOptions, field: string): string[] | undefined {
  const origins = textList(options, field);
  for (const origin of origins ?? []) {
    if (origin === '*') continue;
    const hint = origin.endsWith('/')
      ? ' without the trailing slash (a browser sends none)'
      : ' such as https://apps.example.com or http://localhost:3000';
    if (!/^https?:\/\/[A-Za-z0-9.*[\]:-]+(:\d{1,5})?$/.test(origin) || (origin.match(/\*/g) ?? []).length > 1)
      throw invalidField(field, `must list origins${hint}, or * for any (got '${shown(origin)}')`);
  }
  return origins;
}

export function methodList(options: RawOptions, field: string): string[] | undefined {
  const methods = textList(options, field)?.map((method) => method.toUpperCase());
  const unknown = methods?.find((method) => !(CORS_METHODS as readonly string[]).includes(method));
  if (unknown) throw invalidField(field, `must list methods of ${CORS_METHODS.join(', ')} (got '${shown(unknown)}')`);
  return methods && [...new Set(methods)];
}

/** Header names (HTTP tokens); `*` as a wildcard where allowed (AllowedHeaders, not ExposeHeaders). */
export function headerList(options: RawOptions, field: string, wildcard: boolean): string[] | undefined {
  const headers = textList(options, field);
  const token = wildcard ? /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/ : /^[A-Za-z0-9!#$%&'+.^_`|~-]+$/;
  const bad = headers?.find((header) => !token.test(header) || (header.match(/\*/g) ?? []).length > 1);
  if (bad)
    throw invalidField(
      field,
      `must list header names such as ${wildcard ? 'Content-Type, or * for any' : 'ETag (no wildcards)'} (got '${shown(bad)}')`,
    );
  return headers;
}

/** True when a rule lets some origin upload from a page (PUT or POST) and read the ETag. */
export function allowsBrowserUploads(rules: readonly CORSRule[]): boolean {
  return rules.some(
    (rule) =>
      (rule.AllowedOrigins?.length ?? 0) > 0 &&
      rule.AllowedMethods?.some((method) => method === 'PUT' || method === 'POST') &&
      rule.ExposeHeaders?.some((header) => header.toLowerCase() === 'etag'),
  );
}

const isNoCors = (error: unknown): boolean => (error as { name?: string })?.name === 'NoSuchCORSConfiguration';

/** The bucket's rules; none (S3 answers NoSuchCORSConfiguration) is an empty list, not a failure. */
export async function readCorsRules(client: S3Client, bucket: string): Promise<CORSRule[] | undefined> {
  try {
    const output = await client.send(new GetBucketCorsCommand({ Bucket: bucket }));
    return output.CORSRules ?? [];
  } catch (error) {
    if (isNoCors(error)) return undefined;
    throw error;
  }
}

export async function getBucketCors(client: S3Client, bucket: string) {
  const rules = await readCorsRules(client, bucket);
  return {
    CORSRules: rules ?? [],
    Configured: rules !== undefined,
    AllowsBrowserUploads: allowsBrowserUploads(rules ?? []),
    Bucket: bucket,
    ...(rules === undefined
      ? {
          Note: 'The bucket has no CORS configuration: browsers may not call it from a web page (signed uploads fail with a network error). Server-side queries are not affected.',
        }
      : {}),
  };
}

export interface CorsRequest {
  bucket: string;
  rule: CORSRule;
  mode: 'replace' | 'append';
}

const sameRule = (a: CORSRule, b: CORSRule): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Writes the rule: alone (replace) or after the bucket's current rules (append, an identical one not twice). */
export async function putBucketCors(client: S3Client, { bucket, rule, mode }: CorsRequest) {
  // Read in both modes: a replace returns the rules it removed, so an app can show or restore them.
  const before = (await readCorsRules(client, bucket)) ?? [];
  const current = mode === 'append' ? before : [];
  // The server adds an ID or reorders nothing we compare; compare the fields this form writes.
  const existing = current.map(({ ID: _id, ...fields }) => fields);
  const added = !existing.some((fields) => sameRule(normalised(fields), normalised(rule)));
  const rules = added ? [...current, rule] : current;
  if (rules.length > LIMITS.corsRulesPerBucket)
    throw new Failure(
      'TooManyCorsRules',
      `Bucket '${shown(bucket)}' has ${current.length} CORS rules; S3 allows at most ${LIMITS.corsRulesPerBucket}. Replace them instead (mode replace), or remove some.`,
      { bucket, rules: current.length },
    );
  const output = await client.send(
    new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } }),
  );
  return {
    ...output,
    CORSRules: rules,
    Rule: rule,
    Added: added,
    Mode: mode,
    ...(mode === 'replace' ? { PreviousRules: before } : {}),
    Bucket: bucket,
  };
}

/** A rule with every list present and in one order, so equal rules compare equal. */
function normalised(rule: CORSRule): CORSRule {
  const sorted = (list?: string[]) => [...(list ?? [])].sort();
  return {
    AllowedOrigins: sorted(rule.AllowedOrigins),
    AllowedMethods: sorted(rule.AllowedMethods),
    AllowedHeaders: sorted(rule.AllowedHeaders),
    ExposeHeaders: sorted(rule.ExposeHeaders),
    MaxAgeSeconds: rule.MaxAgeSeconds,
  };
}

export async function deleteBucketCors(client: S3Client, bucket: string) {
  const output = await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
  return { ...output, Deleted: true, Bucket: bucket };
}
