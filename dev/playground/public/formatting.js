// How values read in the result views: sizes, dates, ETags and CSV text.

/** 1536 → "1.5 KB" (binary units, as S3 consoles show them). */
export function humanSize(bytes) {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

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
