// Object tags as results: an editor of the tags read or written (keys and values, add, remove,
// save as a put_object_tagging query), what a write replaced, and what was deleted.
import { button, element } from './dom.js';
import { facts, table } from './result-parts.js';

/** S3 keeps at most 10 tags an object. */
const MOST_TAGS = 10;

const tagTable = (tagSet, id) =>
  tagSet.length
    ? table(
        ['Key', 'Value'],
        tagSet.map((tag) => [tag.Key, tag.Value]),
        { id },
      )
    : undefined;

const version = (data) => (data.VersionId ? ` (version ${data.VersionId})` : '');

/**
 * The tags as rows of inputs. Save fills the query form with put_object_tagging (replace, the
 * tags as JSON) and runs it, so the query an app needs is the one on screen; S3's limits are
 * checked there, the field marked when one is broken.
 */
function tagEditor(data, actions) {
  const rows = element('tbody');
  const add = button('Add tag', () => addRow('', ''), { id: 'tag-add', class: 'small' });
  const full = () => (add.disabled = rows.children.length >= MOST_TAGS);
  function addRow(key, value) {
    const row = element('tr', { class: 'tag-row' }, [
      element('td', {}, [element('input', { class: 'tag-key', 'aria-label': 'Tag key', size: 12, value: key })]),
      element('td', {}, [element('input', { class: 'tag-value', 'aria-label': 'Tag value', size: 12, value })]),
    ]);
    row.append(
      element('td', {}, [
        button(
          'Remove',
          () => {
            row.remove();
            full();
          },
          { class: 'small tag-remove' },
        ),
      ]),
    );
    rows.append(row);
    full();
  }
  for (const tag of data.TagSet ?? []) addRow(tag.Key, tag.Value);
  const save = button(
    'Save tags',
    () => {
      const tags = {};
      for (const row of rows.children) {
        const key = row.querySelector('.tag-key').value;
        if (key !== '') tags[key] = row.querySelector('.tag-value').value;
      }
      actions.run({
        operation: 'put_object_tagging',
        bucket: data.Bucket,
        key: data.Key,
        versionId: data.VersionId ?? '',
        tags: JSON.stringify(tags),
        mode: 'replace',
      });
    },
    { id: 'tag-save' },
  );
  return element('div', { id: 'tag-editor' }, [
    // Scrolls sideways inside the result on a narrow screen, as every table does.
    element('div', { class: 'table-wrap' }, [
      element('table', {}, [
        element('thead', {}, [
          element(
            'tr',
            {},
            ['Key', 'Value', ''].map((text) => element('th', { text })),
          ),
        ]),
        rows,
      ]),
    ]),
    element('p', {}, [add, save]),
  ]);
}

export function tagsView(data, _query, actions) {
  const tagSet = data.TagSet ?? [];
  const done = data.Mode ? (data.Mode === 'merge' ? 'Merged tags into' : 'Replaced the tags of') : 'Tags of';
  const count = tagSet.length ? `${tagSet.length} of S3's ${MOST_TAGS}` : 'none';
  const previous = data.PreviousTagSet;
  return facts(
    `${done} ${data.Bucket}/${data.Key}${version(data)}: ${count}.`,
    [],
    tagTable(tagSet, 'object-tags'),
    tagEditor(data, actions),
    previous?.length ? facts('Before this write:', [], tagTable(previous, 'previous-tags')) : undefined,
  );
}

export function tagsDeletedView(data) {
  return facts(`Deleted every tag of ${data.Bucket}/${data.Key}${version(data)}.`, []);
}
