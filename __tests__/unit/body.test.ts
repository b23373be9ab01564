import { randomBytes } from 'node:crypto';
import { decodeBytes } from '../../lib/bodies/read-decoding.js';
import { encodeUploadBody, TEXT_SLICE } from '../../lib/bodies/upload-encoding.js';
import { resolveContentType } from '../../lib/bodies/content-type.js';

const decodeBody = (bytes: Uint8Array) => decodeBytes(bytes, 'auto');

describe('decodeBytes (auto)', () => {
  it('returns valid UTF-8 as text', async () => {
    expect(await decodeBody(Buffer.from('héllo ✓', 'utf8'))).toEqual({ Body: 'héllo ✓', BodyEncoding: 'utf8' });
  });

  it('returns invalid UTF-8 as base64', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]);
    expect(await decodeBody(bytes)).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
  });

  it('treats NUL bytes as binary even when the bytes are valid UTF-8', async () => {
    const bytes = Buffer.from('abc\0def');
    expect((await decodeBody(bytes)).BodyEncoding).toBe('base64');
  });

  it('does not strip a byte order mark', async () => {
    expect((await decodeBody(Buffer.from([0xef, 0xbb, 0xbf, 0x41]))).Body).toBe('\uFEFFA');
  });

  it('handles a view into a larger buffer', async () => {
    const pool = Buffer.from('xxPAYLOADxx');
    expect((await decodeBody(pool.subarray(2, 9))).Body).toBe('PAYLOAD');
  });
});

describe('encodeUploadBody', () => {
  it.each([
    ['utf8', 'héllo', Buffer.from('héllo', 'utf8')],
    ['base64', 'aGVsbG8=', Buffer.from('hello')],
    ['base64', 'aGVsbG8', Buffer.from('hello')],
    ['base64', 'aGVs\nbG8=\n', Buffer.from('hello')],
    ['base64', '-_8=', Buffer.from([0xfb, 0xff])],
    ['hex', 'DEADbeef', Buffer.from([0xde, 0xad, 0xbe, 0xef])],
    ['hex', '0x00ff', Buffer.from([0x00, 0xff])],
    ['binary', '\u00ff\u0000', Buffer.from([0xff, 0x00])],
  ] as const)('%s %j', async (encoding, data, expected) => {
    expect((await (await encodeUploadBody(data, encoding)).bytes()).equals(expected)).toBe(true);
  });

  it('strips a data URL prefix and keeps its type', async () => {
    const body = await encodeUploadBody('data:application/pdf;name=a.pdf;base64,JVBERi0=', 'base64');
    expect((await body.bytes()).toString('latin1')).toBe('%PDF-');
    expect(body.dataUrlType).toBe('application/pdf');
  });

  it.each([0, 1, 2, 3, 3 * 1024 * 1024, 3 * 1024 * 1024 + 1, 7 * 1024 * 1024 + 2])(
    'decodes %i bytes of base64 (and the other encodings) slice by slice to the same bytes and size',
    async (length) => {
      const bytes = randomBytes(length);
      const wrapped = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
      for (const [text, encoding] of [
        [bytes.toString('base64'), 'base64'],
        [bytes.toString('base64url'), 'base64'],
        [`data:application/octet-stream;base64,${bytes.toString('base64')}`, 'base64'],
        [wrapped, 'base64'],
        [bytes.toString('hex'), 'hex'],
        [bytes.toString('latin1'), 'binary'],
      ] as const) {
        const body = await encodeUploadBody(text, encoding);
        expect(body.size).toBe(length);
        const decoded = await body.bytes();
        expect(decoded.length).toBe(length);
        expect(decoded.equals(bytes)).toBe(true);
      }
    },
  );

  it('keeps characters beyond the BMP whole across slices (UTF-8 and UTF-16)', async () => {
    // An emoji (a surrogate pair) on every slice boundary: split in two, it would become U+FFFD twice.
    const text = '🚀'.repeat(TEXT_SLICE);
    for (const encoding of ['utf8', 'utf16le'] as const) {
      const body = await encodeUploadBody(text, encoding);
      const bytes = await body.bytes();
      expect(bytes.equals(Buffer.from(text, encoding))).toBe(true);
      expect(body.size).toBe(bytes.length);
    }
  });

  it('stores numbers as text and null as an empty body', async () => {
    expect((await (await encodeUploadBody(42, 'utf8')).bytes()).toString()).toBe('42');
    expect((await encodeUploadBody(null, 'utf8')).size).toBe(0);
  });
});

describe('resolveContentType', () => {
  const text = { bytes: Buffer.from('x'), isJson: false };
  it('prefers the given type, then the data URL type, then JSON, then the extension', async () => {
    expect(resolveContentType('text/csv', { ...text, dataUrlType: 'image/png' }, 'a.png', 'utf8')).toBe('text/csv');
    expect(resolveContentType(undefined, { ...text, dataUrlType: 'image/png' }, 'a.bin', 'base64')).toBe('image/png');
    expect(resolveContentType(undefined, { ...text, isJson: true }, 'a', 'utf8')).toBe('application/json');
    expect(resolveContentType(undefined, text, 'photo.JPG', 'base64')).toBe('image/jpeg');
    expect(resolveContentType(undefined, text, 'doc.pdf', 'base64')).toBe('application/pdf');
  });

  it('falls back by encoding when the key has no known extension', async () => {
    expect(resolveContentType(undefined, text, 'README', 'utf8')).toBe('text/plain; charset=utf-8');
    expect(resolveContentType(undefined, text, 'blob', 'base64')).toBe('application/octet-stream');
  });
});
