// Object tags as results: the tags read or written (a table of keys and values), what a write
// replaced, and what was deleted.
import { facts, table } from './result-parts.js';

const tagTable = (tagSet, id) =>
  tagSet.length
    ? table(
        ['Key', 'Value'],
        tagSet.map((tag) => [tag.Key, tag.Value]),
        { id },
      )
    : undefined;

const version = (data) => (data.VersionId ? ` (version ${data.VersionId})` : '');

export function tagsView(data) {
  const tagSet = data.TagSet ?? [];
  const done = data.Mode ? (data.Mode === 'merge' ? 'Merged tags into' : 'Replaced the tags of') : 'Tags of';
  const count = tagSet.length ? `${tagSet.length} of S3's 10` : 'none';
  const previous = data.PreviousTagSet;
  return facts(
    `${done} ${data.Bucket}/${data.Key}${version(data)}: ${count}.`,
    [],
    tagTable(tagSet, 'object-tags'),
    previous?.length ? facts('Before this write:', [], tagTable(previous, 'previous-tags')) : undefined,
  );
}

export function tagsDeletedView(data) {
  return facts(`Deleted every tag of ${data.Bucket}/${data.Key}${version(data)}.`, []);
}
