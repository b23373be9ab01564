/**
 * A buffer decoded while it is already being sent: a large upload's text is decoded a slice at a
 * time into one buffer that `@aws-sdk/lib-storage` cuts its parts from (a view, never a copy), and
 * a part's request waits, before it is signed, until the decoder has written that part's bytes.
 * So decoding overlaps the upload, as it did when parts were cut from a stream, without the
 * stream's copy of every part in one step.
 */
const FILLINGS = new WeakMap<ArrayBufferLike, Filling>();

export class Filling {
  /** Bytes written so far, from the start. */
  private reached = 0;
  private failed: unknown;
  private waiting: Array<{ end: number; resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(readonly bytes: Buffer) {
    FILLINGS.set(bytes.buffer, this);
  }

  /** The first `end` bytes are written. */
  advance(end: number): void {
    this.reached = end;
    this.waiting = this.waiting.filter((waiter) => {
      if (waiter.end > end) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Decoding stopped: every request still waiting fails with its error. */
  fail(error: unknown): void {
    this.failed = error;
    for (const waiter of this.waiting) waiter.reject(error);
    this.waiting = [];
  }

  /** Resolves once the first `end` bytes are written. */
  until(end: number): Promise<void> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    if (end <= this.reached) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiting.push({ end, resolve, reject }));
  }
}

/** Waits until a request body's bytes are written when the body is a view of a buffer still being filled. */
export function whenFilled(body: Uint8Array): Promise<void> | undefined {
  const filling = FILLINGS.get(body.buffer);
  return filling?.until(body.byteOffset - filling.bytes.byteOffset + body.byteLength);
}
