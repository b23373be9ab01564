/**
 * The native base64 path (decodedExactly) against a strict reference: it may take a text only
 * when the reference does, to the same bytes, and must take every text the reference does (short
 * random texts, mutated), across slice boundaries too. Whatever it leaves goes to the full scan,
 * which must then refuse it or strip its line breaks.
 */
import { randomBytes } from 'node:crypto';
import { decodedExactly, encodeUploadBody, TEXT_SLICE } from '../../lib/bodies/upload-encoding.js';

/** Base64 as the plugin defines it: one alphabet, padding only at the end, no line breaks. */
function strict(text: string): Buffer | undefined {
  const match = /^([A-Za-z0-9+/]*|[A-Za-z0-9_-]*)(={0,2})$/.exec(text);
  if (!match) return undefined;
  const [, data, padding] = match;
  if (data.length % 4 === 1 || (padding.length > 0 && text.length % 4 !== 0)) return undefined;
  return Buffer.from(text, 'base64');
}

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % below;
  };
}

const TRICKY = ['A', 'Q', 'g', '+', '/', '-', '_', '=', ' ', '\n', '!', '\u0141', '\u00c1', '\u0100', '\ud83d'];

describe('decodedExactly', () => {
  it('takes exactly the texts the strict reference takes, to the same bytes (3,000 mutated texts)', async () => {
    const next = random(23);
    for (let round = 0; round < 3000; round += 1) {
      const bytes = randomBytes(next(18));
      let text = bytes.toString(next(2) ? 'base64' : 'base64url');
      if (next(3) === 0) while (text.endsWith('=')) text = text.slice(0, -1);
      for (let mutations = next(3); mutations > 0; mutations -= 1) {
        const at = next(text.length + 1);
        const character = TRICKY[next(TRICKY.length)];
        const kind = next(3);
        text =
          kind === 0
            ? text.slice(0, at) + character + text.slice(at)
            : kind === 1
              ? text.slice(0, at) + character + text.slice(at + 1)
              : text.slice(0, at) + text.slice(at + 1);
      }
      const expected = strict(text);
      const decoded = await decodedExactly(text);
      if (expected === undefined) expect([text, decoded]).toEqual([text, undefined]);
      else expect([text, decoded?.toString('hex')]).toEqual([text, expected.toString('hex')]);
    }
  });

  describe('on a text of three slices', () => {
    const bytes = randomBytes(((TEXT_SLICE * 2 + 4000) * 3) / 4);
    const standard = bytes.toString('base64');
    const urlSafe = bytes.toString('base64url');
    const at = (slice: number) => slice * TEXT_SLICE + 1001;
    const replaced = (text: string, index: number, character: string) =>
      text.slice(0, index) + character + text.slice(index + 1);

    it('decodes both alphabets whole', async () => {
      expect((await decodedExactly(standard))?.equals(bytes)).toBe(true);
      expect((await decodedExactly(urlSafe))?.equals(bytes)).toBe(true);
    });

    it.each([0, 1, 2])(
      'leaves a bad character, a non-ASCII one, or padding in slice %i to the scan, which refuses it',
      async (slice) => {
        for (const [character, message] of [
          ['!', /character '!' at position/],
          ['\u0141', /character '\u0141' at position/],
          ['=', /padding or length is wrong/],
        ] as const) {
          const text = replaced(standard, at(slice), character);
          expect(await decodedExactly(text)).toBeUndefined();
          await expect(encodeUploadBody(text, 'base64')).rejects.toThrow(message);
        }
      },
    );

    it('leaves mixed alphabets in different slices to the scan, which refuses them', async () => {
      const text = replaced(urlSafe, at(2), '+');
      expect(await decodedExactly(text)).toBeUndefined();
      await expect(encodeUploadBody(text, 'base64')).rejects.toThrow(/mixes the standard/);
    });

    it('gives up on a text that ends in a line break after decoding only its end', async () => {
      const write = jest.spyOn(Buffer.prototype, 'write');
      try {
        expect(await decodedExactly(`${standard}\r\n`)).toBeUndefined();
        expect(write.mock.calls.filter((call) => call[call.length - 1] === 'base64')).toHaveLength(1);
      } finally {
        write.mockRestore();
      }
      expect((await (await encodeUploadBody(`${standard}\r\n`, 'base64')).bytes()).equals(bytes)).toBe(true);
    });

    it('leaves a line break to the scan, which strips it and stores the same bytes', async () => {
      const text = standard.slice(0, at(1)) + '\r\n' + standard.slice(at(1));
      expect(await decodedExactly(text)).toBeUndefined();
      expect((await (await encodeUploadBody(text, 'base64')).bytes()).equals(bytes)).toBe(true);
    });
  });
});
