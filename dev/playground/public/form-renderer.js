// Draws forms from field descriptions built from manifest.json and operations.json, by the app
// builder's rules. It knows control types (select, toggle, password, text, code), never operations.
import { element } from './dom.js';

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
  // As in the app builder: help is the label's tooltip; a flip dropdown's help shows under it.
  const label = element('label', {
    for: id,
    text: field.label,
    title: field.tooltip,
    class: field.tooltip ? 'has-tooltip' : undefined,
  });
  if (field.control === 'toggle') wrapper.append(control, label);
  else wrapper.append(label, control);
  if (field.helpText) wrapper.append(element('small', { class: 'help-text', text: field.helpText }));
  return wrapper;
}

export function renderForm(form, fields, prefix, values) {
  form.replaceChildren(...fields.map((field) => renderField(field, prefix, values[field.key])));
  updateVisibility(form);
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

/** Sets fields by key: flip dropdowns first, so each value lands in the group that is shown. */
export function setValues(form, values) {
  const entries = Object.entries(values);
  const isFlip = (key) => form.querySelector(`.field[data-show-key="${key}"]`) !== null;
  for (const [key, value] of [...entries.filter(([key]) => isFlip(key)), ...entries.filter(([key]) => !isFlip(key))]) {
    const control = controlFor(form, key);
    if (!control) continue;
    if (control.dataset.control === 'toggle') control.checked = value === true || value === 'true';
    else control.value = value === undefined || value === null ? '' : String(value);
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
