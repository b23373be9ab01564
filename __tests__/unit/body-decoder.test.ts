import { randomBytes, randomInt } from 'node:crypto';
import { BodyDecoder, DecodeAs } from '../../lib/bodies/read-decoding.js';

/** Feeds `bytes` to a decoder in random-sized chunks, as a socket would. */
async function decodeInChunks(bytes: Buffer, mode: DecodeAs, maxChunk = 7) {
  const decoder = new BodyDecoder(mode, 'k');
  for (let offset = 0; offset < bytes.length;) {
    const size = randomInt(1, maxChunk + 1);
    decoder.write(bytes.subarray(offset, offset + size));
    offset += size;
  }
  return decoder.end();
}

describe('BodyDecoder', () => {
  it('keeps multi-byte UTF-8 sequences split across chunks intact', async () => {
    const text = '€uro 👋🏽 naïve 文字 ✓'.repeat(20);
    for (let run = 0; run < 50; run += 1) {
      expect(await decodeInChunks(Buffer.from(text), 'auto')).toEqual({ Body: text, BodyEncoding: 'utf8' });
    }
  });

  it('encodes base64 exactly whatever the chunk sizes', async () => {
    for (let run = 0; run < 50; run += 1) {
      const bytes = randomBytes(randomInt(0, 300));
      expect(await decodeInChunks(bytes, 'base64', 11)).toEqual({
        Body: bytes.toString('base64'),
        BodyEncoding: 'base64',
      });
    }
  });

  it('joins socket-sized chunks into groups without losing or reordering a byte (base64 and text)', async () => {
    // 1.5 MB: several of the 512K-character groups, chunk sizes not multiples of 3.
    const bytes = randomBytes(1536 * 1024 + 1);
    expect(await decodeInChunks(bytes, 'auto', 70_000)).toEqual({
      Body: bytes.toString('base64'),
      BodyEncoding: 'base64',
    });
    const text = 'Grüße, 文字 and 👋🏽. '.repeat(60_000);
    expect(await decodeInChunks(Buffer.from(text), 'text', 70_000)).toEqual({ Body: text, BodyEncoding: 'utf8' });
  });

  it('switches to base64 when a binary byte appears late, covering the whole body', async () => {
    const bytes = Buffer.concat([Buffer.from('plain text for a while '.repeat(10)), Buffer.from([0xff, 0x00, 0x41])]);
    expect(await decodeInChunks(bytes, 'auto', 16)).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
  });

  it('treats a NUL byte as binary in auto mode but not in text mode', async () => {
    const bytes = Buffer.from('a\0b');
    expect((await decodeInChunks(bytes, 'auto')).BodyEncoding).toBe('base64');
    expect(await decodeInChunks(bytes, 'text')).toEqual({ Body: 'a\0b', BodyEncoding: 'utf8' });
  });

  it('a body ending inside a UTF-8 sequence is not text', async () => {
    const bytes = Buffer.from('ok €').subarray(0, 4); // the euro sign cut after its first byte
    expect(await decodeInChunks(bytes, 'auto')).toEqual({ Body: bytes.toString('base64'), BodyEncoding: 'base64' });
    await expect(decodeInChunks(bytes, 'text')).rejects.toThrow(/not valid UTF-8 text/);
  });

  it('parses JSON across chunks, ignoring a byte order mark', async () => {
    const json = Buffer.from('\uFEFF{"name": "Zoë", "n": [1, 2, 3]}');
    expect(await decodeInChunks(json, 'json')).toEqual({ Body: { name: 'Zoë', n: [1, 2, 3] }, BodyEncoding: 'json' });
  });
});
