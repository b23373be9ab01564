/** Node's SHA-256 (or HMAC-SHA-256 with a secret) in the shape @smithy/signature-v4 takes. */
import { createHash, createHmac } from 'node:crypto';

export class Sha256 {
  private readonly hash;
  constructor(secret?: unknown) {
    this.hash = secret ? createHmac('sha256', secret as Buffer) : createHash('sha256');
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}
