/**
 * Upload bodies as bytes: the form's `data` becomes the exact bytes of the declared encoding
 * (file-picker base64 and data URLs included), and data that does not match is refused, so
 * binary files (images, PDFs, zips) are never stored as text and never corrupted.
 */
import { shown } from '../errors/failure.js';
import { TimeSlices } from '../time-slices.js';
import { Filling } from './filling.js';
import { invalidField, MAX_DEPTH, tooDeep } from '../validation.js';
import { JsonTooDeep, jsonPartsInSlices } from './json-in-slices.js';

/** How upload `data` text is turned into bytes. */
export type UploadEncoding = 'utf8' | 'base64' | 'hex' | 'binary' | 'utf16le';

/**
 * Every encoding name Node's Buffer accepts (any case), as the app builder's plugin took them,
 * mapped to what it does: `ascii` and `latin1` store one byte per character like `binary`,
 * `ucs2` is `utf16le`, `base64url` is base64 (URL-safe base64 is accepted either way).
 */
export const ENCODING_NAMES: Record<string, UploadEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  base64: 'base64',
  base64url: 'base64',
  hex: 'hex',
  binary: 'binary',
  latin1: 'binary',
  ascii: 'binary',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
  ucs2: 'utf16le',
  'ucs-2': 'utf16le',
};

export interface UploadBody {
  /** Length of the stored object, in bytes. */
  size: number;
  /**
   * The bytes, decoded a slice at a time straight into one buffer of the final size: no slice
   * holds the event loop, and nothing copies the file again (a multipart upload cuts its parts
   * from this buffer without copying them).
   */
  bytes(): Promise<Buffer>;
  /**
   * The same bytes in a buffer handed out at once and decoded while the caller already sends
   * what is written (a request waits for its bytes: see filling.ts); `done` settles when it is full.
   */
  fill(): { bytes: Buffer; done: Promise<void> };
  /** Media type announced by a data URL (`data:image/png;base64,...`), if any. */
  dataUrlType?: string;
  /** True when `data` was an object or array, stored as JSON. */
  isJson: boolean;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]+)*?);base64,/i;
/**
 * Characters of `data` read or decoded in one step: a few milliseconds of work, so a 300 MB
 * upload never holds the event loop. A multiple of 4 (whole base64 quanta) and of 2 (hex pairs).
 */
export const TEXT_SLICE = 256 * 1024;

function fromBuffer(bytes: Buffer, isJson = false): UploadBody {
  return { size: bytes.length, bytes: async () => bytes, fill: () => ({ bytes, done: Promise.resolve() }), isJson };
}

/** Text as one string, or as parts that each end on a whole character (JSON written a part at a time). */
type Text = string | readonly string[];

/** The slices of `text`, each with where it starts and whether it is the last. */
function* slicesOf(text: Text): Generator<[slice: string, start: number, last: boolean]> {
  if (typeof text !== 'string') {
    let start = 0;
    for (const [index, part] of text.entries()) {
      yield [part, start, index === text.length - 1];
      start += part.length;
    }
    return;
  }
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + TEXT_SLICE);
    // A high surrogate is never split from its low half.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield [text.slice(start, end), start, end === text.length];
    start = end;
  }
}

/** The slices of `text`, yielding between them. */
async function eachSlice(text: Text, visit: (slice: string, start: number) => boolean | void): Promise<void> {
  const slices = new TimeSlices();
  for (const [slice, start] of slicesOf(text)) {
    if (visit(slice, start) === false) return;
    if (slices.due()) await slices.yield();
  }
}

/** Writes one slice's bytes into `into` at `at` and says how many it wrote. */
type SliceWriter = (slice: string, last: boolean, into: Buffer, at: number) => number;

/**
 * A body of `text` decoded a slice at a time into one buffer; `writer` makes a writer for one
 * pass, which may carry what a slice leaves over (half a base64 quantum) to the next. Each slice
 * is written where it belongs: first touches of fresh memory (costly on some machines) and the
 * decoding are spread over the slices, where stream pieces cost a copy of every 8 MB part in
 * lib-storage, in one step.
 */
