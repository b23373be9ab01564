// A result as JSON: a tree that folds by node (native <details>), or the raw text.
import { element } from './dom.js';

/** Long strings (a file's base64) are cut in the view; Copy takes the whole value. */
const SHOWN_STRING = 300;
/** Levels open at first; deeper nodes start folded. */
const OPEN_LEVELS = 2;

function leaf(value) {
  if (typeof value === 'string') {
    const cut = value.length > SHOWN_STRING;
    const text = JSON.stringify(cut ? value.slice(0, SHOWN_STRING) : value);
    return element('span', { class: 'json-string', text: cut ? `${text}… (${value.length} characters)` : text });
  }
  if (value === null || value === undefined) return element('span', { class: 'json-null', text: 'null' });
  return element('span', { class: `json-${typeof value}`, text: String(value) });
}

function node(name, value, depth) {
  const label = name === undefined ? [] : [element('span', { class: 'json-key', text: `${name}: ` })];
  if (value === null || typeof value !== 'object')
    return element('div', { class: 'json-leaf' }, [...label, leaf(value)]);
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  const details = element('details', { open: depth < OPEN_LEVELS }, [
    element('summary', {}, [...label, element('span', { class: 'json-count', text: summary })]),
  ]);
  for (const [key, item] of entries) details.append(node(key, item, depth + 1));
  return details;
}

function rawText(value) {
  return JSON.stringify(
    value,
    (_key, item) =>
      typeof item === 'string' && item.length > 4000
        ? `${item.slice(0, 4000)}… (${item.length - 4000} more characters)`
        : item,
    2,
  );
}

/** Draws `value` into `container` as a tree, or as raw JSON text. */
export function renderJson(container, value, raw) {
  container.replaceChildren(
    raw
      ? element('pre', { class: 'json-raw', text: rawText(value) })
      : element('div', { class: 'json-tree' }, [node(undefined, value, 0)]),
  );
}
