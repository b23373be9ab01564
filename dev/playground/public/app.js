// The playground page: the connection modal and the query panel, drawn from the plugin's JSON
// files, running queries through the playground server, which calls the real plugin.
import { postJson } from './api.js';
import { button, copyButton, element } from './dom.js';
import { acceptDroppedFiles, readAsDataUrl } from './file-input.js';
import { humanSize } from './formatting.js';
import {
  allValues,
  clearInvalid,
  controlFor,
  formValues,
  markInvalid,
  renderForm,
  setValues,
  updateVisibility,
} from './form-renderer.js';
import { renderJson } from './json-view.js';
import { clearResult, renderResult } from './result-views.js';
import { loadSaved, save } from './saved-state.js';

const $ = (id) => document.getElementById(id);
const connectionForm = $('connection-form');
const queryForm = $('query-form');
const view = $('result-view');
const status = $('result-status');

let forms; // what /api/forms answered
let connectionUpdatedAt = new Date().toISOString(); // the app builder's dataSourceUpdatedAt
let running; // the query being run: { cancel, started, timer }
let shownJson; // the value the JSON box shows
let rawJson = false;
let attachedFile; // { name, size, dataUrl } chosen for the upload's data
let partsFile; // a File chosen for a multipart upload before it was started

// --- status line, progress, results --------------------------------------------------------

function setStatus(text, kind = '') {
  status.textContent = text;
  status.className = kind;
}

function showProgress(label, done, total) {
  $('progress').hidden = false;
  $('progress-bar').value = total ? Math.round((100 * done) / total) : 0;
  $('progress-text').textContent = `${label} ${humanSize(done)} of ${humanSize(total)}`;
}

const hideProgress = () => ($('progress').hidden = true);

function showJson(value) {
  shownJson = value;
  $('result-json-box').hidden = value === undefined;
  if (value !== undefined) renderJson($('result-json'), value, rawJson);
}

function clearResults() {
  clearResult(view);
  showJson(undefined);
  clearInvalid(queryForm);
  clearInvalid(connectionForm);
}

/** Scrolls `node` into view when it is not (a result under a long form, a message under the fold). */
function reveal(node) {
  const top = node.getBoundingClientRect().top;
  const header = $('query-panel').querySelector('.panel-header').getBoundingClientRect().bottom;
  if (top < Math.max(0, header) || top > window.innerHeight - 60) node.scrollIntoView({ block: 'start' });
}

/** Marks the field a failure names, in whichever form has it, and moves the focus there. */
function markField(field, forms = [queryForm, connectionForm]) {
  if (typeof field !== 'string') return;
  const form = forms.find((candidate) => markInvalid(candidate, field, 'Check this field'));
  if (form) controlFor(form, field)?.focus({ preventScroll: true });
}

function showResult(result, query, page) {
  renderResult(view, result, query, resultActions, { page });
  // An error's JSON is its details only: its sentence is shown once, above.
  showJson(result.status === 'ok' ? result : result.data);
  if (result.status !== 'ok') markField(result.data?.field);
  reveal(view);
}

// --- running queries ----------------------------------------------------------------------

function queryOptions() {
  const options = formValues(queryForm);
  if (attachedFile && 'data' in options) options.data = attachedFile.dataUrl;
  return options;
}

/**
 * Runs the query in the form. `paging` (a next page's token or markers) goes with this run only,
 * never into the form: a later Run starts again from the first page. `page` is its number.
 */
async function run(paging = {}, page = 1) {
  if (running) return;
  clearResults();
  const sourceOptions = formValues(connectionForm);
  const query = { ...queryOptions(), ...paging };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const body = { sourceOptions, queryOptions: query, dataSourceUpdatedAt: connectionUpdatedAt };
  const request = postJson('/api/run', body, {
    // Large bodies (files) show how far the upload to the playground server is.
    onProgress: (sent, total) => total > 1024 * 1024 && showProgress('Sending', sent, total),
  });
  running = { ...request, timer: setInterval(() => setStatus(`Running… ${elapsed()}`, 'running'), 100) };
  setStatus('Running… 0.0 s', 'running');
  $('run').disabled = true;
  $('cancel').hidden = false;
  try {
    const result = await request.promise;
    const ms = Math.round(performance.now() - started);
    setStatus(`${result.status} in ${ms} ms`, result.status === 'ok' ? 'ok' : 'failed');
    showResult(result, query, page);
  } catch (error) {
    if (error.name === 'AbortError')
      setStatus(`cancelled after ${elapsed()} (the server may still finish it)`, 'failed');
    else showResult({ status: 'failed', message: `The playground server did not answer: ${error.message}` }, query);
    if (error.name !== 'AbortError') setStatus('failed', 'failed');
  } finally {
    clearInterval(running.timer);
    running = undefined;
    hideProgress();
    $('run').disabled = false;
    $('cancel').hidden = true;
  }
}