function textBody(text: Text, size: number, writer: () => SliceWriter): UploadBody {
  /** Decodes into `into`, reporting how far after each slice; the bytes written. */
  async function decodeInto(into: Buffer, progress?: (written: number) => void): Promise<number> {
    const write = writer();
    const slices = new TimeSlices();
    let at = 0;
    for (const [slice, , last] of slicesOf(text)) {
      at += write(slice, last, into, at);
      progress?.(at);
      if (slices.due()) await slices.yield();
    }
    return at;
  }
  return {
    size,
    isJson: false,
    async bytes() {
      const into = Buffer.allocUnsafe(size);
      const at = await decodeInto(into);
      // The sizes are counted exactly beforehand; never hand on bytes that were not written.
      return at === size ? into : into.subarray(0, at);
    },
    fill() {
      // A buffer of its own (never a slice of Node's shared pool): requests find their filling by it.
      const into = Buffer.allocUnsafeSlow(size);
      const filling = new Filling(into);
      const done = decodeInto(into, (written) => filling.advance(written)).then((at) => {
        if (at !== size) throw new Error(`The upload data decoded to ${at} bytes, not the ${size} counted.`);
      });
      done.catch((error: unknown) => filling.fail(error));
      return { bytes: into, done };
    },
  };
}

/** A writer for encodings that need nothing carried between slices. */
const plainWriter = (encoding: BufferEncoding) => (): SliceWriter => (slice, _last, into, at) =>
  into.write(slice, at, encoding);

/** A list of byte values, or a Buffer as JSON (`{ type: 'Buffer', data: [...] }`). */
function byteList(data: object): number[] | undefined {
  const list = Array.isArray(data)
    ? data
    : (data as { type?: unknown }).type === 'Buffer'
      ? (data as { data?: unknown }).data
      : undefined;
  const isByte = (value: unknown) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255;
  return Array.isArray(list) && list.length > 0 && list.every(isByte) ? list : undefined;
}

/**
 * The bytes to store for `data` in `encoding`; refuses data that does not match the encoding.
 * With a content type that is not JSON, a list of byte values is stored as those bytes, as the
 * app builder's plugin stored it (Buffer.from); otherwise objects and lists are stored as JSON.
 */
export async function encodeUploadBody(
  data: unknown,
  encoding: UploadEncoding,
  contentType?: string,
): Promise<UploadBody> {
  if (data === undefined || data === null) return fromBuffer(Buffer.alloc(0));
  if (Buffer.isBuffer(data)) return fromBuffer(data);
  // Bytes from the server's own code (a Uint8Array or any other view): its bytes, never JSON of its indexes.
  if (ArrayBuffer.isView(data)) return fromBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  const bytes = typeof data === 'object' && contentType && !/json/i.test(contentType) ? byteList(data) : undefined;
  if (bytes) return fromBuffer(Buffer.from(bytes));
  if (typeof data === 'object') {
    if (encoding !== 'utf8') {
      throw invalidField(
        'data',
        `an object or array is stored as JSON text, so 'encoding' must be utf8 (got ${encoding})`,
      );
    }
    // Written and encoded a slice at a time: an app's query result of 20 MB took a second in one step.
    return { ...(await utf8Body(await jsonText(data))), isJson: true };
  }
  const text = String(data);
  switch (encoding) {
    case 'utf8':
      return utf8Body(text);
    case 'base64':
      return base64Body(text);
    case 'hex':
      return hexBody(text);
    case 'binary':
      return latin1Body(text);
    case 'utf16le':
      return textBody(text, text.length * 2, plainWriter('utf16le'));
  }
}

/** `data` as JSON text, refused when nested deeper than the JSON options allow (deeper ones overflow the stack). */
async function jsonText(data: object): Promise<string[]> {
  try {
    return await jsonPartsInSlices(data, { maxDepth: MAX_DEPTH });
  } catch (error) {
    if (error instanceof JsonTooDeep) throw tooDeep('data');
    throw error;
  }
}

async function utf8Body(text: Text): Promise<UploadBody> {
  // Text of one slice is one step either way: encoded at once, without the slicing's clock and generators.
  if (typeof text === 'string' && text.length <= TEXT_SLICE) return fromBuffer(Buffer.from(text, 'utf8'));
  let size = 0;
  await eachSlice(text, (slice) => {
    size += Buffer.byteLength(slice, 'utf8');
  });
  return textBody(text, size, plainWriter('utf8'));
}

const WHITESPACE = /\s/;
const stripped = (slice: string): string => (WHITESPACE.test(slice) ? slice.replace(/\s+/g, '') : slice);

