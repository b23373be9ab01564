/**
 * Upload bodies as bytes: the form's `data` becomes the exact bytes of the declared encoding
 * (file-picker base64 and data URLs included), and data that does not match is refused, so
 * binary files (images, PDFs, zips) are never stored as text and never corrupted.
 */
import { assertNestingDepth, invalidField } from '../validation.js';

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
  /** All the bytes at once (small bodies). */
  bytes(): Buffer;
  /**
   * The bytes piece by piece, for multipart uploads: large base64 text is decoded a slice at a
   * time, so the whole file is never held decoded beside its text (and slices decode faster).
   */
  pieces(): Iterable<Buffer>;
  /** Media type announced by a data URL (`data:image/png;base64,...`), if any. */
  dataUrlType?: string;
  /** True when `data` was an object or array, stored as JSON. */
  isJson: boolean;
}

const DATA_URL = /^data:([^,;]*)((?:;[^,;]+)*?);base64,/i;
/** Base64 characters decoded per piece: a multiple of 4, so every slice decodes on its own (3 MiB each). */
const BASE64_SLICE = 4 * 1024 * 1024;

function fromBuffer(bytes: Buffer, isJson = false): UploadBody {
  return { size: bytes.length, bytes: () => bytes, pieces: () => [bytes], isJson };
}

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
export function encodeUploadBody(data: unknown, encoding: UploadEncoding, contentType?: string): UploadBody {
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
    assertNestingDepth('data', data);
    return fromBuffer(Buffer.from(JSON.stringify(data), 'utf8'), true);
  }
  const text = String(data);
  switch (encoding) {
    case 'utf8':
      return fromBuffer(Buffer.from(text, 'utf8'));
    case 'base64':
      return decodeBase64(text);
    case 'hex':
      return fromBuffer(decodeHex(text));
    case 'binary':
      return fromBuffer(decodeLatin1(text));
    case 'utf16le':
      return fromBuffer(Buffer.from(text, 'utf16le'));
  }
}

function decodeBase64(text: string): UploadBody {
  const match = DATA_URL.exec(text.slice(0, 300).trimStart());
  const start = match ? text.indexOf(',') + 1 : 0;
  let payload = start ? text.slice(start) : text;
  // One scan for anything outside the base64 alphabets (fast even for 100 MB); whitespace,
  // as in wrapped base64, is removed only when present.
  let bad = payload.search(/[^A-Za-z0-9+/=_-]/);
  if (bad >= 0 && /\s/.test(payload[bad])) {
    payload = payload.replace(/\s+/g, '');
    bad = payload.search(/[^A-Za-z0-9+/=_-]/);
  }
  if (bad >= 0) {
    throw invalidField(
      'data',
      `is not valid base64: character '${payload[bad]}' at position ${bad} is not allowed (use A-Z, a-z, 0-9, +, / and = padding, or a data URL)`,
    );
  }
  const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
  const firstPad = payload.indexOf('=');
  const dataLength = payload.length - padding;
  if ((firstPad >= 0 && firstPad < dataLength) || dataLength % 4 === 1 || (padding > 0 && payload.length % 4 !== 0)) {
    throw invalidField('data', 'is not valid base64: the padding or length is wrong (the text may be cut off)');
  }
  const urlSafe = payload.includes('-') || payload.includes('_');
  if (urlSafe && (payload.includes('+') || payload.includes('/'))) {
    throw invalidField('data', 'is not valid base64: it mixes the standard (+/) and URL-safe (-_) alphabets');
  }
  const alphabet = urlSafe ? 'base64url' : 'base64';
  return {
    size: Math.floor((dataLength * 3) / 4),
    bytes: () => Buffer.from(payload, alphabet),
    *pieces() {
      let start = 0;
      do {
        yield Buffer.from(payload.slice(start, start + BASE64_SLICE), alphabet);
        start += BASE64_SLICE;
      } while (start < payload.length);
    },
    dataUrlType: match?.[1] ? match[1].toLowerCase() : undefined,
    isJson: false,
  };
}

function decodeHex(text: string): Buffer {
  const compact = text.replace(/\s+/g, '').replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]*$/.test(compact) || compact.length % 2 !== 0) {
    throw invalidField('data', 'is not valid hex: use pairs of 0-9 and a-f digits');
  }
  return Buffer.from(compact, 'hex');
}

function decodeLatin1(text: string): Buffer {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0xff) {
      throw invalidField(
        'data',
        `is not a binary string: character ${i} is above \\xFF, which 'binary' cannot store (use utf8 or base64)`,
      );
    }
  }
  return Buffer.from(text, 'latin1');
}

/** True when `data` is a base64 data URL, as a file picker produces. */
export function isBase64DataUrl(data: unknown): boolean {
  return typeof data === 'string' && DATA_URL.test(data.slice(0, 300).trimStart());
}
