/**
 * Reading an object body into memory: refused up front when larger than the data source's
 * read limit (the size is known from the response headers, before any body byte is read),
 * streamed into one buffer of the announced size, and refused when cut off.
 */
import { QueryError } from '@tooljet-plugins/common';
import { Readable } from 'node:stream';
import { BodyEncoding, decodeBody } from './body';

export const DECODE_AS = ['auto', 'text', 'base64', 'json'] as const;
export type DecodeAs = (typeof DECODE_AS)[number];

export interface ReadLimits {
  maxReadBytes: number;
  bucket: string;
  key: string;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function tooLarge(size: number, limits: ReadLimits, known: boolean): QueryError {
  const message =
    `The object '${limits.key}' in bucket '${limits.bucket}' is ${known ? '' : 'over '}${formatBytes(size)}, more than this data source's ` +
    `read limit of ${formatBytes(limits.maxReadBytes)} (max_read_size). Use 'Signed url for download' (signed_url_for_get) ` +
    "to let the browser fetch it directly, or read a part of it with 'range'.";
  return new QueryError(message, message, {
    code: 'ObjectTooLarge',
    size: known ? size : undefined,
    limit: limits.maxReadBytes,
    bucket: limits.bucket,
    key: limits.key,
  });
}

function truncated(received: number, expected: number): QueryError {
  const message = `The object body was cut off: received ${received} of ${expected} bytes.`;
  return new QueryError(message, message, { code: 'TruncatedBody', received, expected });
}

/** The body's bytes, or an error; memory stays at the body's size (no chunk list plus copy). */
export async function readBody(body: unknown, contentLength: number | undefined, limits: ReadLimits): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const stream = body as Readable;
  if (contentLength !== undefined && contentLength > limits.maxReadBytes) {
    stream.destroy(); // close the connection instead of downloading what would be refused
    throw tooLarge(contentLength, limits, true);
  }
  if (contentLength !== undefined) {
    const buffer = Buffer.allocUnsafe(contentLength);
    let offset = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (offset + chunk.length > contentLength) throw truncated(offset + chunk.length, contentLength);
      chunk.copy(buffer, offset);
      offset += chunk.length;
    }
    if (offset !== contentLength) throw truncated(offset, contentLength);
    return buffer;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limits.maxReadBytes) {
      stream.destroy();
      throw tooLarge(limits.maxReadBytes, limits, false);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeText(bytes: Buffer, key: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    const message = `The object '${key}' is not valid UTF-8 text, so it cannot be read as text or JSON. Use 'base64' (or 'auto').`;
    throw new QueryError(message, message, { code: 'InvalidOption', field: 'decodeAs', key });
  }
}

/** The body as the query asked: auto (text when UTF-8, else base64), text, base64 or parsed JSON. */
export function decodeAs(
  bytes: Buffer,
  mode: DecodeAs,
  key: string,
): { Body: unknown; BodyEncoding: BodyEncoding | 'json' } {
  switch (mode) {
    case 'auto':
      return decodeBody(bytes);
    case 'base64':
      return { Body: bytes.toString('base64'), BodyEncoding: 'base64' };
    case 'text':
      return { Body: decodeText(bytes, key), BodyEncoding: 'utf8' };
    case 'json': {
      const text = decodeText(bytes, key).replace(/^\uFEFF/, '');
      try {
        return { Body: JSON.parse(text), BodyEncoding: 'json' };
      } catch (error) {
        const message = `The object '${key}' is not valid JSON: ${(error as Error).message}. Read it with decodeAs 'text' to see it.`;
        throw new QueryError(message, message, { code: 'InvalidJson', field: 'decodeAs', key });
      }
    }
  }
}
