/**
 * Decodes an object body while it streams, so a read never holds the whole raw body next to
 * its decoded form. Text is validated as UTF-8 chunk by chunk (sequences split across chunks
 * are carried over); base64 is encoded in 3-byte-aligned pieces. In `auto` mode the raw
 * chunks are kept only while the body still looks like text: a binary file is recognised
 * at its first non-UTF-8 byte (a PNG at byte 0) and from then on streams straight to base64.
 */
import { Failure, shown } from '../errors/failure.js';
import { isUtf8 } from 'node:buffer';
import { TimeSlices } from '../time-slices.js';
import { parseJsonInSlices } from './json-in-slices.js';

/** How a read body is returned: valid UTF-8 as text, anything else as base64. */
export type BodyEncoding = 'utf8' | 'base64';

export const DECODE_AS = ['auto', 'text', 'base64', 'json'] as const;
export type DecodeAs = (typeof DECODE_AS)[number];

/** Bytes at the end of `bytes` that start a UTF-8 sequence the next chunk completes. */
function incompleteTail(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/**
 * Text handed on in strings of about this many characters: large enough that each is allocated
 * apart from the short-lived objects (thousands of 64 KB socket-chunk strings kept alive made
 * every minor garbage collection copy megabytes, tens of ms each), small enough to build in a
 * few ms.
 */
const GROUP_CHARACTERS = 512 * 1024;
const MAX_PIECES = 4096;

/**
 * A chunk's string joined with its neighbours' into one string of a group's size. Each chunk is
 * decoded on its own and its short string dies young; gathering the chunks' bytes into one buffer
 * per group instead left a group's worth of bytes outside the heap each time, which raised a 1 MB
 * binary read's peak from 2.5-2.8x to 3.5-3.8x its size.
 */
class StringGroup {
  private pieces: string[] = [];
  private characters = 0;
  readonly joined: string[] = [];

  add(piece: string): void {
    if (!piece) return;
    this.pieces.push(piece);
    this.characters += piece.length;
    // Tiny chunks (a trickling server) would otherwise keep many small strings alive.
    if (this.characters >= GROUP_CHARACTERS || this.pieces.length >= MAX_PIECES) this.close();
  }

  /** Joins what is gathered into one string (a flat copy: the pieces can then go). */
  close(): void {
    if (this.pieces.length) this.joined.push(this.pieces.length === 1 ? this.pieces[0] : this.pieces.join(''));
    this.pieces = [];
    this.characters = 0;
  }
}

/** No bytes carried over (shared: never written to). */
const NO_BYTES = Buffer.alloc(0);

export class BodyDecoder {
  private state: 'text' | 'base64';
  /** Decoded text, a string per group of chunks: handed on as pieces, never joined here into one string. */
  private text = new StringGroup();
  private base64 = new StringGroup();
  /** Bytes past the last whole 3-byte quantum, encoded with the next chunk. */
  private base64Carry = NO_BYTES;
  private textCarry = NO_BYTES;
  /** auto mode: raw chunks kept while the body may still turn out to be binary. */
  private pending: Buffer[] | undefined;
  /** Chunks still to encode as base64 after a late switch from text (drained a slice at a time). */
  private backlog: Buffer[] = [];

  constructor(
    private readonly mode: DecodeAs,
    private readonly key: string,
  ) {
    this.state = mode === 'base64' ? 'base64' : 'text';
    this.pending = mode === 'auto' ? [] : undefined;
  }

  write(chunk: Buffer): void {
    if (this.state === 'base64') {
      if (this.backlog.length) this.backlog.push(chunk);
      else this.appendBase64(chunk);
      return;
    }
    if (this.pending) this.pending.push(chunk);
    const bytes = this.textCarry.length ? Buffer.concat([this.textCarry, chunk]) : chunk;
    const complete = bytes.length - incompleteTail(bytes);
    const part = bytes.subarray(0, complete);
    const isText = isUtf8(part) && (this.mode !== 'auto' || !part.includes(0));
    if (!isText) return this.notText();
    this.text.add(part.toString('utf8'));
    this.textCarry = complete === bytes.length ? NO_BYTES : Buffer.from(bytes.subarray(complete));
  }

  /** True while chunks wait to be encoded: the reader pauses and lets `drain` catch up. */
  get behind(): boolean {
    return this.backlog.length > 0;
  }

  /** Encodes the waiting chunks, yielding between slices: a 200 MB text that turns binary at its end. */
  async drain(slices = new TimeSlices()): Promise<void> {
    while (this.backlog.length) {
      this.appendBase64(this.backlog.shift() as Buffer);
      if (slices.due()) await slices.yield();
    }
  }

  async end(): Promise<{ Body: unknown; BodyEncoding: BodyEncoding | 'json' }> {
    if (this.state === 'text' && this.textCarry.length) this.notText(); // ends inside a sequence
    if (this.backlog.length) await this.drain();
    if (this.state === 'base64') {
      this.base64.add(this.base64Carry.toString('base64'));
      this.base64.close();
      return { Body: concatenated(this.base64.joined), BodyEncoding: 'base64' };
    }
    this.text.close();
    if (this.mode !== 'json') return { Body: concatenated(this.text.joined), BodyEncoding: 'utf8' };
    try {
      const pieces = this.text.joined;
      if (pieces[0]?.charCodeAt(0) === 0xfeff) pieces[0] = pieces[0].slice(1);
      return { Body: await parseJsonInSlices(pieces), BodyEncoding: 'json' };
    } catch (error) {
      const message = `The object '${shown(this.key)}' is not valid JSON: ${shown((error as Error).message)}. Read it with decodeAs 'text' to see it.`;
      throw new Failure('InvalidJson', message, { field: 'decodeAs', key: this.key });
    }
  }

  private notText(): void {
    if (!this.pending) {
      const message = `The object '${shown(this.key)}' is not valid UTF-8 text, so it cannot be read as text or JSON. Use 'base64' (or 'auto').`;
      throw new Failure('InvalidOption', message, { field: 'decodeAs', key: this.key });
    }
    this.backlog = this.pending;
    this.pending = undefined;
    this.state = 'base64';
    this.text = new StringGroup();
    this.textCarry = NO_BYTES;
  }

  /** Encodes the chunk's whole 3-byte quanta, the bytes left over by the last chunk first. */
  private appendBase64(chunk: Buffer): void {
    let bytes = chunk;
    if (this.base64Carry.length) {
      const needed = 3 - this.base64Carry.length;
      const head = Buffer.concat([this.base64Carry, bytes.subarray(0, needed)]);
      bytes = bytes.subarray(needed);
      if (head.length < 3) {
        this.base64Carry = head;
        return;
      }
      this.base64.add(head.toString('base64'));
    }
    const aligned = bytes.length - (bytes.length % 3);
    this.base64.add(bytes.subarray(0, aligned).toString('base64'));
    this.base64Carry = aligned < bytes.length ? Buffer.from(bytes.subarray(aligned)) : NO_BYTES;
  }
}

/**
 * The pieces as one string without copying them: V8 keeps a concatenation as a tree of its
 * parts, and whoever reads the whole (the app builder, writing the result as JSON) joins it then.
 */
function concatenated(pieces: readonly string[]): string {
  let whole = '';
  for (const piece of pieces) whole += piece;
  return whole;
}

/** Decodes a whole body at once (small bodies, tests): text when valid UTF-8 without NUL bytes, else base64. */
export function decodeBytes(
  bytes: Uint8Array,
  mode: DecodeAs = 'auto',
  key = '',
): Promise<{ Body: unknown; BodyEncoding: BodyEncoding | 'json' }> {
  const decoder = new BodyDecoder(mode, key);
  decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return decoder.end();
}
