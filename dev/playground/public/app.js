// The playground page. It renders forms from field descriptions built from manifest.json and
// operations.json: it knows control types (select, toggle, password, text, code), never operations.
'use strict';

const connectionForm = document.getElementById('connection-form');
const queryForm = document.getElementById('query-form');
let connectionUpdatedAt = new Date().toISOString();
let secretKeyOnServer = false;

function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) node.append(child);
  return node;
}

function renderField(field, prefix, initial) {
  const id = `${prefix}-${field.showWhen ? field.showWhen.equals : 'all'}-${field.key}`;
  const value = initial !== undefined ? initial : field.initialValue;
  let control;
  if (field.control === 'select') {
    control = element('select', { id });
    for (const option of field.options || []) {
      control.append(element('option', { value: option.value, text: option.label, selected: option.value === value }));
    }
  } else if (field.control === 'toggle') {
    control = element('input', { id, type: 'checkbox', checked: value === true || value === 'true' });
  } else if (field.control === 'code') {
    control = element('textarea', { id, rows: 1, placeholder: field.placeholder, spellcheck: 'false' });
    control.value = value === undefined ? '' : String(value);
  } else {
    control = element('input', {
      id,
      type: field.control === 'password' ? 'password' : 'text',
      placeholder: field.placeholder,
    });
    control.value = value === undefined ? '' : String(value);
  }
  control.dataset.key = field.key;
  control.dataset.control = field.control;
  const wrapper = element('div', { class: field.control === 'toggle' ? 'field toggle' : 'field' });
  if (field.showWhen) {
    wrapper.dataset.showKey = field.showWhen.key;
    wrapper.dataset.showEquals = field.showWhen.equals;
  }
  if (field.controller) wrapper.dataset.controller = field.controller;
  // As in the app builder: help is the label's tooltip; no text under the field.
  const label = element('label', {
    for: id,
    text: field.label,
    title: field.tooltip,
    class: field.tooltip ? 'has-tooltip' : undefined,
  });
  if (field.control === 'toggle') wrapper.append(control, label);
  else wrapper.append(label, control);
  // A flip dropdown's help shows under it, as in the app builder.
  if (field.helpText) wrapper.append(element('small', { class: 'help-text', text: field.helpText }));
  return wrapper;
}

function renderForm(form, fields, prefix, defaults) {
  form.replaceChildren(...fields.map((field) => renderField(field, prefix, defaults[field.key])));
  updateVisibility(form);
}

function controlFor(form, key) {
  return [...form.querySelectorAll(`[data-key="${key}"]`)].find((node) => !node.closest('.field').hidden);
}

function updateVisibility(form) {
  // Two passes: a field's visibility can depend on a field whose own visibility just changed.
  for (let pass = 0; pass < 2; pass += 1) {
    for (const wrapper of form.querySelectorAll('.field')) {
      let visible = true;
      if (wrapper.dataset.showKey) {
        const flip = controlFor(form, wrapper.dataset.showKey);
        visible = Boolean(flip) && flip.value === wrapper.dataset.showEquals;
      }
      if (visible && wrapper.dataset.controller) {
        const toggle = controlFor(form, wrapper.dataset.controller);
        visible = Boolean(toggle) && toggle.checked;
      }
      wrapper.hidden = !visible;
    }
  }
}

// Form values are text, as in the app builder; `{{ ... }}` holding JSON becomes that value.
function readValue(control) {
  if (control.dataset.control === 'toggle') return control.checked;
  const text = control.value;
  const expression = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
  if (expression) {
    try {
      return JSON.parse(expression[1]);
    } catch {
      return text;
    }
  }
  return text;
}