/** What result views can do: fill the query form and run it again, page on, query on the side. */
const resultActions = {
  listBucket: (bucket) =>
    runWith({ operation: 'list_objects', bucket, prefix: '', delimiter: '/', continuationToken: '' }),
  listFolder: (prefix) => runWith({ operation: 'list_objects', prefix, delimiter: '/', continuationToken: '' }),
  readKey: (key, bucket) => runWith({ operation: 'get_object', key, ...(bucket ? { bucket } : {}) }),
  /** Fills the query form with `values` without running it: the user finishes the query. */
  edit: (values) => fillQuery(values),
  /** Fills the query form with `values` and runs it (an editor's save: the query is the one on screen). */
  run: (values) => runWith(values),
  /** The same listing (prefix, filters) sorted: a sort needs every page. */
  sortBy: (sortBy, sortOrder) =>
    runWith({ operation: 'list_objects', fetchAll: true, sortBy, sortOrder, continuationToken: '' }),
  /** Runs the form's query for page `page` with `paging` (tokens, markers) added. */
  page: (paging, page) => run(paging, page).catch(showFailure),
  /** Runs a query on the current connection without touching the query form (uploads' next steps). */
  query: (queryOptions) =>
    postJson('/api/run', {
      sourceOptions: formValues(connectionForm),
      queryOptions,
      dataSourceUpdatedAt: connectionUpdatedAt,
    }).promise,
  /** The file chosen for a multipart upload before it was started, if any. */
  chosenFile: () => partsFile,
};

/** Fills the query form (its one options object keeps the bucket across operations). */
function fillQuery(values) {
  setValues(queryForm, values);
  showOperationNote();
  saveForms();
}

/** Fills the query form and runs it. */
function runWith(values) {
  fillQuery(values);
  run().catch(showFailure);
}

/** Test connection's result in words: never a bare "ok" or a raw "failed:". */
function connectionOutcome(result) {
  if (result.status !== 'ok') return `Connection failed: ${result.message ?? 'no reason given.'}`;
  if (!result.message) return 'Connected: the server answered and accepted the credentials.';
  return /^Connected/.test(result.message) ? result.message : `Connected. ${result.message}`;
}

async function testConnection() {
  const output = $('test-result');
  output.textContent = 'Testing…';
  output.className = '';
  clearInvalid(connectionForm);
  const result = await postJson('/api/test-connection', { sourceOptions: formValues(connectionForm) }).promise;
  output.textContent = connectionOutcome(result);
  output.className = result.status === 'ok' ? 'ok' : 'failed';
  markField(result.data?.field, [connectionForm]);
  reveal(output);
}

// --- files for uploads -------------------------------------------------------------------

/** Puts a file into the upload's fields: data (base64), content type, encoding, and the key if empty. */
async function attachFile(file) {
  setValues(queryForm, { operation: 'upload_object' });
  showOperationNote();
  const data = controlFor(queryForm, 'data');
  if (!data) return;
  const dataUrl = await readAsDataUrl(
    file,
    (done, total) => total > 1024 * 1024 && showProgress('Reading', done, total),
  );
  hideProgress();
  attachedFile = { name: file.name, size: file.size, dataUrl };
  data.value = `(file ${file.name}, ${humanSize(file.size)}, as base64)`;
  data.readOnly = true;
  const fields = { contentType: file.type, encoding: 'base64' };
  if (!formValues(queryForm).key) fields.key = file.name;
  setValues(queryForm, fields);
  $('file-chip').replaceChildren(
    element('span', { text: `${file.name} · ${humanSize(file.size)} · ${file.type || 'no type'}` }),
    button('Remove', detachFile, { class: 'small' }),
  );
  $('file-chip').hidden = false;
}

function detachFile() {
  attachedFile = undefined;
  const data = controlFor(queryForm, 'data');
  if (data) {
    data.readOnly = false;
    data.value = '';
  }
  $('file-chip').hidden = true;
}

/** A file picker beside the upload's data field (the app builder's file picker component). */
function addFilePicker() {
  const picker = element('input', { type: 'file', id: 'file-picker', class: 'offscreen' });
  picker.addEventListener('change', () => picker.files?.[0] && attachFile(picker.files[0]).catch(showFailure));
  const chip = element('div', { id: 'file-chip', class: 'file-chip', hidden: true });
  const choose = element('label', { for: 'file-picker', class: 'button small', text: 'Choose a file…' });
  for (const data of queryForm.querySelectorAll('[data-key="data"]')) {
    data.closest('.field').append(element('div', { class: 'file-row' }, [choose, picker, chip]));
  }
  acceptDroppedFiles($('drop-overlay'), (file) => attachFile(file).catch(showFailure));
}

/**
 * A file picker beside a multipart upload's file size: the file is chosen first, its size, type and
 * name fill the form, and the started upload sends that file.
 */
