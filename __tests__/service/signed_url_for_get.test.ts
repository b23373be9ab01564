/** signed_url_for_get: download URLs that work with a plain fetch and no credentials. */
import { randomBytes } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'signed-gets';
const s3 = useS3Server([BUCKET]);
const { run, upload, uploadBytes } = serviceQueries(s3, 'signed-get-ds');

it('downloads the exact bytes with a plain fetch and no credentials', async () => {
  const bytes = randomBytes(4096);
  await uploadBytes(BUCKET, 'signed/äpfel & birnen.bin', bytes);
  const signed = await run({
    operation: 'signed_url_for_get',
    bucket: BUCKET,
    key: 'signed/äpfel & birnen.bin',
    expiresIn: '120',
  });
  expect(signed.url).toMatch(/X-Amz-Expires=120/);
  expect(signed.Method).toBe('GET');
  expect(Date.parse(signed.ExpiresAt) - Date.now()).toBeGreaterThan(100_000);
  expect(signed.url).not.toMatch(/x-amz-checksum/i);

  const response = await fetch(signed.url);
  expect(response.status).toBe(200);
  expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
});

it('defaults to one hour', async () => {
  const signed = await run({ operation: 'signed_url_for_get', bucket: BUCKET, key: 'notes/hello.txt' });
  expect(signed.url).toMatch(/X-Amz-Expires=3600/);
});

it('sets an attachment file name (unicode-safe) and the response content type', async () => {
  await upload(BUCKET, 'dl/data.bin', 'x,y\n1,2\n', { contentType: 'application/octet-stream' });
  const signed = await run({
    operation: 'signed_url_for_get',
    bucket: BUCKET,
    key: 'dl/data.bin',
    downloadFilename: 'Q3 résumé "final".csv',
    responseContentType: 'text/csv',
  });
  const response = await fetch(signed.url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv');
  expect(response.headers.get('content-disposition')).toBe(
    `attachment; filename="Q3 r_sum_ _final_.csv"; filename*=UTF-8''Q3%20r%C3%A9sum%C3%A9%20%22final%22.csv`,
  );
  expect(await response.text()).toBe('x,y\n1,2\n');
});

it('a URL whose signature was tampered with is refused', async () => {
  await upload(BUCKET, 'tamper.txt', 'secret');
  const signed = await run({ operation: 'signed_url_for_get', bucket: BUCKET, key: 'tamper.txt' });
  const url = new URL(signed.url);
  url.searchParams.set('X-Amz-Expires', '999');
  const response = await fetch(url);
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
});
