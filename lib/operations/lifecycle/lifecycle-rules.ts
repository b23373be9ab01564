/**
 * Bucket lifecycle rules from presets: abort incomplete multipart uploads (the browser-multipart
 * docs ask for it), expire objects under a prefix, expire noncurrent versions. S3 replaces the
 * whole configuration on every write, so appending reads the current rules first; the rules a
 * write removes are returned, as the CORS writes do.
 */
import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  LifecycleRule,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Failure, shown } from '../../errors/failure.js';
import { LIMITS } from '../../limits.js';

export type Preset = 'abort-incomplete-uploads' | 'expire-objects' | 'expire-noncurrent-versions';

export interface LifecycleRequest {
  bucket: string;
  preset: Preset;
  days: number;
  prefix: string;
  ruleId: string;
  mode: 'append' | 'replace';
}

/** The rule a preset writes. */
export function presetRule({ preset, days, prefix, ruleId }: Omit<LifecycleRequest, 'bucket' | 'mode'>): LifecycleRule {
  const action =
    preset === 'abort-incomplete-uploads'
      ? { AbortIncompleteMultipartUpload: { DaysAfterInitiation: days } }
      : preset === 'expire-objects'
        ? { Expiration: { Days: days } }
        : { NoncurrentVersionExpiration: { NoncurrentDays: days } };
  return { ID: ruleId, Status: 'Enabled', Filter: { Prefix: prefix }, ...action };
}

const isNoLifecycle = (error: unknown): boolean =>
  (error as { name?: string })?.name === 'NoSuchLifecycleConfiguration';

async function readRules(client: S3Client, bucket: string): Promise<LifecycleRule[] | undefined> {
  try {
    return (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
  } catch (error) {
    if (isNoLifecycle(error)) return undefined;
    throw error;
  }
}

export async function getBucketLifecycle(client: S3Client, bucket: string) {
  const rules = await readRules(client, bucket);
  return {
    Rules: rules ?? [],
    Configured: rules !== undefined,
    Bucket: bucket,
    ...(rules === undefined
      ? { Note: 'The bucket has no lifecycle rules: nothing is expired or cleaned up by S3.' }
      : {}),
  };
}

export async function putBucketLifecycle(client: S3Client, request: LifecycleRequest) {
  const { bucket, mode } = request;
  const before = (await readRules(client, bucket)) ?? [];
  const rule = presetRule(request);
  // A rule of the same ID is this rule written again: replaced in place, never twice.
  const kept = mode === 'append' ? before.filter((existing) => existing.ID !== rule.ID) : [];
  const rules = [...kept, rule];
  if (rules.length > LIMITS.lifecycleRules)
    throw new Failure(
      'TooManyLifecycleRules',
      `Bucket '${shown(bucket)}' has ${before.length} lifecycle rules; S3 allows at most ${LIMITS.lifecycleRules}. Replace them instead (mode replace), or delete some.`,
      { bucket, rules: before.length },
    );
  await client.send(
    new PutBucketLifecycleConfigurationCommand({ Bucket: bucket, LifecycleConfiguration: { Rules: rules } }),
  );
  return {
    Rules: rules,
    Rule: rule,
    ReplacedSameId: mode === 'append' && kept.length < before.length,
    ExistingRules: mode === 'append' ? 'keep' : 'replace',
    PreviousRules: before,
    Bucket: bucket,
  };
}

export async function deleteBucketLifecycle(client: S3Client, bucket: string) {
  const before = (await readRules(client, bucket)) ?? [];
  await client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
  return { Deleted: true, PreviousRules: before, Bucket: bucket };
}
