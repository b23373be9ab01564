/**
 * SigV4 signs the SHA-256 of a request's body. The SDK's signer hashes a body in one call: for a
 * 16 MB upload that is tens of milliseconds of one event-loop turn, which every other query of the
 * app builder waits out. A large body's hash is taken here a slice at a time instead, and handed
 * to the signer in the header it reads before hashing anything itself.
 */
import { HttpRequest } from '@smithy/core/protocols';
import { createHash } from 'node:crypto';
import { TimeSlices } from '../time-slices.js';
import { whenFilled } from '../bodies/filling.js';

const SHA256_HEADER = 'x-amz-content-sha256';
/** Bytes hashed in one step: about a millisecond. */
const HASH_SLICE = 1024 * 1024;

export async function sha256InSlices(bytes: Uint8Array): Promise<string> {
  const hash = createHash('sha256');
  const slices = new TimeSlices();
  for (let start = 0; start < bytes.byteLength; start += HASH_SLICE) {
    hash.update(bytes.subarray(start, start + HASH_SLICE));
    if (slices.due()) await slices.yield();
  }
  return hash.digest('hex');
}

const hasHeader = (headers: Record<string, string>, name: string): boolean =>
  Object.keys(headers).some((header) => header.toLowerCase() === name);

/**
 * Undefined when `request` can be signed now (nearly every request); else a promise that settles
 * once it can: its body's bytes are decoded (a part cut from an upload buffer still being filled)
 * and a large body's hash is in the header the signer reads. Called just before signing.
 */
export function bodyReadyToSign(request: unknown): Promise<void> | undefined {
  if (!HttpRequest.isInstance(request) || !(request.body instanceof Uint8Array)) return undefined;
  const body: Uint8Array = request.body;
  const filled = whenFilled(body);
  const large = body.byteLength > HASH_SLICE && !hasHeader(request.headers, SHA256_HEADER);
  if (!filled && !large) return undefined;
  return (async () => {
    await filled;
    if (large) request.headers[SHA256_HEADER] = await sha256InSlices(body);
  })();
}
