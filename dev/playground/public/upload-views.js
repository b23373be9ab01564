// Browser uploads straight to S3, as an app would run them: a file through a signed POST form,
// and a file in parts through a multipart upload's signed part URLs (parallel PUTs, ETags read
// from each answer, then complete). Queries the page needs meanwhile go through `actions.query`.
import { send } from './api.js';
import { button, element } from './dom.js';
import { humanDate, humanSize } from './formatting.js';

/** Parallel part uploads: enough to fill a connection, few enough for a browser's per-host limit. */
const PARALLEL_PARTS = 4;

const s3Code = (xml) => /<Code>([^<]+)/.exec(xml)?.[1];
const s3Message = (xml) => /<Message>([^<]+)/.exec(xml)?.[1];

function fileInput(id, label, onFile) {
  const input = element('input', { type: 'file', id });
  input.addEventListener('change', () => {
    const [file] = input.files ?? [];
    if (file) onFile(file);
  });
  return [element('label', { for: id, text: label }), input];
}

function report(outcome, ok, text) {
  outcome.className = ok ? 'ok' : 'failed';
  outcome.textContent = text;
}

/** A signed POST: its limits, its fields, and a file sent through it from this page. */
export function signedPostView(data) {
  const outcome = element('p', { id: 'signed-post-result', role: 'status' });
  const limits = [
    data.key ? `key ${data.key}` : `keys under ${data.keyPrefix} (the file's own name)`,
    `up to ${humanSize(data.maxSizeBytes)}`,
    data.contentTypePrefix ? `Content-Type ${data.contentTypePrefix}…` : 'any Content-Type',
    `valid until ${humanDate(data.expiresAt)}`,
  ];
  const upload = async (file) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(data.fields)) form.append(name, value);
    form.append(data.contentTypeField, file.type || 'application/octet-stream');
    form.append(data.fileField, file);
    outcome.className = '';
    outcome.textContent = `Uploading ${file.name}…`;
    try {
      const answer = await send('POST', data.url, form, {
        json: false,
        onProgress: (sent, total) =>
          (outcome.textContent = `Uploading ${file.name}: ${Math.round((100 * sent) / total)}%`),
      }).promise;
      const body = answer.responseText;
      if (answer.status >= 200 && answer.status < 300)
        report(outcome, true, `Stored as ${/<Key>([^<]+)/.exec(body)?.[1] ?? data.key} (${humanSize(file.size)})`);
      else report(outcome, false, `Refused: HTTP ${answer.status} ${s3Code(body) ?? ''}: ${s3Message(body) ?? ''}`);
    } catch (error) {
      report(
        outcome,
        false,
        `The upload did not reach the server (${error.message}): the bucket may need a CORS rule allowing POST from this page's origin.`,
      );
    }
  };
  return element('div', { class: 'signed-url', id: 'signed-post' }, [
    element('p', { class: 'summary', text: `A form upload (POST ${data.url}): ${limits.join(', ')}` }),
    element('p', {
      class: 'hint',
      text: `Send these fields, then ${data.contentTypeField} and the file as "${data.fileField}" last:`,
    }),
    element(
      'dl',
      { class: 'error-details', id: 'signed-post-fields' },
      Object.entries(data.fields).flatMap(([name, value]) => [
        element('dt', { text: name }),
        element('dd', { text: value }),
      ]),
    ),
    element('div', { class: 'upload-through' }, [
      ...fileInput('signed-post-file', 'Upload a file through this form', upload),
      outcome,
    ]),
  ]);
}

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A started multipart upload: send a file in parts through signed URLs and complete it, or abort it. */
export function multipartView(data, actions) {
  const outcome = element('p', { id: 'multipart-result', role: 'status' });
  const target = { bucket: data.Bucket, key: data.Key, uploadId: data.UploadId };
  const plan = data.partCount
    ? `${data.partCount} parts of ${humanSize(data.partSize)}`
    : `parts of ${humanSize(data.partSize)}`;

  const upload = async (file) => {
    const partCount = Math.max(1, Math.ceil(file.size / data.partSize));
    if (partCount > 10000)
      return report(outcome, false, `${file.name} needs ${partCount} parts: start the upload again with its fileSize`);
    const fail = (text) => report(outcome, false, text);
    outcome.className = '';
    outcome.textContent = `Signing ${partCount} part URLs…`;
    const signed = await actions.query({
      operation: 'signed_urls_for_parts',
      ...target,
      partNumbers: `1-${partCount}`,
    });
    if (signed.status !== 'ok') return fail(signed.message);
    let sentBytes = 0;
    const sentPerPart = new Map();
    const progress = () =>
      (outcome.textContent = `Uploading ${file.name} in ${partCount} parts: ${Math.round((100 * sentBytes) / Math.max(1, file.size))}%`);
    try {
      const parts = await inParallel(signed.data.urls, PARALLEL_PARTS, async ({ PartNumber, url }) => {
        const start = (PartNumber - 1) * data.partSize;
        const answer = await send('PUT', url, file.slice(start, start + data.partSize), {
          json: false,
          onProgress: (sent) => {
            sentBytes += sent - (sentPerPart.get(PartNumber) ?? 0);
            sentPerPart.set(PartNumber, sent);
            progress();
          },
        }).promise;
        if (answer.status !== 200)
          throw new Error(`part ${PartNumber}: HTTP ${answer.status} ${s3Code(answer.responseText) ?? ''}`);
        const ETag = answer.getResponseHeader('ETag');
        if (!ETag)
          throw new Error(
            `part ${PartNumber} was stored, but the bucket's CORS rule does not expose the ETag header this page needs`,
          );
        return { PartNumber, ETag };
      });
      outcome.textContent = `Completing ${file.name}…`;
      const done = await actions.query({
        operation: 'complete_multipart_upload',
        ...target,
        parts: JSON.stringify(parts),
      });
      if (done.status !== 'ok') return fail(done.message);
      report(
        outcome,
        true,
        `Stored ${data.Key}: ${humanSize(file.size)} in ${done.data.Parts} parts, ETag ${done.data.ETag}`,
      );
    } catch (error) {
      fail(`The upload stopped: ${error.message}. The parts sent so far stay until you abort the upload.`);
    }
  };

  const abort = async () => {
    const answer = await actions.query({ operation: 'abort_multipart_upload', ...target });
    report(
      outcome,
      answer.status === 'ok',
      answer.status === 'ok' ? `Aborted upload ${data.UploadId}: its parts are deleted` : answer.message,
    );
  };

  return element('div', { class: 'signed-url', id: 'multipart' }, [
    element('p', { class: 'summary', text: `Upload ${data.UploadId} started for ${data.Key}: ${plan}` }),
    element('div', { class: 'upload-through' }, [
      ...fileInput('multipart-file', 'Upload a file in parts', (file) =>
        upload(file).catch((error) => report(outcome, false, error.message)),
      ),
      button('Abort upload', () => abort().catch((error) => report(outcome, false, error.message)), {
        id: 'multipart-abort',
        class: 'small',
      }),
      outcome,
    ]),
  ]);
}
