/**
 * A loopback S3 endpoint that verifies SigV4 signatures for one key pair, by re-signing
 * each request with the SDK's own signer. It answers ListBuckets, or SignatureDoesNotMatch
 * when the request was signed with another secret. (s3rver does not check signatures.)
 */
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { s3ErrorXml } from './canned-server.js';

class Sha256 {
  private readonly hash;
  constructor(secret?: unknown) {
    this.hash = secret ? createHmac('sha256', secret as string | Buffer) : createHash('sha256');
  }
  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

export interface SigningServer {
  endpoint: string;
  close(): Promise<void>;
}

export async function startSigningServer(accessKeyId: string, secretAccessKey: string): Promise<SigningServer> {
  const signer = new SignatureV4({
    credentials: { accessKeyId, secretAccessKey },
    region: 'us-east-1',
    service: 's3',
    sha256: Sha256,
    uriEscapePath: false,
  });
  const server = http.createServer(async (req, res) => {
    const authorization = req.headers.authorization ?? '';
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1].split(';') ?? [];
    const provided = /Signature=([0-9a-f]+)/.exec(authorization)?.[1];
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = String(req.headers[name] ?? '');
    const amzDate = headers['x-amz-date'] ?? '';
    const signingDate = new Date(
      amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
    );
    const signed = await signer.sign(
      {
        method: req.method ?? 'GET',
        protocol: 'http:',
        hostname: '127.0.0.1',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
      },
      { signingDate, signableHeaders: new Set(signedHeaders) },
    );
    const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
    const ok = authorization.includes(`Credential=${accessKeyId}/`) && provided === expected;
    res.writeHead(ok ? 200 : 403, { 'content-type': 'application/xml', 'x-amz-request-id': 'SIG1' });
    res.end(
      ok
        ? '<ListAllMyBucketsResult><Owner><ID>1</ID></Owner><Buckets><Bucket><Name>signed</Name><CreationDate>2024-01-01T00:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>'
        : s3ErrorXml(
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided.',
          ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
