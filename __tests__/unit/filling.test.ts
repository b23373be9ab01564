/**
 * A large upload is decoded into one buffer while its first parts are already being sent: a part's
 * request waits until the decoder has written that part's bytes, and the bytes are the exact file.
 */
import { randomBytes } from 'node:crypto';
import { Filling, whenFilled } from '../../lib/bodies/filling.js';
import { encodeUploadBody } from '../../lib/bodies/upload-encoding.js';

describe('Filling', () => {
  it('lets a view wait until its bytes are written, and no longer', async () => {
    const filling = new Filling(Buffer.allocUnsafeSlow(100));
    const settled: string[] = [];
    void whenFilled(filling.bytes.subarray(0, 40))?.then(() => settled.push('first'));
    void whenFilled(filling.bytes.subarray(40, 100))?.then(() => settled.push('second'));
    filling.advance(39);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual([]);
    filling.advance(40);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['first']);
    filling.advance(100);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toEqual(['first', 'second']);
    // Already written: no wait.
    await expect(whenFilled(filling.bytes.subarray(10, 20))).resolves.toBeUndefined();
  });

  it('fails the waiting requests when decoding stops', async () => {
    const filling = new Filling(Buffer.allocUnsafeSlow(10));
    const waiting = whenFilled(filling.bytes.subarray(0, 10));
    filling.fail(new Error('stopped'));
    await expect(waiting).rejects.toThrow('stopped');
    await expect(whenFilled(filling.bytes.subarray(0, 1))).rejects.toThrow('stopped');
  });

  it('is not consulted for a buffer nobody fills', () => {
    expect(whenFilled(Buffer.alloc(10))).toBeUndefined();
  });
});

describe('an upload body filled while it is sent', () => {
  it('hands out the buffer before it is decoded, and its first part is ready before the last', async () => {
    const bytes = randomBytes(24 * 1024 * 1024);
    // Base64 with line breaks (as mail tools write it) is checked first, then decoded while it is sent.
    const wrapped = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
    const body = await encodeUploadBody(wrapped, 'base64');
    const { bytes: buffer, done } = body.fill();
    expect(buffer.length).toBe(bytes.length);
    const order: string[] = [];
    const first = whenFilled(buffer.subarray(0, 8 * 1024 * 1024))?.then(() => order.push('first part'));
    const whole = done.then(() => order.push('whole file'));
    await Promise.all([first, whole]);
    expect(order).toEqual(['first part', 'whole file']);
    expect(buffer.equals(bytes)).toBe(true);
  });

  it('hands out base64 without line breaks already decoded (the decode was its check)', async () => {
    const bytes = randomBytes(24 * 1024 * 1024);
    const body = await encodeUploadBody(bytes.toString('base64'), 'base64');
    const { bytes: buffer, done } = body.fill();
    expect(whenFilled(buffer.subarray(0, 8 * 1024 * 1024))).toBeUndefined();
    await done;
    expect(buffer.equals(bytes)).toBe(true);
  });
});
