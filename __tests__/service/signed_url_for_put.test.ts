/** signed_url_for_put: upload URLs for a plain HTTP PUT from a browser or a script. */
import { randomBytes } from 'node:crypto';
import { useS3Server } from '../support/s3-server.js';
import { serviceQueries } from '../support/service-queries.js';

const BUCKET = 'signed-puts';
const s3 = useS3Server([BUCKET]);
const { run, read } = serviceQueries(s3, 'signed-put-ds');

it('uploads with a plain PUT of the declared content type', async () => {
  const signed = await run({
    operation: 'signed_url_for_put',
    bucket: BUCKET,
    key: 'uploads/from browser.png',
    contentType: 'image/png',
    expiresIn: '600',
  });
  expect(signed).toMatchObject({ Method: 'PUT', Headers: { 'Content-Type': 'image/png' } });
  expect(new URL(signed.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-type;host');
  expect(signed.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);

  const bytes = randomBytes(3000);
  const response = await fetch(signed.url, { method: 'PUT', body: bytes, headers: signed.Headers });
  expect(response.status).toBe(200);

  const object = await read(BUCKET, 'uploads/from browser.png');
  expect(object.ContentType).toBe('image/png');
  expect(Buffer.from(object.Body, 'base64').equals(bytes)).toBe(true);
});

it('without a content type signs only the host', async () => {
  const signed = await run({ operation: 'signed_url_for_put', bucket: BUCKET, key: 'uploads/plain.txt' });
  expect(new URL(signed.url).searchParams.get('X-Amz-SignedHeaders')).toBe('host');
  expect(signed.Headers).toEqual({});
  const response = await fetch(signed.url, { method: 'PUT', body: 'plain upload' });
  expect(response.status).toBe(200);
  expect((await read(BUCKET, 'uploads/plain.txt')).Body).toBe('plain upload');
});

it('a PUT with another content type than the signed one is refused', async () => {
  const signed = await run({
    operation: 'signed_url_for_put',
    bucket: BUCKET,
    key: 'uploads/typed.csv',
    contentType: 'text/csv',
  });
  const response = await fetch(signed.url, { method: 'PUT', body: 'a,b', headers: { 'Content-Type': 'text/plain' } });
  expect(response.status).toBe(403);
  expect(await response.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
});
