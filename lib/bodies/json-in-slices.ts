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

export async function parseJsonInSlices(text: string, { maxDepth }: JsonSliceOptions = {}): Promise<unknown> {
  const start = text.search(/\S/);
  const open = text.charCodeAt(start);
  const container = open === OPEN_BRACKET || open === OPEN_BRACE;
  if (!container || (text.length <= RUN_CHARACTERS && maxDepth === undefined)) return JSON.parse(text);
  // The top level is depth 1; an entry that opens another level is depth 2, and so on.
  const deepest = (maxDepth ?? Infinity) - 1;
  const [opening, closing] = open === OPEN_BRACKET ? ['[', ']'] : ['{', '}'];
  const result: unknown[] | Record<string, unknown> = open === OPEN_BRACKET ? [] : {};
  const slices = new TimeSlices();
  const parseRun = (from: number, to: number): void => {
    try {
      collect(result, JSON.parse(opening + text.slice(from, to) + closing));
    } catch (error) {
      throw new JsonRunError((error as Error).message, from);
    }
  };
  let runStart = start + 1;
  let depth = 0;
  let inString = false;
  for (let index = start + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index += 1;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACKET || code === OPEN_BRACE) {
      depth += 1;
      if (depth > deepest) throw new JsonTooDeep(maxDepth as number);
    } else if (code === CLOSE_BRACKET || code === CLOSE_BRACE) {
      if (depth === 0) {
        if (text[index] !== closing)
          throw new SyntaxError(`Unexpected token '${shown(text[index])}' at position ${index}`);
        parseRun(runStart, index);
        // Whatever follows the closing bracket must be nothing but white space, as JSON.parse requires.
        const after = text.slice(index + 1).search(/\S/);
        if (after >= 0)
          throw new SyntaxError(`Unexpected non-whitespace character after JSON at position ${index + 1 + after}`);
        return result;
      }
      depth -= 1;
    } else if (code === COMMA && depth === 0 && index - runStart >= RUN_CHARACTERS) {
      parseRun(runStart, index);
      runStart = index + 1;
    }
    if (index % SCAN_STEP === 0 && slices.due()) await slices.yield();
  }
  throw new SyntaxError('Unexpected end of JSON input');
}
