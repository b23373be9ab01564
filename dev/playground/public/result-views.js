// Results drawn as what they are, one view per operation (RESULT_VIEWS): buckets, a listing
// (folders and objects), an object's body, a signed URL or form, a multipart upload, versions,
// CORS rules, or what was stored, copied, moved or removed; and errors. Actions (open a folder,
// read a key, page on) go back to the page through `actions`.
import { send } from './api.js';
import { button, copyButton, element } from './dom.js';
import { bareEtag, fileName, humanDate, humanSize, parseCsv } from './formatting.js';
import { renderJson } from './json-view.js';
import {
  corsDeletedView,
  corsView,
  lifecycleDeletedView,
  lifecycleView,
  restoredView,
  versioningView,
} from './bucket-views.js';
import {
  copiedView,
  createdBucketView,
  deletedBucketView,
  headView,
  notModifiedView,
  removedManyView,
  removedView,
  storedView,
} from './object-views.js';
import { counted, dated, pager, sized, table, text } from './result-parts.js';
import {
  abortedView,
  completedView,
  multipartView,
  partsView,
  partUrlsView,
  signedPostView,
  s3Error,
  uploadsView,
} from './upload-views.js';
import { createdFolderView, folderView } from './folder-results.js';
import { tagsDeletedView, tagsView } from './tag-views.js';
import { versionsView } from './versions-view.js';

function errorView(result) {
  const data = result.data ?? {};
  // The message once; the details add what it does not say (code, status, request id, …).
  const details = Object.entries(data).filter(
    ([name, value]) =>
      value !== undefined && value !== '' && !['allowed', 'serverMessage'].includes(name) && typeof value !== 'object',
  );
  return element('div', { class: 'error-box', id: 'result-error', role: 'alert' }, [
    element('p', { class: 'failed', text: result.message || 'Failed' }),
    details.length
      ? element(
          'dl',
          { class: 'error-details' },
          details.flatMap(([name, value]) => [element('dt', { text: name }), element('dd', { text: String(value) })]),
        )
      : undefined,
  ]);
}

function bucketsView(data, _query, actions) {
  return element('div', {}, [
    element('p', { class: 'summary', text: counted(data.Buckets.length, 'bucket') }),
    table(
      ['Bucket', 'Created'],
      data.Buckets.map((bucket) => [
        button(bucket.Name, () => actions.listBucket(bucket.Name), { class: 'link' }),
        dated(bucket.CreationDate),
      ]),
      { id: 'buckets-table' },
    ),
  ]);
}

/**
 * A column heading that sorts the whole listing: fetchAll with sortBy, ascending first, then the
 * other way; an arrow shows the sort in force.
 */
function sortHeading(label, by, query, actions) {
  const current = (query.sortBy ?? '').toLowerCase() === by.toLowerCase();
  const descending = current && (query.sortOrder ?? 'asc').toLowerCase() === 'desc';
  const order = current && !descending ? 'desc' : 'asc';
  const arrow = current ? (descending ? ' ▼' : ' ▲') : '';
  return button(`${label}${arrow}`, () => actions.sortBy(by, order), {
    class: 'link sort',
    'data-sort': by,
    title: `Sort every object by ${label.toLowerCase()}, ${order === 'asc' ? 'ascending' : 'descending'} (fetches all pages)`,
  });
}

function listingView(data, query, actions, { page }) {
  const folders = data.CommonPrefixes ?? [];
  const objects = data.Contents ?? [];
  const signed = objects.some((object) => object.SignedUrl);
  const where = `${data.Name ?? ''}/${data.Prefix ?? ''}`;
  const counts = [counted(objects.length, 'object'), folders.length ? counted(folders.length, 'folder') : ''];
  const filtered =
    data.ScannedCount === undefined
      ? ''
      : ` (${data.MatchedCount} of ${counted(data.ScannedCount, 'object')} listed matched the filters)`;
  const parts = [
    element('p', { class: 'summary', text: `${counts.filter(Boolean).join(', ')} in ${where}${filtered}` }),
  ];
  if (!objects.length && !folders.length)
    parts.push(
      element('p', {
        class: 'empty',
        text: `Nothing here: no key in ${data.Name} starts with '${data.Prefix ?? ''}'.`,
      }),
    );
  if (data.Prefix) {
    const folder = data.Prefix.endsWith('/') ? data.Prefix.slice(0, -1) : data.Prefix;
    const parent = folder.slice(0, folder.lastIndexOf('/') + 1);
    parts.push(
      button(`↑ ${parent || 'bucket root'}`, () => actions.listFolder(parent), { id: 'parent-folder', class: 'link' }),
    );
  }
  if (folders.length) {
    parts.push(
      element('h3', { text: 'Folders' }),
      element(
        'ul',
        { class: 'folders', id: 'folders' },
        folders.map((folder) =>
          element('li', {}, [button(folder.Prefix, () => actions.listFolder(folder.Prefix), { class: 'link' })]),
        ),
      ),
    );
  }
  if (objects.length) {
    const headings = [
      sortHeading('Key', 'key', query, actions),
      sortHeading('Size', 'size', query, actions),
      sortHeading('Last modified', 'lastModified', query, actions),
      'Storage class',
      'ETag',
      ...(signed ? ['Signed URL'] : []),
    ];
    parts.push(
      element('h3', { text: 'Objects' }),
      table(
        headings,
        objects.map((object) => [
          button(object.Key, () => actions.readKey(object.Key), { class: 'link', title: `Read ${object.Key}` }),
          sized(object.Size),
          dated(object.LastModified),
          text(object.StorageClass),
          element('code', { text: bareEtag(object.ETag).slice(0, 12), title: bareEtag(object.ETag) }),
          ...(signed
            ? [object.SignedUrl ? copyButton('Copy URL', () => object.SignedUrl, { class: 'small' }) : text('')]
            : []),
        ]),
        { id: 'objects-table' },
      ),
    );
  }
  if (data.Warning) parts.push(element('p', { class: 'warning', text: data.Warning }));
  const next =
    data.IsTruncated && data.NextContinuationToken ? { continuationToken: data.NextContinuationToken } : undefined;
  parts.push(pager(page, actions, next, { continuationToken: '' }));
  return element('div', { class: 'listing' }, parts);
}

