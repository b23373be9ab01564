/**
 * The stand-in for S3 that client-cost.ts forks: fixed answers at once (an object's headers and
 * 1 KB body, an upload's ETag, a listing of 100 keys), so a request costs the server nearly
 * nothing and what is measured is the client. Sends its port to the parent when listening.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

const body = Buffer.alloc(1024, 'x');
const objectHeaders = {
  'x-amz-request-id': 'minimal',
  etag: '"0f343b0931126a20f133d67c2b018a3b"',
  'last-modified': 'Fri, 04 Dec 2026 10:00:00 GMT',
  'content-type': 'text/plain',
  'content-length': String(body.length),
};
const keys = Array.from({ length: 100 }, (_, i) => `page/${String(i).padStart(4, '0')}.txt`);
const listing = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    '<Name>bench</Name><Prefix>page/</Prefix><KeyCount>100</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>' +
    keys
      .map(
        (key) =>
          `<Contents><Key>${key}</Key><LastModified>2026-12-04T10:00:00.000Z</LastModified><ETag>&quot;0f343b0931126a20f133d67c2b018a3b&quot;</ETag><Size>13</Size><StorageClass>STANDARD</StorageClass></Contents>`,
      )
      .join('') +
    '</ListBucketResult>',
);

const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'GET' && request.url?.includes('list-type=2')) {
      response.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(listing.length) });
      response.end(listing);
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      response.writeHead(200, objectHeaders);
      response.end(request.method === 'GET' ? body : undefined);
    } else {
      response.writeHead(200, { etag: objectHeaders.etag, 'content-length': '0' });
      response.end();
    }
  });
});
server.listen(0, '127.0.0.1', () => process.send?.((server.address() as AddressInfo).port));
