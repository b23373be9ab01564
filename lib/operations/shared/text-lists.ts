/**
 * List options as an app passes them (a JSON array, or one entry per line): origins, methods and
 * header names, read before any request. Bucket CORS rules are made of these lists.
 */
import { shown } from '../../errors/failure.js';
import { count, LIMITS } from '../../limits.js';
import { assertTextLength, invalidField, isJsonList, isUnset, RawOptions, wellFormed } from '../../validation.js';

export const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'] as const;

/** The most entries one list option takes (far beyond a sensible rule). */
const MAX_ENTRIES = 100;

/** A list option: a JSON array of text, or one entry per line (commas also separate); empty: undefined. */
export function textList(options: RawOptions, field: string): string[] | undefined {
  const value = options[field];
  if (isUnset(value)) return undefined;
  let items: unknown[];
  // A list from an expression is not text, so no text cap applied: it gets as many entries as text could hold.
  if (Array.isArray(value)) items = value;
  else if (typeof value !== 'string') throw invalidField(field, 'must be a JSON array of text or one entry per line');
  else if (isJsonList(value)) {
    try {
      items = JSON.parse(value) as unknown[];
    } catch {
      throw invalidField(field, 'is not a valid JSON array (or write one entry per line)');
    }
    if (!Array.isArray(items)) throw invalidField(field, 'must be a JSON array of text or one entry per line');
  } else items = value.split(/[\n,]/);
  if (items.length > LIMITS.optionCharacters.list)
    throw invalidField(field, `must list at most ${MAX_ENTRIES} entries (got ${count(items.length)})`);
  const list = items.map((item) => {
    if (typeof item !== 'string')
      throw invalidField(
        field,
        `must list text only (got ${Array.isArray(item) ? 'a list' : item === null ? 'null' : typeof item})`,
      );
    assertTextLength(field, item, LIMITS.optionCharacters.list);
    return wellFormed(field, item).trim();
  });
  const entries = [...new Set(list.filter(Boolean))];
  if (entries.length > MAX_ENTRIES) throw invalidField(field, `must list at most ${MAX_ENTRIES} entries`);
  return entries.length ? entries : undefined;
}

/** Origins as browsers send them: scheme://host[:port], no path; `*` alone or once in the host. */
export function originList(options: RawOptions, field: string): string[] | undefined {
  const origins = textList(options, field);
  for (const origin of origins ?? []) {
    if (origin === '*') continue;
    const hint = origin.endsWith('/')
      ? ' without the trailing slash (a browser sends none)'
      : ' such as https://apps.example.com or http://localhost:3000';
    if (!/^https?:\/\/[A-Za-z0-9.*[\]:-]+(:\d{1,5})?$/.test(origin) || (origin.match(/\*/g) ?? []).length > 1)
      throw invalidField(field, `must list origins${hint}, or * for any (got '${shown(origin)}')`);
  }
  return origins;
}

export function methodList(options: RawOptions, field: string): string[] | undefined {
  const methods = textList(options, field)?.map((method) => method.toUpperCase());
  const unknown = methods?.find((method) => !(CORS_METHODS as readonly string[]).includes(method));
  if (unknown) throw invalidField(field, `must list methods of ${CORS_METHODS.join(', ')} (got '${shown(unknown)}')`);
  return methods && [...new Set(methods)];
}

/** Header names (HTTP tokens); `*` as a wildcard where allowed (AllowedHeaders, not ExposeHeaders). */
export function headerList(options: RawOptions, field: string, wildcard: boolean): string[] | undefined {
  const headers = textList(options, field);
  const token = wildcard ? /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/ : /^[A-Za-z0-9!#$%&'+.^_`|~-]+$/;
  const bad = headers?.find((header) => !token.test(header) || (header.match(/\*/g) ?? []).length > 1);
  if (bad)
    throw invalidField(
      field,
      `must list header names such as ${wildcard ? 'Content-Type, or * for any' : 'ETag (no wildcards)'} (got '${shown(bad)}')`,
    );
  return headers;
}
