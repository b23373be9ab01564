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
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';
import { s3Fields } from '../shared/s3-fields.js';

/** What the 'browser-uploads' preset writes (beside the origins given). */
export const BROWSER_UPLOADS = {
  AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
  AllowedHeaders: ['*'],
  // ETag confirms what was stored; the version id names it in a versioned bucket.
  ExposeHeaders: ['ETag', 'x-amz-version-id'],
};

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
    ...s3Fields(output),
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
  return { ...s3Fields(output), Deleted: true, Bucket: bucket };
}
