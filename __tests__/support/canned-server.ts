/**
 * A real HTTP server on 127.0.0.1 that answers with scripted S3 responses. It produces
 * situations the embedded s3rver cannot (signature mismatch, access denied, wrong region)
 * while the SDK still parses a genuine HTTP response.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CannedServer {
  endpoint: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }>;
  respondWith(response: CannedResponse | ((req: http.IncomingMessage) => CannedResponse)): void;
  close(): Promise<void>;
}

/** Data source options for a scripted server: fixed keys, its endpoint, one attempt per request. */
export function cannedSource(server: CannedServer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_key: 'AK',
    secret_key: 'SK',
    endpoint_enabled: true,
    endpoint: server.endpoint,
    max_attempts: '1',
    ...extra,
  };
}

export function s3ErrorXml(code: string, message: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>REQ123</RequestId><HostId>HOST456</HostId></Error>`;
}

export async function startCannedServer(): Promise<CannedServer> {
  let responder: (req: http.IncomingMessage) => CannedResponse = () => ({ status: 200, body: '' });
  const requests: CannedServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      const response = responder(req);
      res.writeHead(response.status, {
        'content-type': 'application/xml',
        'x-amz-request-id': 'REQ123',
        ...response.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : response.body);
    });
  });
  // Idle connections stay open until close(): a test's next request on a data source's pooled
  // connection must not meet the server closing it (one attempt, so no retry hides that).
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    respondWith(response) {
      responder = typeof response === 'function' ? response : () => response;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
