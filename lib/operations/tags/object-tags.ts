/**
 * Object tags. S3 replaces all of an object's tags on every write, so merging reads them first;
 * the tags a write removes are returned, as the CORS writes return the rules they removed.
 */
import {
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  S3Client,
  Tag,
} from '@aws-sdk/client-s3';
import { invalidField } from '../../validation.js';
import { LIMITS } from '../../limits.js';
import { defined } from '../shared/sdk-input.js';
import { checkServedVersion } from '../shared/version-id.js';

export interface TagTarget {
  bucket: string;
  key: string;
  versionId?: string;
}

const address = ({ bucket, key, versionId }: TagTarget) => defined({ Bucket: bucket, Key: key, VersionId: versionId });
const versionOf = (target: TagTarget, served: string | undefined) =>
  target.versionId ? { VersionId: served ?? target.versionId } : served ? { VersionId: served } : {};

/** TagSet as S3 lists it, and Tags as an app reads it (`{{data.Tags.project}}`). */
const described = (tagSet: Tag[]) => ({
  TagSet: tagSet,
  Tags: Object.fromEntries(tagSet.map((tag) => [tag.Key ?? '', tag.Value ?? ''])),
});

async function readTags(client: S3Client, target: TagTarget) {
  const output = await client.send(new GetObjectTaggingCommand(address(target)));
  checkServedVersion(target.versionId, output.VersionId, target);
  return { tagSet: (output.TagSet ?? []).map(({ Key, Value }) => ({ Key, Value })), version: output.VersionId };
}

export async function getObjectTags(client: S3Client, target: TagTarget) {
  const { tagSet, version } = await readTags(client, target);
  return { Bucket: target.bucket, Key: target.key, ...versionOf(target, version), ...described(tagSet) };
}

export async function putObjectTags(
  client: S3Client,
  request: TagTarget & { tags: Array<[string, string]>; mode: 'replace' | 'merge' },
) {
  const previous = (await readTags(client, request)).tagSet;
  const given = new Map(request.tags);
  const kept = request.mode === 'merge' ? previous.filter((tag) => !given.has(tag.Key ?? '')) : [];
  const tagSet = [...kept, ...request.tags.map(([Key, Value]) => ({ Key, Value }))];
  if (tagSet.length > LIMITS.tagsPerObject)
    throw invalidField(
      'tags',
      `would leave ${tagSet.length} tags on the object once merged with its ${previous.length}; S3 keeps at most ${LIMITS.tagsPerObject} (replace instead, or give fewer)`,
    );
  const output = await client.send(new PutObjectTaggingCommand({ ...address(request), Tagging: { TagSet: tagSet } }));
  return {
    Bucket: request.bucket,
    Key: request.key,
    ...versionOf(request, output.VersionId),
    ...described(tagSet),
    Mode: request.mode,
    PreviousTagSet: previous,
  };
}

export async function deleteObjectTags(client: S3Client, target: TagTarget) {
  const output = await client.send(new DeleteObjectTaggingCommand(address(target)));
  checkServedVersion(target.versionId, output.VersionId, target);
  return { Bucket: target.bucket, Key: target.key, ...versionOf(target, output.VersionId), Deleted: true };
}
