import { QueryError } from '@tooljet-plugins/common';

interface SdkBody {
  transformToByteArray(): Promise<Uint8Array>;
}

/** Reads a response body whole and refuses a truncated one rather than returning it as success. */
export async function readBodyBytes(body: unknown, expectedLength: number | undefined): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const bytes = await (body as SdkBody).transformToByteArray();
  if (expectedLength !== undefined && bytes.byteLength !== expectedLength) {
    const message = `The object body was cut off: received ${bytes.byteLength} of ${expectedLength} bytes.`;
    throw new QueryError(message, message, {
      code: 'TruncatedBody',
      received: bytes.byteLength,
      expected: expectedLength,
    });
  }
  return bytes;
}
