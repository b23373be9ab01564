// Draws forms from field descriptions built from manifest.json and operations.json, by the app
// builder's rules. It knows control types (select, toggle, password, text, code), never operations.
// As in the app builder, a form holds one value per key: the fields of every operation (or
// authentication) that share a key show the same value, so a bucket typed once stays when the
// operation changes.
import { element } from './dom.js';

/** Lines a code field grows to before it scrolls: a line break typed with Shift+Enter is never hidden. */
const MAX_CODE_ROWS = 8;

function fitRows(textarea) {
  textarea.rows = Math.min(MAX_CODE_ROWS, textarea.value.split('\n').length);
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
    // A saved value the list does not have shows as nothing selected, as in the app builder.
    if (value !== undefined && !(field.options || []).some((option) => option.value === value)) control.value = '';
  } else if (field.control === 'toggle') {
    control = element('input', { id, type: 'checkbox', checked: value === true || value === 'true' });
  } else if (field.control === 'code') {
    control = element('textarea', { id, rows: 1, placeholder: field.placeholder, spellcheck: 'false' });
    control.value = value === undefined ? '' : String(value);
    fitRows(control);
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
  // As in the app builder: help is the label's tooltip; a flip dropdown's help shows under it. The
  // tooltip also shows under the field while it has focus, so the keyboard reaches it too.
  const label = element('label', {
    for: id,
    text: field.label,
    title: field.tooltip,
    class: field.tooltip ? 'has-tooltip' : undefined,
  });
  if (field.control === 'toggle') wrapper.append(control, label);
  else wrapper.append(label, control);
  if (field.helpText) wrapper.append(element('small', { class: 'help-text', text: field.helpText }));
  if (field.tooltip) {
    const help = element('small', { class: 'field-help', id: `${id}-help`, text: field.tooltip });
    control.setAttribute('aria-describedby', help.id);
    wrapper.append(help);
  }
  return wrapper;
}

/**
 * Draws `fields` into `form` with `values`. Enter in a one-line field (and in a code field, where
 * Shift+Enter adds a line) calls `onEnter` instead of typing a line break the field would hide.
 */
export function renderForm(form, fields, prefix, values, onEnter) {
  form.replaceChildren(...fields.map((field) => renderField(field, prefix, values[field.key])));
  updateVisibility(form);
  form.addEventListener('input', (event) => shareValue(form, event.target));
  form.addEventListener('change', (event) => shareValue(form, event.target));
  form.addEventListener('keydown', (event) => {
    const control = event.target;
    if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || !control.dataset?.key) return;
    if (control.tagName === 'TEXTAREA' && event.shiftKey) return void setTimeout(() => fitRows(control));
    if (control.tagName === 'TEXTAREA' || control.tagName === 'INPUT') {
      event.preventDefault();
      onEnter?.();
    }
  });
}

/** Gives every other field of the same key the value just typed or chosen. */
function shareValue(form, control) {
  const key = control.dataset?.key;
  if (!key) return;
  if (control.tagName === 'TEXTAREA') fitRows(control);
  const value = control.dataset.control === 'toggle' ? control.checked : control.value;
  for (const other of form.querySelectorAll(`[data-key="${key}"]`)) if (other !== control) writeValue(other, value);
}

function writeValue(control, value) {
  if (control.dataset.control === 'toggle') control.checked = value === true || value === 'true';
  else if (control.readOnly) return;
  else control.value = value === undefined || value === null ? '' : String(value);
  if (control.tagName === 'TEXTAREA') fitRows(control);
}

/** The control of `key` that is shown now (each flip group has its own). */
export function controlFor(form, key) {
  return [...form.querySelectorAll(`[data-key="${key}"]`)].find((node) => !node.closest('.field').hidden);
}

export function updateVisibility(form) {
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

/** The values of the fields shown now; `skipControls` leaves out some control types (passwords, to save). */
export function formValues(form, skipControls = []) {
  const result = {};
  for (const wrapper of form.querySelectorAll('.field')) {
    if (wrapper.hidden) continue;
    const control = wrapper.querySelector('[data-key]');
    if (skipControls.includes(control.dataset.control)) continue;
    result[control.dataset.key] = readValue(control);
  }
  return result;
}

/** Every key's value, shown or not, as text (what the app builder saves as a query's options). */
export function allValues(form, skipControls = []) {
  const result = {};
  for (const control of form.querySelectorAll('[data-key]')) {
    const key = control.dataset.key;
    if (skipControls.includes(control.dataset.control) || key in result) continue;
    const shown = controlFor(form, key) ?? control;
    result[key] = shown.dataset.control === 'toggle' ? shown.checked : shown.value;
  }
  return result;
}

/** Sets fields by key, in every group: flip dropdowns first, so the groups shown follow. */
export function setValues(form, values) {
  const entries = Object.entries(values);
  const isFlip = (key) => form.querySelector(`.field[data-show-key="${key}"]`) !== null;
  for (const [key, value] of [...entries.filter(([key]) => isFlip(key)), ...entries.filter(([key]) => !isFlip(key))]) {
    for (const control of form.querySelectorAll(`[data-key="${key}"]`)) writeValue(control, value);
    updateVisibility(form);
  }
}

/** Marks the field an error names, so the user sees where to look. */
export function markInvalid(form, key, message) {
  const control = controlFor(form, key);
  if (!control) return false;
  control.setAttribute('aria-invalid', 'true');
  const wrapper = control.closest('.field');
  wrapper.classList.add('invalid');
  wrapper.append(element('small', { class: 'field-error', text: message }));
  return true;
}

export function clearInvalid(form) {
  for (const wrapper of form.querySelectorAll('.field.invalid')) {
    wrapper.classList.remove('invalid');
    wrapper.querySelector('[aria-invalid]')?.removeAttribute('aria-invalid');
    wrapper.querySelector('.field-error')?.remove();
  }
}