function bodyBlob(data) {
  const type = String(data.ContentType || 'application/octet-stream');
  if (data.BodyEncoding === 'base64') {
    const binary = atob(data.Body);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type });
  }
  return new Blob([data.BodyEncoding === 'json' ? JSON.stringify(data.Body, null, 2) : data.Body], { type });
}

/**
 * Text read with its ETag: edit it in an upload_object query that replaces the object only if it
 * still has that ETag (ifMatch), so two people saving the same file cannot overwrite each other.
 */
function editIfUnchanged(data, query, actions) {
  if (!data.ETag || (data.BodyEncoding !== 'utf8' && data.BodyEncoding !== 'json')) return undefined;
  const text = data.BodyEncoding === 'json' ? JSON.stringify(data.Body, null, 2) : data.Body;
  return button(
    'Edit, save only if unchanged',
    () =>
      actions.edit({
        operation: 'upload_object',
        bucket: query.bucket,
        key: query.key,
        data: text,
        contentType: data.ContentType ?? '',
        encoding: 'utf8',
        ifMatch: data.ETag,
        ifNoneMatch: '',
      }),
    {
      id: 'edit-if-unchanged',
      class: 'small',
      title: 'Fills Upload object with this text and ifMatch: the save is refused if someone changed the object since',
    },
  );
}

