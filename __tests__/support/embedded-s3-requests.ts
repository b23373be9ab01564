/**
 * Requests to the embedded S3 server for the tests of its SigV4 check: an SDK client, the SDK's
 * signer for requests signed by hand, and a signed request sent with node:http exactly as written
 * (fetch and the SDK resolve or re-encode `..`, `%2E%2E` and `%2F` in a path, which is what the
 * server must withstand).
 */
import { S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import http from 'node:http';
import { EMBEDDED_ACCESS_KEY, EMBEDDED_SECRET_KEY } from '../../dev/embedded-s3/server.js';
import { Sha256 } from '../../dev/embedded-s3/sigv4-gate.js';

/** A path-style SDK client with the embedded server's key pair. */
export const embeddedClient = (endpoint: string): S3Client =>
  new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: EMBEDDED_SECRET_KEY },
  });

/** The SDK's signer with the embedded server's access key; `secret` signs with another secret. */
export const embeddedSigner = (secret = EMBEDDED_SECRET_KEY): SignatureV4 =>
  new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    sha256: Sha256,
    uriEscapePath: false,
    credentials: { accessKeyId: EMBEDDED_ACCESS_KEY, secretAccessKey: secret },
  });

export interface RawAnswer {
  status: number;
  body: string;
}

/** `path` may carry a query (`/b/k?partNumber=1&uploadId=…`); it is signed and sent byte for byte. */
export async function rawSignedRequest(
  endpoint: string,
  method: string,
  path: string,
  { headers = {}, body = '' }: { headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(endpoint);
  const [pathname, search = ''] = path.split(/\?(.*)/s, 2);
  const query: Record<string, string> = {};
  for (const pair of search ? search.split('&') : []) {
    const [name, value = ''] = pair.split(/=(.*)/s, 2);
    query[decodeURIComponent(name)] = decodeURIComponent(value);
  }
  const request = await embeddedSigner().sign({
    method,
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: pathname,
    query,
    headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers },
  });
  return new Promise((resolve, reject) => {
    const sent = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** The `<Code>` of an S3 error document. */
export const errorCode = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