/** What one pass over base64 text finds: its length without whitespace, padding, alphabets, a bad character. */
interface Base64Scan {
  length: number;
  firstPad: number;
  tail: string;
  urlSafe: boolean;
  standard: boolean;
  /** Some slice had whitespace (line breaks): the decoder strips it; otherwise slices go as they are. */
  whitespace: boolean;
  bad?: { character: string; position: number };
}

/** The standard base64 alphabet by UTF-16 code unit: 1 for a member. */
const STANDARD_ALPHABET = new Uint8Array(128);
for (const character of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')
  STANDARD_ALPHABET[character.charCodeAt(0)] = 1;

/** Where `text` first has a character outside the standard alphabet, or -1 (a table lookup a character: ~3x a regex search here). */
function firstNonStandard(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 128 || STANDARD_ALPHABET[code] === 0) return index;
  }
  return -1;
}

async function scanBase64(payload: string): Promise<Base64Scan> {
  const scan: Base64Scan = { length: 0, firstPad: -1, tail: '', urlSafe: false, standard: false, whitespace: false };
  await eachSlice(payload, (slice) => {
    // One pass finds anything beyond the standard alphabet (whitespace included); only a slice
    // that has some (padding, line breaks, the URL-safe alphabet, a bad character: usually at
    // most the last slice) is looked at closer.
    const first = firstNonStandard(slice);
    const compact = first < 0 ? slice : stripped(slice);
    scan.whitespace ||= compact.length !== slice.length;
    const other = first < 0 || compact === slice ? first : firstNonStandard(compact);
    if (other >= 0) {
      const bad = compact.slice(other).search(/[^A-Za-z0-9+/=_-]/);
      if (bad >= 0) {
        scan.bad = { character: compact[other + bad], position: scan.length + other + bad };
        return false;
      }
      const pad = compact.indexOf('=', other);
      if (pad >= 0 && scan.firstPad < 0) scan.firstPad = scan.length + pad;
      scan.urlSafe ||= /[-_]/.test(compact.slice(other));
    }
    scan.standard ||= /[+/]/.test(compact);
    scan.tail = (scan.tail + compact.slice(-2)).slice(-2);
    scan.length += compact.length;
  });
  return scan;
}

/**
 * The bytes of base64 text that Node's native decoder takes exactly, else undefined (the full
 * scan then finds why, or strips line breaks). Node skips what is not base64 (a bad character,
 * whitespace) and stops at padding inside the text; every character it skips or leaves costs
 * at least one byte of those the length promises, so a text that decodes to exactly that many
 * has none. Node reads only the low byte of a character ('Ł' decodes as 'A'), so every slice
 * must also be ASCII; mixed alphabets are caught by search. Native steps a slice at a time: the
 * character scan took as long as the decode after it (~750 ms for 256 MB); this is the decode
 * and ~15 % more. The text's end is checked first, so one that ends in a line break is not
 * decoded whole in vain (a stray character further in still is: the scan then refuses it).
 */
export async function decodedExactly(payload: string): Promise<Buffer | undefined> {
  const { padding, bytes, whole } = base64Length(payload.length, payload);
  if (!whole) return undefined;
  const tail = payload.slice(Math.max(0, payload.length - TAIL_CHECK) & ~3);
  const tailBytes = bytesOf(tail.length, padding);
  if (!writtenExactly(tail, tailBytes, Buffer.allocUnsafe(tailBytes), 0)) return undefined;
  const into = Buffer.allocUnsafe(bytes);
  const slices = new TimeSlices();
  let standard = false;
  let urlSafe = false;
  let at = 0;
  // Slices other than the last are whole quanta (TEXT_SLICE is a multiple of 4; with padding the
  // text is too, so the padding ends the last slice).
  for (const [slice, , last] of slicesOf(payload)) {
    const promised = bytesOf(slice.length, last ? padding : 0);
    if (!writtenExactly(slice, promised, into, at)) return undefined;
    at += promised;
    standard ||= slice.includes('+') || slice.includes('/');
    urlSafe ||= slice.includes('-') || slice.includes('_');
    if (standard && urlSafe) return undefined;
    if (slices.due()) await slices.yield();
  }
  return into;
}

/** Characters at the end of base64 text checked before the rest (whole quanta: a multiple of 4). */
const TAIL_CHECK = 4096;

/** The bytes `characters` of base64 (whitespace aside, whole quanta from its start, `padding` of them at the end) stand for. */
const bytesOf = (characters: number, padding: number): number => Math.floor(((characters - padding) * 3) / 4);

