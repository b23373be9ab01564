import { randomBytes, randomInt } from 'node:crypto';
import { BodyDecoder, DecodeAs } from '../../lib/bodies/read-decoding.js';

/** Feeds `bytes` to a decoder in random-sized chunks, as a socket would. */
function decodeInChunks(bytes: Buffer, mode: DecodeAs, maxChunk = 7) {
  const decoder = new BodyDecoder(mode, 'k');
  for (let offset = 0; offset < bytes.length;) {
    const size = randomInt(1, maxChunk + 1);
    decoder.write(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return decoder.end();
}

describe('BodyDecoder', () => {
  it('keeps multi-byte UTF-8 sequences split across chunks intact', () => {
    const text = '€uro 👋🏽 naïve 文字 ✓'.repeat(20);
    for (let run = 0; run < 50; run += 1) {
      expect(decodeInChunks(Buffer.from(text), 'auto')).toEqual({ Body: text, BodyEncoding: 'utf8' });
    }
  });

  it('encodes base64 exactly whatever the chunk sizes', () => {
    for (let run = 0; run < 50; run += 1) {
      const bytes = randomBytes(randomInt(0, 300));
      expect(decodeInChunks(bytes, 'base64', 11)).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
    }
  });

  it('switches to base64 when a binary byte appears late, covering the whole body', () => {
    const bytes = Buffer.concat([Buffer.from('plain text for a while '.repeat(10)), Buffer.from([0xff, 0x00, 0x41])]);
    expect(decodeInChunks(bytes, 'auto', 16)).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
  });

  it('treats a NUL byte as binary in auto mode but not in text mode', () => {
    const bytes = Buffer.from('a\0b');
    expect(decodeInChunks(bytes, 'auto').BodyEncoding).toBe('base64');
    expect(decodeInChunks(bytes, 'text')).toEqual({ Body: 'a\0b', BodyEncoding: 'utf8' });
  });

  it('a body ending inside a UTF-8 sequence is not text', () => {
    const bytes = Buffer.from('ok €').subarray(0, 4); // the euro sign cut after its first byte
    expect(decodeInChunks(bytes, 'auto')).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
    expect(() => decodeInChunks(bytes, 'text')).toThrow(/not valid UTF-8 text/);
  });

  it('parses JSON across chunks, ignoring a byte order mark', () => {
    const json = Buffer.from('\uFEFF{"name": "Zoë", "n": [1, 2, 3]}');
    expect(decodeInChunks(json, 'json')).toEqual({ Body: { name: 'Zoë', n: [1, 2, 3] }, BodyEncoding: 'json' });
  });
});
