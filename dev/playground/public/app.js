// The playground page: the connection modal and the query panel, drawn from the plugin's JSON
// files, running queries through the playground server, which calls the real plugin.
import { postJson } from './api.js';
import { button, copyButton, element } from './dom.js';
import { acceptDroppedFiles, readAsDataUrl } from './file-input.js';
import { humanSize } from './formatting.js';
import {
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

let connectionUpdatedAt = new Date().toISOString(); // the app builder's dataSourceUpdatedAt
let running; // the query being run: { cancel, started, timer }
let shownJson; // the value the JSON box shows
let rawJson = false;
let attachedFile; // { name, size, dataUrl } chosen for the upload's data

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

function showResult(result, query) {
  renderResult(view, result, query, resultActions);
  // An error's JSON is its details only: its sentence is shown once, above.
  showJson(result.status === 'ok' ? result : result.data);
  const field = result.data?.field;
  if (result.status !== 'ok' && typeof field === 'string') {
    const form = [queryForm, connectionForm].find((candidate) => markInvalid(candidate, field, 'Check this field'));
    controlFor(form ?? queryForm, field)?.focus();
  }
}

// --- running queries ----------------------------------------------------------------------

function queryOptions() {
  const options = formValues(queryForm);
  if (attachedFile && 'data' in options) options.data = attachedFile.dataUrl;
  return options;
}

async function run() {
  if (running) return;
  clearResults();
  const sourceOptions = formValues(connectionForm);
  const query = queryOptions();
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
    showResult(result, query);
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

/** What result views can do: fill the query form and run it again. */
const resultActions = {
  listBucket: (bucket) =>
    runWith({ operation: 'list_objects', bucket, prefix: '', delimiter: '/', continuationToken: '' }),
  listFolder: (prefix) => runWith({ operation: 'list_objects', prefix, delimiter: '/', continuationToken: '' }),
  readKey: (key) => runWith({ operation: 'get_object', key }),
  nextPage: (token) => runWith({ continuationToken: token }),
  /** Runs a query on the current connection without touching the query form (uploads' next steps). */
  query: (queryOptions) =>
    postJson('/api/run', {
      sourceOptions: formValues(connectionForm),
      queryOptions,
      dataSourceUpdatedAt: connectionUpdatedAt,
    }).promise,
};

/** Fills the query form (keeping its bucket across operations) and runs it. */
function runWith(values) {
  const bucket = formValues(queryForm).bucket;
  setValues(queryForm, { ...values, ...(values.bucket === undefined && bucket ? { bucket } : {}) });
  saveForms();
  run().catch(showFailure);
}

async function testConnection() {
  const output = $('test-result');
  output.textContent = 'Testing…';
  output.className = '';
  clearInvalid(connectionForm);
  const result = await postJson('/api/test-connection', { sourceOptions: formValues(connectionForm) }).promise;
  output.textContent = result.message ? `${result.status}: ${result.message}` : result.status;
  output.className = result.status === 'ok' ? 'ok' : 'failed';
}

// --- files for uploads -------------------------------------------------------------------

/** Puts a file into the upload's fields: data (base64), content type, encoding, and the key if empty. */
async function attachFile(file) {
  setValues(queryForm, { operation: 'upload_object' });
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

// --- saving and starting ------------------------------------------------------------------

function saveForms() {
  save(formValues(connectionForm, ['password']), formValues(queryForm));
}

function showFailure(error) {
  showResult({ status: 'failed', message: `The playground could not do that: ${error.message}` }, {});
}

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
  $('about').replaceChildren(...parts);
}

async function init() {
  const forms = await (await fetch('/api/forms')).json();
  const saved = loadSaved();
  describeServer(forms.about);
  renderForm(connectionForm, forms.connection, 'conn', { ...forms.connectionDefaults, ...saved.connection });
  renderForm(queryForm, forms.query, 'query', {});
  setValues(queryForm, { ...forms.about.queryDefaults, ...saved.query });
  if (forms.secretKeyOnServer) {
    for (const secret of connectionForm.querySelectorAll('[data-key="secret_key"]'))
      secret.placeholder = '(kept on the server: PLAYGROUND_SECRET_KEY)';
  }
  addFilePicker();

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