function values(form) {
  const result = {};
  for (const wrapper of form.querySelectorAll('.field')) {
    if (wrapper.hidden) continue;
    const control = wrapper.querySelector('[data-key]');
    result[control.dataset.key] = readValue(control);
  }
  return result;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

function shorten(key, value) {
  return typeof value === 'string' && value.length > 4000
    ? `${value.slice(0, 4000)}… (${value.length - 4000} more characters)`
    : value;
}

function table(rows, columns) {
  const head = element(
    'tr',
    {},
    columns.map((column) => element('th', { text: column })),
  );
  const body = rows.map((row) =>
    element(
      'tr',
      {},
      columns.map((column) => element('td', { text: row[column] === undefined ? '' : String(row[column]) })),
    ),
  );
  return element('table', {}, [element('thead', {}, [head]), element('tbody', {}, body)]);
}

function renderView(result) {
  const view = document.getElementById('result-view');
  view.replaceChildren();
  if (result.status !== 'ok') {
    const box = element('div', { class: 'error-box', id: 'result-error' }, [
      element('p', { class: 'failed', text: result.message || 'Failed' }),
    ]);
    if (result.description && result.description !== result.message)
      box.append(element('p', { text: String(result.description) }));
    if (result.data) box.append(element('pre', { text: JSON.stringify(result.data, null, 2) }));
    view.append(box);
    return;
  }
  const data = result.data || {};
  if (Array.isArray(data.Contents) || Array.isArray(data.CommonPrefixes)) {
    if (Array.isArray(data.CommonPrefixes) && data.CommonPrefixes.length) {
      view.append(table(data.CommonPrefixes, ['Prefix']));
    }
    view.append(table(data.Contents || [], ['Key', 'Size', 'LastModified', 'StorageClass', 'ETag']));
  } else if (Array.isArray(data.Buckets)) {
    view.append(table(data.Buckets, ['Name', 'CreationDate']));
  } else if (typeof data.Body === 'string') {
    const type = String(data.ContentType || '')
      .split(';')[0]
      .trim();
    if (type.startsWith('image/') && data.BodyEncoding === 'base64') {
      view.append(
        element('img', { id: 'result-image', alt: 'object preview', src: `data:${type};base64,${data.Body}` }),
      );
    } else if (type === 'image/svg+xml') {
      view.append(
        element('img', {
          id: 'result-image',
          alt: 'object preview',
          src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.Body)}`,
        }),
      );
    } else if (data.BodyEncoding === 'utf8') {
      view.append(element('pre', { id: 'result-text', text: data.Body }));
    } else {
      const bytes = Math.floor((data.Body.length * 3) / 4);
      view.append(
        element('a', {
          id: 'result-download',
          href: `data:${type || 'application/octet-stream'};base64,${data.Body}`,
          download: 'object',
          text: `Binary object (${type || 'unknown type'}, about ${bytes} bytes): download`,
        }),
      );
    }
  } else if (typeof data.url === 'string') {
    view.append(
      element('a', {
        id: 'result-link',
        href: data.url,
        target: '_blank',
        rel: 'noopener noreferrer',
        text: `Open signed URL (${data.method || 'GET'})`,
      }),
    );
    if (data.expiresAt) view.append(element('p', { text: `Expires at ${data.expiresAt}` }));
    if (data.headers && Object.keys(data.headers).length)
      view.append(element('p', { text: `Send headers: ${JSON.stringify(data.headers)}` }));
  }
}

async function run() {
  const status = document.getElementById('result-status');
  status.textContent = 'Running…';
  status.className = '';
  const started = performance.now();
  const result = await post('/api/run', {
    sourceOptions: values(connectionForm),
    queryOptions: values(queryForm),
    dataSourceUpdatedAt: connectionUpdatedAt,
  });
  status.textContent = `${result.status} in ${Math.round(performance.now() - started)} ms`;
  status.className = result.status === 'ok' ? 'ok' : 'failed';
  renderView(result);
  document.getElementById('result-json').textContent = JSON.stringify(result, shorten, 2);
}

async function testConnection() {
  const output = document.getElementById('test-result');
  output.textContent = 'Testing…';
  output.className = '';
  const result = await post('/api/test-connection', { sourceOptions: values(connectionForm) });
  output.textContent = result.message ? `${result.status}: ${result.message}` : result.status;
  output.className = result.status === 'ok' ? 'ok' : 'failed';
}

async function init() {
  const forms = await (await fetch('/api/forms')).json();
  secretKeyOnServer = forms.secretKeyOnServer;
  renderForm(connectionForm, forms.connection, 'conn', forms.connectionDefaults);
  renderForm(queryForm, forms.query, 'query', {});
  if (secretKeyOnServer) {
    for (const secret of connectionForm.querySelectorAll('[data-key="secret_key"]'))
      secret.placeholder = '(kept on the server: PLAYGROUND_SECRET_KEY)';
  }
  connectionForm.addEventListener('input', () => {
    connectionUpdatedAt = new Date().toISOString(); // the app builder's dataSourceUpdatedAt
    updateVisibility(connectionForm);
  });
  queryForm.addEventListener('input', () => updateVisibility(queryForm));
  document.getElementById('run').addEventListener('click', () => run().catch(showFailure));
  document.getElementById('test-connection').addEventListener('click', () => testConnection().catch(showFailure));
  document.body.dataset.ready = 'true';
}

function showFailure(error) {
  renderView({ status: 'failed', message: `The playground server did not answer: ${error.message}` });
}

init().catch(showFailure);
