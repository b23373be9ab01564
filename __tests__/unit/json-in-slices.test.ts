/**
 * Large JSON parsed a run of entries at a time gives exactly what JSON.parse gives, and refuses
 * what it refuses; large values written an entry at a time give exactly JSON.stringify's text.
 */
import {
  jsonPartsInSlices,
  JsonTooDeep,
  parseJsonInSlices,
  stringifyInSlices,
} from '../../lib/bodies/json-in-slices.js';
import { calmestRun } from '../support/event-loop-probe.js';

const records = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: i,
    name: `item "${i}", [a], {b}, \\ ${'é'.repeat(i % 5)}`,
    tags: ['x', { deep: [i, null, true] }],
    price: i * 1.5,
  }));

describe('parseJsonInSlices', () => {
  it.each([
    ['a large array of records', JSON.stringify(records(20_000))],
    ['a large object of records', JSON.stringify(Object.fromEntries(records(20_000).map((r) => [`k${r.id}`, r])))],
    [
      'a large array with white space everywhere',
      ` \n[ ${records(10_000)
        .map((r) => JSON.stringify(r, null, 2))
        .join(' ,\n ')} ]\n `,
    ],
    ['a small document', '{"a": [1, 2, {"b": "c"}]}'],
    ['a large string at the top level', JSON.stringify('x'.repeat(600_000))],
  ])('%s: the same value as JSON.parse', async (_name, text) => {
    expect(await parseJsonInSlices(text)).toEqual(JSON.parse(text));
  });

  /** `text` cut into pieces at every `step`th character: inside strings, after backslashes, in white space. */
  const cut = (text: string, step: number) =>
    Array.from({ length: Math.ceil(text.length / step) }, (_, i) => text.slice(i * step, (i + 1) * step));

  it.each([
    ['a large array of records', JSON.stringify(records(20_000))],
    [
      'a large object of records, pretty',
      JSON.stringify(Object.fromEntries(records(5_000).map((r) => [`k${r.id}`, r])), null, 1),
    ],
    ['a large array after white space', `${' '.repeat(5000)}\n${JSON.stringify(records(5_000))}  \n`],
  ])('%s, read in pieces: the same value as JSON.parse of the whole', async (_name, text) => {
    for (const step of [1, 7, 4096, 65_537, 1024 * 1024]) {
      const pieces = cut(text, step < 100 ? step * 10_007 : step);
      expect(await parseJsonInSlices(pieces)).toEqual(JSON.parse(text));
    }
    // A cut right after each backslash of an escape: the escaped character starts the next piece.
    const slash = text.indexOf('\\');
    expect(slash).toBeGreaterThan(0);
    expect(await parseJsonInSlices([text.slice(0, slash + 1), text.slice(slash + 1)])).toEqual(JSON.parse(text));
  });

  it('refuses text after the document in a later piece, with its position in the whole', async () => {
    const text = JSON.stringify(records(5_000));
    await expect(parseJsonInSlices([text, '  ', ' x'])).rejects.toThrow(`position ${text.length + 3}`);
  });

  it('keeps a "__proto__" member as data, and the last of repeated names, as JSON.parse does', async () => {
    const filler = JSON.stringify('y'.repeat(300_000));
    const text = `{"__proto__": {"polluted": true}, "a": 1, "pad": ${filler}, "a": 2}`;
    const parsed = (await parseJsonInSlices(text)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.keys(parsed)).toEqual(Object.keys(JSON.parse(text)));
    expect(parsed.a).toBe(2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const large = JSON.stringify(records(10_000));
  it.each([
    ['a closing brace for an array', `${large.slice(0, -1)}}`],
    ['text after the document', `${large} x`],
    ['a document cut off', large.slice(0, -10)],
    ['a trailing comma', `${large.slice(0, -1)},]`],
    ['a bad value in the middle', large.replace('"price":3000', '"price":30 00')],
  ])('refuses %s, as JSON.parse does', async (_name, text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    await expect(parseJsonInSlices(text)).rejects.toThrow(SyntaxError);
  });

  it('gives the event loop its turn while parsing 20 MB', async () => {
    const text = JSON.stringify(records(150_000));
    expect(text.length).toBeGreaterThan(15_000_000);
    const probed = await calmestRun(() => parseJsonInSlices(text), { runs: 2 });
    expect((probed.result as unknown[]).length).toBe(150_000);
    // In one step the stall would be the whole parse; in runs, a small part of it (and never over the 50 ms
    // budget on a machine fast enough to make a quarter of the parse less than that).
    expect(probed.longestStallMs).toBeLessThan(Math.max(probed.totalMs / 4, 50));
  });
});

describe('stringifyInSlices', () => {
  const withProto = JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "10": 1, "2": [], "b": {}}');
  const sparse: unknown[] = [1];
  sparse[3] = 2;
  it.each([
    ['a large array of records', records(20_000)],
    ['a large object of records', Object.fromEntries(records(20_000).map((r) => [`k${r.id}`, r]))],
    ['rows under one member', { rows: records(5_000), total: 5_000 }],
    ['a long flat list', Array.from({ length: 100_000 }, (_, i) => (i % 3 ? `s${i}` : i))],
    ['members named __proto__ and constructor, integer names first', withProto],
    ['strings that need escapes and lone surrogates', ['"\\\n\u0001', '\ud800', 'é🚀', { '\n"': '\udc00' }]],
    ['numbers JSON writes its own way', [NaN, -0, Infinity, 1e21, 5e-324, { a: -Infinity }]],
    [
      'what has no JSON: undefined and functions (null in a list, left out of an object)',
      [
        undefined,
        () => 1,
        {
          a: undefined,
          b: () => 1,
          c: 1,
          ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`u${i}`, undefined])),
        },
        Array.from({ length: 40 }, () => undefined),
      ],
    ],
    ['holes in a list', sparse],
    [
      'dates and buffers (toJSON) inside',
      [new Date(0), { file: Buffer.from('abc') }, Array.from({ length: 40 }, () => new Date(1))],
    ],
    ['empty ones', [[], {}, [[]], [{}], { a: {}, b: [] }]],
    ['a string', 'x'.repeat(1000)],
    ['a number', 42],
    ['null', null],
  ])('%s: the same text as JSON.stringify', async (_name, value) => {
    expect(await stringifyInSlices(value)).toBe(JSON.stringify(value));
  });

  it('refuses nesting deeper than asked, at the same depth the nesting check does', async () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 'bottom';
      for (let i = 0; i < levels; i += 1) value = [value];
      return value;
    };
    await expect(stringifyInSlices(nested(64), { maxDepth: 64 })).resolves.toBe(JSON.stringify(nested(64)));
    await expect(stringifyInSlices(nested(65), { maxDepth: 64 })).rejects.toThrow(JsonTooDeep);
    await expect(stringifyInSlices({ a: [{ b: nested(62) }] }, { maxDepth: 64 })).rejects.toThrow(JsonTooDeep);
  });

  it('gives the event loop its turn while writing 20 MB', async () => {
    const value = records(150_000);
    const probed = await calmestRun(() => jsonPartsInSlices(value), { runs: 2 });
    expect((probed.result as string[]).join('')).toBe(JSON.stringify(value));
    expect(probed.longestStallMs).toBeLessThan(Math.max(probed.totalMs / 4, 50));
  });
});
