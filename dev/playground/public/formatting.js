// How values read in the result views: sizes, dates, ETags and CSV text.
// format-bytes.js is the plugin's own lib/format-bytes.ts, served as a module by the playground server.
import { formatBytes } from './format-bytes.js';

/** 1536 → "1.5 KB" (binary units, as S3 consoles show them and the plugin's messages write them). */
export const humanSize = (bytes) =>
  typeof bytes === 'number' && Number.isFinite(bytes) ? formatBytes(bytes, 'B') : '';

/** An ISO date as a local date and time ("27 Nov 2026, 14:05"). */
export function humanDate(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** An ETag without its quotes. */
export const bareEtag = (etag) => (typeof etag === 'string' ? etag.replace(/^"|"$/g, '') : '');

/** Rows of CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text, maxRows = 500) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length && rows.length < maxRows; i += 1) {
    const character = text[i];
    if (quoted) {
      if (character === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"') quoted = true;
    else if (character === ',') {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += character;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The last part of a key: the name a download is saved under. */
export const fileName = (key) => (typeof key === 'string' && key ? key.split('/').filter(Boolean).pop() : 'object');
