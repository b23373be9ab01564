// Browser uploads straight to S3, as an app would run them: a file through a signed POST form,
// and a file in parts through a multipart upload's signed part URLs (parallel PUTs, ETags read
// from each answer, then complete). Queries the page needs meanwhile go through `actions.query`.
import { send } from './api.js';
import { button, copyButton, element } from './dom.js';
import { bareEtag, humanDate, humanSize } from './formatting.js';
import { counted, dated, facts, pager, sized, table } from './result-parts.js';

/** Parallel part uploads: enough to fill a connection, few enough for a browser's per-host limit. */
const PARALLEL_PARTS = 4;

/** An S3 error document's code and message, read by an XML parser (so `&quot;` reads as `"`). */
export function s3Error(xml) {
  const documentRead = new DOMParser().parseFromString(String(xml ?? ''), 'application/xml');
  const field = (name) => documentRead.querySelector(`Error > ${name}`)?.textContent ?? undefined;
  return { code: field('Code'), message: field('Message'), key: documentRead.querySelector('Key')?.textContent };
}

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
  const disposition = data.Fields['Content-Disposition'];
  const limits = [
    data.Key ? `key ${data.Key}` : `keys under ${data.KeyPrefix} (the file's own name)`,
    `up to ${humanSize(data.MaxSizeBytes)}`,
    data.ContentTypePrefix ? `Content-Type ${data.ContentTypePrefix}…` : 'any Content-Type',
    disposition ? `served as a download (Content-Disposition: ${disposition})` : 'may be shown inline',
    `valid until ${humanDate(data.ExpiresAt)}`,
  ];
  const upload = async (file) => {
    const form = new FormData();
    // The signed fields include the Content-Disposition the policy requires (unless inline is allowed).
    for (const [name, value] of Object.entries(data.Fields)) form.append(name, value);
    form.append(data.ContentTypeField, file.type || 'application/octet-stream');
    form.append(data.FileField, file);
    outcome.className = '';
    outcome.textContent = `Uploading ${file.name}…`;
    try {
      const answer = await send('POST', data.Url, form, {
        json: false,
        onProgress: (sent, total) =>
          (outcome.textContent = `Uploading ${file.name}: ${Math.round((100 * sent) / total)}%`),
      }).promise;
      const read = s3Error(answer.responseText);
      if (answer.status >= 200 && answer.status < 300)
        report(outcome, true, `Stored as ${read.key ?? data.Key} (${humanSize(file.size)})`);
      else report(outcome, false, `Refused: HTTP ${answer.status} ${read.code ?? ''}: ${read.message ?? ''}`);
    } catch (error) {
      report(
        outcome,
        false,
        `The upload did not reach the server (${error.message}): the bucket may need a CORS rule allowing POST from this page's origin.`,
      );
    }
  };
  return element('div', { class: 'signed-url', id: 'signed-post' }, [
    element('p', { class: 'summary', text: `A form upload (POST ${data.Url}): ${limits.join(', ')}` }),
    element('p', {
      class: 'hint',
      text: `Send these fields, then ${data.ContentTypeField} and the file as "${data.FileField}" last:`,
    }),
    element(
      'dl',
      { class: 'error-details', id: 'signed-post-fields' },
      Object.entries(data.Fields).flatMap(([name, value]) => [
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

/** Part URLs signed per batch, just before use, so a long upload never meets an expired URL. */
const SIGNED_PER_BATCH = 20;
/** Tries per part: a dropped connection costs one part, not the upload. */
const TRIES_PER_PART = 3;

/** A started multipart upload: send a file in parts through signed URLs and complete it, or abort it. */
export function multipartView(data, _query, actions) {
  const outcome = element('p', { id: 'multipart-result', role: 'status' });
  const target = { bucket: data.Bucket, key: data.Key, uploadId: data.UploadId };
  const plan = data.PartCount
    ? `${data.PartCount} parts of ${humanSize(data.PartSize)}`
    : `parts of ${humanSize(data.PartSize)}`;
  /** The upload in flight: its open requests, and whether it was stopped. */
  let current;

  const sendPart = async (file, PartNumber, url) => {
    const start = (PartNumber - 1) * data.PartSize;
    for (let attempt = 1; ; attempt += 1) {
      const request = send('PUT', url, file.slice(start, start + data.PartSize), {
        json: false,
        onProgress: (sent) => current.progress(PartNumber, sent),
      });
      current.requests.add(request);
      try {
        const answer = await request.promise;
        if (answer.status !== 200)
          throw new Error(`part ${PartNumber}: HTTP ${answer.status} ${s3Error(answer.responseText).code ?? ''}`);
        const ETag = answer.getResponseHeader('ETag');
        if (!ETag)
          throw Object.assign(
            new Error(
              `part ${PartNumber} was stored, but the bucket's CORS rule does not expose the ETag header this page needs`,
            ),
            { final: true },
          );
        return { PartNumber, ETag };
      } catch (error) {
        current.progress(PartNumber, 0);
        if (current.stopped || error.final || attempt >= TRIES_PER_PART) throw error;
      } finally {
        current.requests.delete(request);
      }
    }
  };

  const upload = async (file) => {
    const partCount = Math.max(1, Math.ceil(file.size / data.PartSize));
    if (partCount > 10000)
      return report(outcome, false, `${file.name} needs ${partCount} parts: start the upload again with its fileSize`);
    const sentPerPart = new Map();
    current = {
      stopped: false,
      requests: new Set(),
      progress(PartNumber, sent) {
        sentPerPart.set(PartNumber, sent);
        const total = [...sentPerPart.values()].reduce((sum, bytes) => sum + bytes, 0);
        outcome.className = '';
        outcome.textContent = `Uploading ${file.name} in ${partCount} parts: ${Math.round((100 * total) / Math.max(1, file.size))}%`;
      },
    };
    const numbers = Array.from({ length: partCount }, (_, i) => i + 1);
    const parts = [];
    let next = 0;
    const worker = async (urls) => {
      while (!current.stopped && next < urls.length) {
        const { PartNumber, Url } = urls[next++];
        parts.push(await sendPart(file, PartNumber, Url));
      }
    };
    try {
      for (let batch = 0; batch < numbers.length; batch += SIGNED_PER_BATCH) {
        const wanted = numbers.slice(batch, batch + SIGNED_PER_BATCH);
        const signed = await actions.query({
          operation: 'signed_urls_for_parts',
          ...target,
          partNumbers: `${wanted[0]}-${wanted.at(-1)}`,
        });
        if (signed.status !== 'ok') throw new Error(signed.message);
        next = 0;
        await Promise.all(
          Array.from({ length: Math.min(PARALLEL_PARTS, wanted.length) }, () => worker(signed.data.Urls)),
        );
        if (current.stopped) return;
      }
      outcome.textContent = `Completing ${file.name}…`;
      const done = await actions.query({
        operation: 'complete_multipart_upload',
        ...target,
        parts: JSON.stringify(parts),
      });
      if (done.status !== 'ok') return report(outcome, false, done.message);
      report(
        outcome,
        true,
        `Stored ${data.Key}: ${humanSize(file.size)} in ${done.data.PartCount} parts, ETag ${done.data.ETag}`,
      );
    } catch (error) {
      stop();
      report(
        outcome,
        false,
        `The upload stopped: ${error.message}. The parts sent so far stay until you abort the upload.`,
      );
    }
  };

  /** Stops sending: no new parts start, and the ones in flight are cancelled. */
  const stop = () => {
    if (!current) return;
    current.stopped = true;
    for (const request of current.requests) request.cancel();
  };

  const abortButton = button('Abort upload', () => abort().catch((error) => report(outcome, false, error.message)), {
    id: 'multipart-abort',
    class: 'small',
  });
  /** Once the upload is completed or aborted it is gone: nothing more can be sent or aborted. */
  const finish = () => {
    abortButton.hidden = true;
    for (const input of box.querySelectorAll('input, button:not(#multipart-abort)')) input.disabled = true;
  };

  const abort = async () => {
    stop();
    const answer = await actions.query({ operation: 'abort_multipart_upload', ...target });
    report(
      outcome,
      answer.status === 'ok',
      answer.status === 'ok' ? `Aborted upload ${data.UploadId}: its parts are deleted` : answer.message,
    );
    if (answer.status === 'ok') finish();
  };

  const sendFile = (file) =>
    upload(file)
      .then(() => outcome.classList.contains('ok') && finish())
      .catch((error) => report(outcome, false, error.message));
  // A file chosen with the form before the upload was started is sent with one click.
  const chosen = actions.chosenFile?.();
  const box = element('div', { class: 'upload-through' }, [
    chosen && chosen.size === data.FileSize
      ? button(`Upload ${chosen.name} (${humanSize(chosen.size)}) in parts`, () => sendFile(chosen), {
          id: 'multipart-send-chosen',
          class: 'primary',
        })
      : undefined,
    ...fileInput('multipart-file', chosen ? 'Or another file, in parts' : 'Upload a file in parts', sendFile),
    abortButton,
    outcome,
  ]);
  return element('div', { class: 'signed-url', id: 'multipart' }, [
    element('p', { class: 'summary', text: `Upload ${data.UploadId} started for ${data.Key}: ${plan}` }),
    box,
  ]);
}

/** Signed part URLs: one row per part, each URL to copy. */
export function partUrlsView(data) {
  return facts(
    `${counted(data.Urls.length, 'part URL')} for upload ${data.UploadId} of ${data.Key}: ${data.Method} each part's bytes, until ${humanDate(data.ExpiresAt)}.`,
    [],
    table(
      ['Part', 'URL'],
      data.Urls.map((part) => [
        String(part.PartNumber),
        copyButton('Copy URL', () => part.Url, { class: 'small', title: `Part ${part.PartNumber}` }),
      ]),
      { id: 'part-urls' },
    ),
  );
}

export function completedView(data, _query, actions) {
  return facts(
    `Stored ${data.Key} in ${data.Bucket} from ${counted(data.PartCount, 'part')}.`,
    [
      ['ETag', element('code', { text: bareEtag(data.ETag) })],
      ['Version', data.VersionId],
    ],
    button(`Read ${data.Key}`, () => actions.readKey(data.Key, data.Bucket), { class: 'small', id: 'read-key' }),
  );
}

export function abortedView(data) {
  return facts(`Aborted upload ${data.UploadId} of ${data.Key}: its parts are deleted.`, []);
}

/** The parts an unfinished upload holds so far. */
export function partsView(data) {
  return facts(
    `Upload ${data.UploadId} of ${data.Key} holds ${counted(data.PartCount, 'part')}, ${humanSize(data.Size)}.`,
    [],
    table(
      ['Part', 'Size', 'ETag', 'Sent'],
      data.Parts.map((part) => [
        String(part.PartNumber),
        sized(part.Size),
        bareEtag(part.ETag),
        dated(part.LastModified),
      ]),
      { id: 'upload-parts' },
    ),
  );
}

/** The bucket's unfinished uploads, paged by key and upload id markers. */
export function uploadsView(data, _query, actions, { page }) {
  const uploads = data.Uploads ?? [];
  const next = data.IsTruncated
    ? { keyMarker: data.NextKeyMarker, uploadIdMarker: data.NextUploadIdMarker }
    : undefined;
  return facts(
    `${counted(uploads.length, 'unfinished upload')} in ${data.Bucket}${uploads.length ? ': their parts are stored (and billed) until completed or aborted' : ''}.`,
    [],
    uploads.length
      ? table(
          ['Key', 'Upload id', 'Started'],
          uploads.map((upload) => [upload.Key, element('code', { text: upload.UploadId }), dated(upload.Initiated)]),
          { id: 'uploads-table' },
        )
      : undefined,
    pager(page, actions, next, { keyMarker: '', uploadIdMarker: '' }),
  );
}
