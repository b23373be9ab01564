// What was done to objects and buckets, in a sentence and its facts: an upload stored, an object's
// metadata, a copy or move, one or many removals, a new bucket. Each offers the next step.
import { button, copyButton, element } from './dom.js';
import { bareEtag, humanSize } from './formatting.js';
import { counted, dated, facts, table } from './result-parts.js';

const etag = (value) => (value ? element('code', { text: bareEtag(value) }) : undefined);
const readButton = (key, bucket, actions) =>
  button(`Read ${key}`, () => actions.readKey(key, bucket), { class: 'small', id: 'read-key' });

export function storedView(data, _query, actions) {
  return facts(
    `Stored ${data.Key} in ${data.Bucket}: ${humanSize(data.ContentLength)}, ${data.ContentType || 'no content type'}${data.Multipart ? ', in parts' : ''}.`,
    [
      ['ETag', etag(data.ETag)],
      ['Version', data.VersionId],
      ['Signed URL', data.SignedUrl ? copyButton('Copy URL', () => data.SignedUrl, { class: 'small' }) : undefined],
      ['Note', data.Warning],
    ],
    readButton(data.Key, data.Bucket, actions),
  );
}

/** get_object or head_object answered 304: the object is as last read, and nothing was downloaded. */
export function notModifiedView(data) {
  return facts(`${data.Key} in ${data.Bucket} has not changed since you read it: nothing was downloaded.`, [
    ['ETag', data.ETag],
    ['Last modified', data.LastModified ? dated(data.LastModified) : undefined],
  ]);
}

export function headView(data, _query, actions) {
  if (data.NotModified) return notModifiedView(data);
  const metadata = Object.entries(data.Metadata ?? {});
  return facts(
    `${data.Key} in ${data.Bucket}: ${humanSize(data.ContentLength)}, ${data.ContentType || 'no content type'}, modified ${dated(data.LastModified).textContent}.`,
    [
      ['ETag', etag(data.ETag)],
      ['Version', data.VersionId],
      ['Storage class', data.StorageClass],
      ['Cache-Control', data.CacheControl],
      ['Content-Disposition', data.ContentDisposition],
      ['Content-Encoding', data.ContentEncoding],
      ['Encryption', data.ServerSideEncryption],
      ...metadata.map(([name, value]) => [`x-amz-meta-${name}`, value]),
    ],
    readButton(data.Key, data.Bucket, actions),
  );
}

export function copiedView(data, query, actions) {
  const from = `${data.Source.Bucket}/${data.Source.Key}`;
  const to = `${data.Destination.Bucket}/${data.Destination.Key}`;
  const moved = query.operation === 'move_object';
  return facts(
    `${moved ? 'Moved' : 'Copied'} ${from} to ${to} (${humanSize(data.ContentLength)}${data.Multipart ? ', in parts' : ''})${moved && data.SourceDeleted ? ': the source is deleted' : ''}.`,
    [
      ['ETag', etag(data.ETag)],
      ['Version', data.VersionId],
      ['Note', data.Warning],
    ],
    readButton(data.Destination.Key, data.Destination.Bucket, actions),
  );
}

export function removedView(data) {
  const what = data.VersionId && !data.DeleteMarker ? `version ${data.VersionId} of ${data.Key}` : data.Key;
  const how = data.DeleteMarker
    ? ': a delete marker now hides it (its versions stay)'
    : data.Permanent
      ? ': that version is gone for good'
      : '';
  return facts(`Removed ${what} from ${data.Bucket}${how}.`, [
    ['Delete marker', data.DeleteMarker ? data.VersionId : undefined],
  ]);
}

export function removedManyView(data) {
  const failed = data.Errors ?? [];
  return facts(
    `${counted(data.DeletedCount, 'key')} deleted${data.ErrorCount ? `, ${data.ErrorCount} failed` : ''}.`,
    [['Deleted', (data.Deleted ?? []).map((entry) => entry.Key).join(', ')]],
    failed.length
      ? table(
          ['Key', 'Code', 'Message'],
          failed.map((entry) => [entry.Key, entry.Code, entry.Message]),
          { id: 'delete-errors' },
        )
      : undefined,
  );
}

/** delete_bucket: gone, or kept with why (the failures, as the folder operations list them). */
export function deletedBucketView(data) {
  if (!data.Emptied) return facts(`Deleted the empty bucket ${data.Bucket}.`, []);
  const emptied = `${counted(data.DeletedObjects, 'object version')} (${data.DeletedDeleteMarkers} delete markers) deleted, ${counted(data.AbortedUploads, 'incomplete upload')} aborted`;
  return facts(
    data.Deleted
      ? `Emptied and deleted the bucket ${data.Bucket}: ${emptied}.`
      : `The bucket ${data.Bucket} was kept: ${emptied}, ${data.ErrorCount} failed.`,
    [['Warning', data.Warning]],
    data.Errors.length
      ? table(
          ['Key', 'Step', 'Code', 'Message'],
          data.Errors.map((failure) => [failure.Key, failure.Step, failure.Code, failure.Message]),
          { id: 'bucket-errors' },
        )
      : undefined,
  );
}

export function createdBucketView(data, _query, actions) {
  return facts(
    `Created the bucket ${data.Bucket} in ${data.Region}.`,
    [['Location', data.Location]],
    button(`List ${data.Bucket}`, () => actions.listBucket(data.Bucket), { class: 'small' }),
  );
}
