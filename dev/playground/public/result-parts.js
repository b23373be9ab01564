// The pieces result views are made of: tables, a sentence with facts under it, the pager of a
// listing, and values as they read (sizes, dates).
import { button, element } from './dom.js';
import { humanDate, humanSize } from './formatting.js';

export const text = (value) => document.createTextNode(value === undefined || value === null ? '' : String(value));
export const dated = (iso) => element('time', { datetime: iso, title: iso, text: humanDate(iso) });
export const sized = (bytes) => element('span', { title: `${bytes} bytes`, text: humanSize(bytes) });

/** A table that scrolls sideways inside the result, never the page. Cells are nodes or text. */
export function table(headings, rows, attributes = {}) {
  const cell = (value) => element('td', {}, [value instanceof Node ? value : text(value)]);
  return element('div', { class: 'table-wrap' }, [
    element('table', attributes, [
      element('thead', {}, [
        element(
          'tr',
          {},
          headings.map((heading) => element('th', {}, [heading instanceof Node ? heading : text(heading)])),
        ),
      ]),
      element(
        'tbody',
        {},
        rows.map((cells) => element('tr', {}, cells.map(cell))),
      ),
    ]),
  ]);
}

/**
 * A result told in one sentence, its facts under it (label and value; empty ones left out), then
 * any further parts (buttons, tables).
 */
export function facts(sentence, list, ...more) {
  const shown = list.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return element('div', { class: 'facts' }, [
    element('p', { class: 'summary', text: sentence }),
    shown.length
      ? element(
          'dl',
          { class: 'fact-list' },
          shown.flatMap(([label, value]) => [
            element('dt', { text: label }),
            element('dd', {}, [value instanceof Node ? value : text(value)]),
          ]),
        )
      : undefined,
    ...more,
  ]);
}

/**
 * Where a paged listing is: its page number, back to the first page, on to the next. `next` and
 * `first` are the paging options (token, markers) that run with the form's query, never into it.
 */
export function pager(page, actions, next, first) {
  if (page === 1 && !next) return undefined;
  return element('div', { class: 'pager' }, [
    element('span', { id: 'page-number', text: `Page ${page}` }),
    page > 1 ? button('← First page', () => actions.page(first, 1), { id: 'first-page', class: 'small' }) : undefined,
    next ? button('Next page →', () => actions.page(next, page + 1), { id: 'next-page', class: 'small' }) : undefined,
  ]);
}

/** "1 object", "3 objects". */
export const counted = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;
