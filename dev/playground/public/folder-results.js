// Folder operations (create_folder, copy_folder, move_folder, delete_folder): what was done in one
// sentence, why it stopped when it did, and the failed keys with their reasons.
import { button, element } from './dom.js';
import { humanSize } from './formatting.js';
import { counted, facts, table } from './result-parts.js';

const objects = (count) => counted(count, 'object');

export function folderView(data) {
  const from = `${data.Bucket}/${data.Prefix}`;
  const to = data.DestinationBucket !== undefined ? ` to ${data.DestinationBucket}/${data.DestinationPrefix}` : '';
  const found = `${objects(data.Objects)} (${humanSize(data.Bytes)}) in ${from}`;
  const done = data.DryRun
    ? `Dry run: ${found}${to ? `, would go${to}` : ''}; nothing changed.`
    : [
        `${found}${to}:`,
        data.Copied !== undefined ? `${data.Copied} copied (${humanSize(data.CopiedBytes)})` : '',
        data.Deleted !== undefined ? `${data.Deleted} deleted (${humanSize(data.DeletedBytes)})` : '',
        data.ErrorCount ? `${data.ErrorCount} failed` : '',
      ]
        .filter(Boolean)
        .join(' ');
  const failures = data.Errors.length
    ? table(
        ['Key', 'Step', 'Code', 'Message'],
        data.Errors.map((failure) => [failure.Key, failure.Step, failure.Code, failure.Message]),
        { id: 'folder-errors' },
      )
    : undefined;
  return element('div', { id: 'folder-result' }, [
    element('p', { class: 'summary', text: done }),
    data.Warning ? element('p', { class: 'failed', role: 'status', text: data.Warning }) : undefined,
    data.ErrorsTruncated
      ? element('p', { text: `The first ${data.Errors.length} of ${data.ErrorCount} failed keys:` })
      : undefined,
    failures,
  ]);
}

/** create_folder: made, or kept as it was; the folder's listing one click away. */
export function createdFolderView(data, _query, actions) {
  const where = `${data.Bucket}/${data.Key}`;
  const sentence = data.Created
    ? `Created the folder ${where}${data.Existing === 'object' ? ` (beside the object ${data.Key.slice(0, -1)}, which stays)` : ''}.`
    : `The folder ${where} already exists; it was kept as it is.`;
  return facts(
    sentence,
    [['ETag', data.ETag]],
    button(`List ${data.Key}`, () => actions.listFolder(data.Key), { class: 'small' }),
  );
}