function bodyView(data, query, actions) {
  if (data.NotModified) return notModifiedView(data);
  const type = String(data.ContentType || '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  const size = data.ContentLength ?? (data.BodyEncoding === 'utf8' ? new Blob([data.Body]).size : undefined);
  const download = element('a', {
    id: 'result-download',
    class: 'button',
    href: URL.createObjectURL(bodyBlob(data)),
    download: fileName(query.key),
    text: 'Download',
  });
  const meta = element('div', { class: 'body-meta' }, [
    element('span', {
      text: [type || 'no content type', humanSize(size), data.BodyEncoding].filter(Boolean).join(' · '),
    }),
    download,
    editIfUnchanged(data, query, actions),
  ]);
  let shown;
  if (data.BodyEncoding === 'json') shown = jsonTree(data.Body);
  else if (data.BodyEncoding === 'utf8' && /json$/.test(type)) shown = parsedJson(data.Body);
  else if (data.BodyEncoding === 'utf8' && (type === 'text/csv' || /\.csv$/i.test(query.key ?? ''))) {
    const [head = [], ...rows] = parseCsv(data.Body);
    shown = table(head, rows, { id: 'result-csv' });
  } else if (type.startsWith('image/') && data.BodyEncoding === 'base64')
    shown = element('img', { id: 'result-image', alt: fileName(query.key), src: `data:${type};base64,${data.Body}` });
  else if (type === 'image/svg+xml')
    shown = element('img', {
      id: 'result-image',
      alt: fileName(query.key),
      src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.Body)}`,
    });
  else if (data.BodyEncoding === 'utf8') shown = element('pre', { id: 'result-text', text: data.Body });
  else
    shown = element('p', {
      id: 'result-binary',
      text: `Binary object (${type || 'unknown type'}, ${size} bytes): use Download to save it.`,
    });
  return element('div', { class: 'body-view' }, [meta, shown]);
}

function jsonTree(value) {
  const box = element('div', { id: 'result-json-body', class: 'json-body' });
  renderJson(box, value, false);
  return box;
}

function parsedJson(textBody) {
  try {
    return jsonTree(JSON.parse(textBody));
  } catch {
    return element('pre', { id: 'result-text', text: textBody });
  }
}

const shellQuote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

function signedUrlView(data, query) {
  const method = data.Method || 'GET';
  const headers = Object.entries(data.Headers ?? {});
  const curl =
    method === 'PUT'
      ? [
          'curl -X PUT',
          ...headers.map(([name, value]) => `-H ${shellQuote(`${name}: ${value}`)}`),
          '--data-binary @file',
          shellQuote(data.url),
        ].join(' ')
      : `curl -o ${shellQuote(fileName(query.key))} ${shellQuote(data.url)}`;
  const parts = [
    element('p', {
      class: 'summary',
      text: `A ${method} URL${data.ExpiresAt ? `, valid until ${humanDate(data.ExpiresAt)}` : ''}`,
    }),
    element('div', { class: 'url-row' }, [
      element('code', { class: 'url', text: data.url }),
      copyButton('Copy URL', () => data.url, { class: 'small' }),
    ]),
    element('div', { class: 'url-row' }, [
      element('code', { id: 'curl-line', class: 'url', text: curl }),
      copyButton('Copy curl', () => curl, { class: 'small' }),
    ]),
  ];
  if (method === 'GET') {
    parts.push(
      element('a', {
        id: 'result-link',
        class: 'button',
        href: data.url,
        target: '_blank',
        rel: 'noopener noreferrer',
        text: 'Open in a new tab',
      }),
    );
  } else {
    parts.push(uploadThroughUrl(data));
  }
  return element('div', { class: 'signed-url' }, parts);
}

/** Uploads a chosen file with a plain PUT to the signed URL, from this page, as an app would. */
function uploadThroughUrl(data) {
  const outcome = element('p', { id: 'signed-put-result', role: 'status' });
  const input = element('input', { type: 'file', id: 'signed-put-file' });
  input.addEventListener('change', async () => {
    const [file] = input.files ?? [];
    if (!file) return;
    outcome.className = '';
    outcome.textContent = `Uploading ${file.name}…`;
    try {
      const request = send('PUT', data.url, file, {
        headers: data.Headers ?? {},
        json: false,
        onProgress: (sent, total) =>
          (outcome.textContent = `Uploading ${file.name}: ${Math.round((100 * sent) / total)}%`),
      });
      const answer = await request.promise;
      const ok = answer.status >= 200 && answer.status < 300;
      const etag = answer.getResponseHeader('ETag');
      outcome.className = ok ? 'ok' : 'failed';
      outcome.textContent = ok
        ? `Uploaded ${file.name} (${humanSize(file.size)}): HTTP ${answer.status}${etag ? `, ETag ${etag}` : ''}`
        : `The upload was refused: HTTP ${answer.status} ${s3Error(answer.responseText).code ?? ''}`;
    } catch (error) {
      outcome.className = 'failed';
      outcome.textContent = `The upload did not reach the server (${error.message}): the bucket may need a CORS rule for this page's origin.`;
    }
  });
  return element('div', { class: 'upload-through' }, [
    element('label', { for: 'signed-put-file', text: 'Upload a file through this URL' }),
    input,
    outcome,
  ]);
}

/** The view of each operation's result; an operation missing here shows only its JSON (and fails a test). */
export const RESULT_VIEWS = {
  get_object: bodyView,
  head_object: headView,
  upload_object: storedView,
  remove_object: removedView,
  remove_objects: removedManyView,
  copy_object: copiedView,
  move_object: copiedView,
  create_folder: createdFolderView,
  copy_folder: folderView,
  move_folder: folderView,
  delete_folder: folderView,
  list_buckets: bucketsView,
  list_objects: listingView,
  create_bucket: createdBucketView,
  delete_bucket: deletedBucketView,
  signed_url_for_get: signedUrlView,
  signed_url_for_put: signedUrlView,
  signed_post_for_upload: signedPostView,
  create_multipart_upload: multipartView,
  signed_urls_for_parts: partUrlsView,
  complete_multipart_upload: completedView,
  abort_multipart_upload: abortedView,
  list_upload_parts: partsView,
  list_multipart_uploads: uploadsView,
  list_object_versions: versionsView,
  restore_object_version: restoredView,
  get_bucket_versioning: versioningView,
  put_bucket_versioning: versioningView,
  get_bucket_cors: corsView,
  put_bucket_cors: corsView,
  delete_bucket_cors: corsDeletedView,
  get_object_tagging: tagsView,
  put_object_tagging: tagsView,
  delete_object_tagging: tagsDeletedView,
  get_bucket_lifecycle: lifecycleView,
  put_bucket_lifecycle: lifecycleView,
  delete_bucket_lifecycle: lifecycleDeletedView,
};

/**
 * Draws `result` into `view`; `query` is what was run, `actions` reruns the query panel, `options`
 * says which page of a listing this is. The view's root carries `data-view`: the operation drawn.
 */
export function renderResult(view, result, query, actions, { page = 1 } = {}) {
  view.replaceChildren();
  if (result.status !== 'ok') return view.append(errorView(result));
  const draw = RESULT_VIEWS[query.operation];
  const node = draw
    ? draw(result.data ?? {}, query, actions, { page })
    : element('p', { class: 'summary', text: `Done: ${query.operation}'s result is below, as JSON.` });
  node.dataset.view = draw ? query.operation : 'none';
  view.append(node);
}

/** Readable binary previews are object URLs: free them with the view. */
export function clearResult(view) {
  for (const link of view.querySelectorAll('a[href^="blob:"]')) URL.revokeObjectURL(link.href);
  view.replaceChildren();
}