/**
 * Base64's length rules, for both ways of checking it: the padding `characters` (whitespace
 * aside) end with, per `end` (the text's last characters), the bytes they stand for, and whether
 * the length is one whole base64 can have (a single character past whole quanta never is, and
 * padded text is whole quanta).
 */
function base64Length(characters: number, end: string): { padding: number; bytes: number; whole: boolean } {
  const padding = end.endsWith('==') ? 2 : end.endsWith('=') ? 1 : 0;
  const whole = (characters - padding) % 4 !== 1 && (padding === 0 || characters % 4 === 0);
  return { padding, bytes: bytesOf(characters, padding), whole };
}

/** Writes `quanta` into `into` at `at` when it is ASCII and decodes to all the bytes `promised`; else false. */
function writtenExactly(quanta: string, promised: number, into: Buffer, at: number): boolean {
  return Buffer.byteLength(quanta, 'utf8') === quanta.length && into.write(quanta, at, 'base64') === promised;
}

async function base64Body(text: string): Promise<UploadBody> {
  const match = DATA_URL.exec(text.slice(0, 300).trimStart());
  const payload = match ? text.slice(text.indexOf(',') + 1) : text;
  const dataUrlType = match?.[1] ? match[1].toLowerCase() : undefined;
  const decoded = await decodedExactly(payload);
  if (decoded) return { ...fromBuffer(decoded), dataUrlType };
  const scan = await scanBase64(payload);
  if (scan.bad) {
    throw invalidField(
      'data',
      `is not valid base64: character '${shown(scan.bad.character)}' at position ${scan.bad.position} is not allowed (use A-Z, a-z, 0-9, +, / and = padding, or a data URL)`,
    );
  }
  const { padding, bytes, whole } = base64Length(scan.length, scan.tail);
  if (!whole || (scan.firstPad >= 0 && scan.firstPad < scan.length - padding)) {
    throw invalidField('data', 'is not valid base64: the padding or length is wrong (the text may be cut off)');
  }
  if (scan.urlSafe && scan.standard) {
    throw invalidField('data', 'is not valid base64: it mixes the standard (+/) and URL-safe (-_) alphabets');
  }
  const alphabet = scan.urlSafe ? 'base64url' : 'base64';
  // Whitespace shifts where whole quanta end, so each slice carries its last partial quantum on.
  const writer = (): SliceWriter => {
    let carry = '';
    return (slice, last, into, at) => {
      const quanta = carry + (scan.whitespace ? stripped(slice) : slice);
      const whole = last ? quanta.length : quanta.length - (quanta.length % 4);
      carry = quanta.slice(whole);
      return into.write(quanta.slice(0, whole), at, alphabet);
    };
  };
  return {
    ...textBody(payload, bytes, writer),
    dataUrlType,
  };
}

async function hexBody(text: string): Promise<UploadBody> {
  const start = text.trimStart();
  const digits = /^0x/i.test(start) ? start.slice(2) : start;
  let length = 0;
  let valid = true;
  await eachSlice(digits, (slice) => {
    const compact = stripped(slice);
    valid = !/[^0-9a-fA-F]/.test(compact);
    length += compact.length;
    return valid;
  });
  if (!valid || length % 2 !== 0) throw invalidField('data', 'is not valid hex: use pairs of 0-9 and a-f digits');
  return textBody(digits, length / 2, () => {
    let carry = '';
    return (slice, _last, into, at) => {
      const pairs = carry + stripped(slice);
      const whole = pairs.length - (pairs.length % 2);
      carry = pairs.slice(whole);
      return into.write(pairs.slice(0, whole), at, 'hex');
    };
  });
}

async function latin1Body(text: string): Promise<UploadBody> {
  let above = -1;
  await eachSlice(text, (slice, start) => {
    // eslint-disable-next-line no-control-regex -- every character a byte can be, control characters included
    const at = slice.search(/[^\x00-\xff]/);
    if (at >= 0) above = start + at;
    return at < 0;
  });
  if (above >= 0) {
    throw invalidField(
      'data',
      `is not a binary string: character ${above} is above \\xFF, which 'binary' cannot store (use utf8 or base64)`,
    );
  }
  return textBody(text, text.length, plainWriter('latin1'));
}

/** True when `data` is a base64 data URL, as a file picker produces. */
export function isBase64DataUrl(data: unknown): boolean {
  return typeof data === 'string' && DATA_URL.test(data.slice(0, 300).trimStart());
}