function addPartsFilePicker() {
  for (const size of queryForm.querySelectorAll('[data-key="fileSize"]')) {
    const picker = element('input', { type: 'file', id: 'parts-file-picker', class: 'offscreen' });
    const chosen = element('span', { id: 'parts-file-chip', class: 'file-chip' });
    picker.addEventListener('change', () => {
      const [file] = picker.files ?? [];
      if (!file) return;
      partsFile = file;
      const fields = { fileSize: String(file.size), contentType: file.type };
      if (!formValues(queryForm).key) fields.key = file.name;
      setValues(queryForm, fields);
      saveForms();
      chosen.textContent = `${file.name} · ${humanSize(file.size)}: Run starts its upload`;
    });
    const choose = element('label', { for: 'parts-file-picker', class: 'button small', text: 'Choose the file…' });
    size.closest('.field').append(element('div', { class: 'file-row' }, [choose, picker, chosen]));
  }
}

// --- the server, and what it lacks ------------------------------------------------------

function describeServer(about) {
  const parts = [element('p', { text: about.server })];
  if (about.keys)
    parts.push(
      element('p', {}, [
        document.createTextNode('It accepts the access key '),
        element('code', { text: about.keys.accessKey }),
        document.createTextNode(' with the secret key '),
        element('code', { text: about.keys.secretKey }),
        document.createTextNode(' (prefilled); any other secret is refused.'),
      ]),
    );
  if (about.bucket)
    parts.push(
      element('p', {}, [
        document.createTextNode('Its bucket '),
        element('code', { text: about.bucket.name }),
        document.createTextNode(' holds '),
        ...about.bucket.keys.flatMap((key, index) => [
          document.createTextNode(index ? ', ' : ''),
          element('code', { text: key }),
        ]),
        document.createTextNode('. Run the prefilled query to list it; click a folder or a key to go on.'),
      ]),
    );
  if (about.lacks?.length)
    parts.push(
      element('p', { id: 'server-lacks' }, [
        document.createTextNode('It lacks '),
        ...about.lacks.flatMap((gap, index) => [
          document.createTextNode(`${index ? '; and ' : ''}${gap.feature} (${gap.note}: `),
          ...gap.operations.flatMap((name, at) => [
            document.createTextNode(at ? ', ' : ''),
            element('code', { text: name }),
          ]),
          document.createTextNode(' fail here)'),
        ]),
        document.createTextNode('. '),
        element('code', { text: 'npm run start:rgw' }),
        document.createTextNode(' runs the playground on Ceph RGW, which has them.'),
      ]),
    );
  $('about').replaceChildren(...parts);
}

/** Under the operation dropdown: a word when the server lacks the operation chosen. */
function showOperationNote() {
  const operation = controlFor(queryForm, 'operation');
  let note = $('operation-note');
  if (!note) {
    note = element('p', { id: 'operation-note', class: 'warning', role: 'note' });
    operation.closest('.field').append(note);
  }
  const gap = forms.about.lacks?.find((candidate) => candidate.operations.includes(operation.value));
  note.hidden = !gap;
  note.textContent = gap
    ? `This server lacks ${gap.feature}, so ${operation.value} fails here. npm run start:rgw runs the playground on Ceph RGW, which has it.`
    : '';
}

// --- saving and starting ------------------------------------------------------------------

function saveForms() {
  save(formValues(connectionForm, ['password']), allValues(queryForm), forms.connectionDefaults);
}

function showFailure(error) {
  showResult({ status: 'failed', message: `The playground could not do that: ${error.message}` }, {});
}

async function init() {
  forms = await (await fetch('/api/forms')).json();
  const saved = loadSaved(forms.connectionDefaults);
  describeServer(forms.about);
  renderForm(connectionForm, forms.connection, 'conn', { ...forms.connectionDefaults, ...saved.connection }, () =>
    testConnection().catch(showFailure),
  );
  renderForm(queryForm, forms.query, 'query', {}, () => run().catch(showFailure));
  setValues(queryForm, { ...forms.about.queryDefaults, ...saved.query });
  if (forms.secretKeyOnServer) {
    for (const secret of connectionForm.querySelectorAll('[data-key="secret_key"]'))
      secret.placeholder = '(kept on the playground server)';
  }
  addFilePicker();
  addPartsFilePicker();
  showOperationNote();

  connectionForm.addEventListener('input', () => {
    connectionUpdatedAt = new Date().toISOString();
    updateVisibility(connectionForm);
    // A changed connection makes old results and an old test result stale.
    $('test-result').textContent = '';
    clearResults();
    setStatus('');
    saveForms();
  });
  queryForm.addEventListener('input', () => {
    updateVisibility(queryForm);
    showOperationNote();
    saveForms();
  });
  $('run').addEventListener('click', () => run().catch(showFailure));
  $('cancel').addEventListener('click', () => running?.cancel());
  $('test-connection').addEventListener('click', () => testConnection().catch(showFailure));
  $('json-mode').addEventListener('click', () => {
    rawJson = !rawJson;
    $('json-mode').setAttribute('aria-pressed', String(rawJson));
    $('json-mode').textContent = rawJson ? 'Tree' : 'Raw';
    showJson(shownJson);
  });
  $('json-copy').replaceWith(copyButton('Copy', () => JSON.stringify(shownJson, null, 2), { id: 'json-copy' }));
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run().catch(showFailure);
    }
  });
  document.body.dataset.ready = 'true';
}

init().catch(showFailure);
