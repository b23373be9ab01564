/**
 * JSON.parse without holding the event loop: a large document whose top level is an array or
 * an object (what data files are) is cut between its entries by a scan that tracks strings and
 * nesting, and each run of entries is parsed natively, yielding between runs. Smaller documents,
 * and top-level values of other kinds, are parsed in one step as before.
 */
import { shown } from '../errors/failure.js';
import { TimeSlices } from '../time-slices.js';

/** Text parsed in one step: a few milliseconds of JSON.parse, well under the budget even on a busy machine. */
const RUN_CHARACTERS = 128 * 1024;
/** Characters scanned between checks of the clock. */
const SCAN_STEP = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Where a run of entries failed to parse, for the message: the error, and where the run began. */
export class JsonRunError extends SyntaxError {
  constructor(message: string, at: number) {
    super(`${shown(message)} (in the entries from character ${at})`);
  }
}

/** A document nested deeper than the caller allows, found by the scan before anything is parsed. */
export class JsonTooDeep extends Error {
  constructor(readonly maxDepth: number) {
    super(`nested more than ${maxDepth} levels deep`);
  }
}

export interface JsonSliceOptions {
  /** Refuse deeper nesting while scanning (JSON.parse itself would spend long on a deep document). */
  maxDepth?: number;
}

/** Adds a run's entries to the result: an array's elements, or an object's members (`__proto__` as data). */
function collect(into: unknown[] | Record<string, unknown>, run: unknown): void {
  if (Array.isArray(into)) for (const item of run as unknown[]) into.push(item);
  else
    for (const [name, value] of Object.entries(run as Record<string, unknown>))
      Object.defineProperty(into, name, { value, enumerable: true, writable: true, configurable: true });
}

/** Where the first character that is not white space is: the piece, and the index in it (-1 for none). */
function firstNonSpace(pieces: readonly string[], from = 0, at = 0): [piece: number, index: number] {
  for (let piece = from; piece < pieces.length; piece += 1) {
    const found = (piece === from ? pieces[piece].slice(at) : pieces[piece]).search(/\S/);
    if (found >= 0) return [piece, found + (piece === from ? at : 0)];
  }
  return [pieces.length, -1];
}

/** Where piece `piece` starts in the whole text. */
function offsetOf(pieces: readonly string[], piece: number): number {
  let offset = 0;
  for (let before = 0; before < piece; before += 1) offset += pieces[before].length;
  return offset;
}

/**
 * `source` is the text, whole or in pieces (a body read in pieces is never joined into one
 * string: a join of many megabytes is one long step, and the pieces are scanned where they are).
 */
export async function parseJsonInSlices(
  source: string | readonly string[],
  { maxDepth }: JsonSliceOptions = {},
): Promise<unknown> {
  const pieces = typeof source === 'string' ? [source] : source;
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const [first, start] = firstNonSpace(pieces);
  const open = start < 0 ? Number.NaN : pieces[first].charCodeAt(start);
  const container = open === OPEN_BRACKET || open === OPEN_BRACE;
  if (!container || (total <= RUN_CHARACTERS && maxDepth === undefined)) return JSON.parse(pieces.join(''));
  // The top level is depth 1; an entry that opens another level is depth 2, and so on.
  const deepest = (maxDepth ?? Infinity) - 1;
  const [opening, closing] = open === OPEN_BRACKET ? ['[', ']'] : ['{', '}'];
  const result: unknown[] | Record<string, unknown> = open === OPEN_BRACKET ? [] : {};
  const slices = new TimeSlices();
  // The run of entries not parsed yet: what earlier pieces hold of it, and where it starts in this one.
  let runParts: string[] = [];
  let runFrom = start + 1;
  let base = offsetOf(pieces, first);
  let runStart = base + start + 1;
  const parseRun = (text: string, to: number): void => {
    const run = runParts.length ? runParts.join('') + text.slice(runFrom, to) : text.slice(runFrom, to);
    try {
      collect(result, JSON.parse(opening + run + closing));
    } catch (error) {
      throw new JsonRunError((error as Error).message, runStart);
    }
    runParts = [];
  };
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let piece = first; piece < pieces.length; piece += 1) {
    const text = pieces[piece];
    for (let index = piece === first ? start + 1 : 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (escaped) escaped = false;
      else if (inString) {
        if (code === BACKSLASH) escaped = true;
        else if (code === QUOTE) inString = false;
      } else if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
        depth += 1;
        if (depth > deepest) throw new JsonTooDeep(maxDepth as number);
      } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
        if (depth === 0) {
          if (text[index] !== closing)
            throw new SyntaxError(`Unexpected token '${shown(text[index])}' at position ${base + index}`);
          parseRun(text, index);
          // Whatever follows the closing bracket must be nothing but white space, as JSON.parse requires.
          const [after, at] = firstNonSpace(pieces, piece, index + 1);
          if (at >= 0)
            throw new SyntaxError(
              `Unexpected non-whitespace character after JSON at position ${offsetOf(pieces, after) + at}`,
            );
          return result;
        }
        depth -= 1;
      } else if (code === COMMA && depth === 0 && base + index - runStart >= RUN_CHARACTERS) {
        parseRun(text, index);
        runFrom = index + 1;
        runStart = base + index + 1;
      }
      if (index % SCAN_STEP === 0 && slices.due()) await slices.yield();
    }
    runParts.push(text.slice(runFrom));
    runFrom = 0;
    base += text.length;
  }
  throw new SyntaxError('Unexpected end of JSON input');
}

