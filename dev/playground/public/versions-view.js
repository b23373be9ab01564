// list_object_versions drawn as one table: versions and delete markers of each key, newest first,
// the current one marked, so a version id can be copied into get_object or restore_object_version.
import { copyButton, element } from './dom.js';
import { humanDate, humanSize } from './formatting.js';
import { counted, pager } from './result-parts.js';

const cell = (value) => element('td', {}, [value]);

export function versionsView(data, _query, actions, { page }) {
  const entries = [
    ...data.Versions.map((version) => ({ ...version, kind: 'version' })),
    ...(data.DeleteMarkers ?? []).map((marker) => ({ ...marker, kind: 'delete marker' })),
  ].sort((a, b) =>
    a.Key === b.Key ? String(b.LastModified).localeCompare(String(a.LastModified)) : a.Key < b.Key ? -1 : 1,
  );
  const rows = entries.map((entry) =>
    element('tr', { class: entry.IsLatest ? 'latest' : undefined }, [
      cell(document.createTextNode(entry.Key)),
      cell(
        element('span', {}, [
          document.createTextNode(entry.VersionId),
          document.createTextNode(' '),
          copyButton('Copy', () => entry.VersionId, { class: 'link' }),
        ]),
      ),
      cell(document.createTextNode(entry.IsLatest ? `${entry.kind} (current)` : entry.kind)),
      cell(entry.Size === undefined ? undefined : document.createTextNode(humanSize(entry.Size))),
      cell(document.createTextNode(humanDate(entry.LastModified))),
    ]),
  );
  const head = element(
    'tr',
    {},
    ['Key', 'Version', 'Kind', 'Size', 'Modified'].map((text) => element('th', { text })),
  );
  const markers = data.DeleteMarkers?.length ? `, ${counted(data.DeleteMarkers.length, 'delete marker')}` : '';
  const next = data.IsTruncated
    ? { keyMarker: data.NextKeyMarker, versionIdMarker: data.NextVersionIdMarker }
    : undefined;
  return element('div', {}, [
    element('p', {
      class: 'summary',
      text: `${counted(data.Versions.length, 'version')}${markers} in ${data.Bucket ?? data.Name}/${data.Prefix ?? data.Key ?? ''}`,
    }),
    element('div', { class: 'table-wrap' }, [
      element('table', { id: 'versions-table' }, [element('thead', {}, [head]), element('tbody', {}, rows)]),
    ]),
    pager(page, actions, next, { keyMarker: '', versionIdMarker: '' }),
  ]);
}