/** Values (of every level) in a list or object written natively in one step: a row of a table. */
const NATIVE_VALUES = 256;
/** Entries written between checks of the clock. */
const CLOCK_STEP = 64;
/** Characters collected before they are set aside as one part of the text. */
const PART_CHARACTERS = 64 * 1024;

/** A list or object being written: its entries (an object's by name), the next one, whether one was written yet. */
interface Frame {
  container: unknown[] | Record<string, unknown>;
  names?: string[];
  size: number;
  next: number;
  wrote: boolean;
  depth: number;
}

const isContainer = (value: unknown): value is object => typeof value === 'object' && value !== null;

/** The frame's entry at `index`, and its name for an object's. */
function entryAt(frame: Frame, index: number): [string | undefined, unknown] {
  const name = frame.names?.[index];
  return name === undefined
    ? [undefined, (frame.container as unknown[])[index]]
    : [name, (frame.container as Record<string, unknown>)[name]];
}

/** A plain list or object: an object's names, or undefined for a list; null for anything else (written natively). */
function namesOf(value: unknown): string[] | undefined | null {
  if (!isContainer(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return null;
  if (Array.isArray(value)) return undefined;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null ? Object.keys(value) : null;
}

/**
 * True when `value` holds at most NATIVE_VALUES values in all, none of its lists or objects
 * `levels` deep, counted without reading further.
 */
function isSmall(value: unknown, levels: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  let counted = 0;
  while (pending.length) {
    const [item, level] = pending.pop() as [unknown, number];
    const names = namesOf(item);
    if (names === null) continue;
    if (level >= levels) return false;
    const size = names ? names.length : (item as unknown[]).length;
    counted += size;
    if (counted > NATIVE_VALUES) return false;
    for (let index = 0; index < size; index += 1)
      pending.push([names ? (item as Record<string, unknown>)[names[index]] : (item as unknown[])[index], level + 1]);
  }
  return true;
}

/** A plain list or object too large to write in one step; undefined for what JSON.stringify writes natively here. */
function frameOf(value: unknown, depth: number, maxDepth: number): Frame | undefined {
  const names = namesOf(value);
  if (names === null || isSmall(value, maxDepth - depth + 1)) return undefined;
  const container = value as Frame['container'];
  const size = names ? names.length : (container as unknown[]).length;
  return { container, names, size, next: 0, wrote: false, depth };
}

/** JSON.stringify without holding the event loop (see jsonPartsInSlices). */
export async function stringifyInSlices(value: unknown, options: JsonSliceOptions = {}): Promise<string> {
  return (await jsonPartsInSlices(value, options)).join('');
}

/**
 * JSON.stringify's text without holding the event loop, in parts of about 64 KB (each ends on a
 * whole character): lists and objects are written an entry at a time (a small one in one step),
 * yielding between slices; the same text, character for character. Refuses nesting deeper than
 * `maxDepth` while writing.
 */
export async function jsonPartsInSlices(
  value: unknown,
  { maxDepth = Infinity }: JsonSliceOptions = {},
): Promise<string[]> {
  // Pieces joined a part at a time: one string added to piece by piece is a rope, whose flattening at the end took 100 ms.
  const parts: string[] = [];
  let pieces: string[] = [];
  let length = 0;
  const write = (piece: string): void => {
    pieces.push(piece);
    length += piece.length;
    if (length >= PART_CHARACTERS) {
      parts.push(pieces.join(''));
      pieces = [];
      length = 0;
    }
  };
  /** A list or object to write entry by entry, or its text (undefined where JSON.stringify leaves it out). */
  const open = (item: unknown, depth: number): { text?: string; frame?: Frame } => {
    if (isContainer(item) && depth >= maxDepth) throw new JsonTooDeep(maxDepth);
    const frame = frameOf(item, depth + 1, maxDepth);
    return frame ? { frame, text: frame.names ? '{' : '[' } : { text: JSON.stringify(item) };
  };
  const top = open(value, 0);
  if (!top.frame) return [top.text as string];
  write(top.text as string);
  const stack: Frame[] = [top.frame];
  const slices = new TimeSlices();
  let steps = 0;
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.next === frame.size) {
      write(frame.names ? '}' : ']');
      stack.pop();
    } else {
      const [name, item] = entryAt(frame, frame.next);
      frame.next += 1;
      const opened = open(item, frame.depth);
      // A list writes null for what has no JSON (undefined, a function); an object leaves the member out.
      if (opened.text !== undefined || name === undefined) {
        const label = name === undefined ? '' : `${JSON.stringify(name)}:`;
        write(`${frame.wrote ? ',' : ''}${label}${opened.text ?? 'null'}`);
        frame.wrote = true;
        if (opened.frame) stack.push(opened.frame);
      }
    }
    steps += 1;
    if (steps % CLOCK_STEP === 0 && slices.due()) await slices.yield();
  }
  parts.push(pieces.join(''));
  return parts;
}
