/**
 * Batch presigning (list_objects with includeSignedUrls) gives exactly the URLs the SDK's
 * getSignedUrl gives, key by key, for the same signing time, in every addressing style.
 */
import { GetObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { signedGetUrls, signedPartUrls } from '../../lib/operations/shared/batch-presign.js';
import { calmestRun } from '../support/event-loop-probe.js';

const KEYS = [
  'plain.txt',
  'folder/sub folder/file name.txt',
  'unicode/naïve 文件 🚀.txt',
  "symbols !$&'()*+,;=@~.txt",
  'percent%20and%2Fslash.txt',
  'a//double/slash',
  '/leading-slash',
  'trailing/',
  'question?hash#.txt',
];

const client = (config: Partial<ConstructorParameters<typeof S3Client>[0]>) =>
  new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'token' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...config,
  });

it.each([
  ['AWS, virtual-hosted', client({})],
  ['AWS, path-style', client({ forcePathStyle: true })],
  ['custom endpoint, path-style', client({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true })],
  ['custom endpoint, virtual-hosted', client({ endpoint: 'https://storage.example.com', forcePathStyle: false })],
])('%s: identical to getSignedUrl for every key', async (_name, s3) => {
  const signingDate = new Date('2026-11-27T12:00:00Z');
  const fast = await signedGetUrls(s3, 'my-bucket', KEYS, 600, signingDate);
  const sdk = await Promise.all(
    KEYS.map((Key) =>
      getSignedUrl(s3, new GetObjectCommand({ Bucket: 'my-bucket', Key }), { expiresIn: 600, signingDate }),
    ),
  );
  expect(fast).toEqual(sdk);
  expect(new Set(fast).size).toBe(KEYS.length);
});

it.each([
  ['AWS, virtual-hosted', client({})],
  ['custom endpoint, path-style', client({ endpoint: 'http://127.0.0.1:9000', forcePathStyle: true })],
])('%s: part upload URLs identical to getSignedUrl for every part number', async (_name, s3) => {
  const signingDate = new Date('2026-11-27T12:00:00Z');
  const upload = { bucket: 'my-bucket', key: 'videos/naïve film.mp4', uploadId: 'upload~id/with+chars==' };
  const parts = [1, 2, 9, 10, 99, 100, 1000, 9999, 10000];
  const fast = await signedPartUrls(s3, upload, parts, 900, signingDate);
  const sdk = await Promise.all(
    parts.map((PartNumber) =>
      getSignedUrl(
        s3,
        new UploadPartCommand({ Bucket: upload.bucket, Key: upload.key, UploadId: upload.uploadId, PartNumber }),
        { expiresIn: 900, signingDate },
      ),
    ),
  );
  expect(fast).toEqual(sdk);
  expect(new Set(fast).size).toBe(parts.length);
});

it.each([
  [
    'download URLs for 20,000 keys',
    () =>
      signedGetUrls(
        client({}),
        'b',
        Array.from({ length: 20_000 }, (_, i) => `k${i}`),
        60,
      ),
  ],
  [
    'upload URLs for 10,000 parts',
    () =>
      signedPartUrls(
        client({}),
        { bucket: 'b', key: 'k', uploadId: 'u' },
        Array.from({ length: 10_000 }, (_, i) => i + 1),
        60,
      ),
  ],
])('gives the event loop its turn while signing %s', async (_name, sign) => {
  // In one stretch, the longest stall would be the whole signing time (seconds through the SDK's
  // getSignedUrl); in slices, a small part of it (the SDK's presigning of the first item included).
  const probed = await calmestRun(sign);
  expect(probed.result?.length).toBeGreaterThan(1000);
  expect(probed.longestStallMs).toBeLessThan(Math.max(probed.totalMs / 4, 50));
});

it('signs nothing for no keys', async () => {
  await expect(signedGetUrls(client({}), 'my-bucket', [], 600)).resolves.toEqual([]);
});

describe('how keys after the first are signed', () => {
  const presign = jest.spyOn(S3RequestPresigner.prototype, 'presign');
  beforeEach(() => presign.mockClear());
  afterAll(() => presign.mockRestore());

  it("the SDK signs the first key; the others take the last SigV4 step from it, once it reproduced the SDK's signature", async () => {
    const urls = await signedGetUrls(client({}), 'my-bucket', KEYS, 600);
    expect(urls).toHaveLength(KEYS.length);
    expect(presign).toHaveBeenCalledTimes(1);
  });

  it('the same for part upload URLs (PUT): the SDK signs the first part only', async () => {
    const urls = await signedPartUrls(client({}), { bucket: 'b', key: 'k', uploadId: 'u' }, [1, 2, 3, 4], 600);
    expect(urls).toHaveLength(4);
    expect(presign).toHaveBeenCalledTimes(1);
  });

  it('when the shortcut does not reproduce the first signature, the SDK signs every key', async () => {
    // (Mocked because no real configuration makes the shortcut disagree: the first signature is altered.)
    const original = presign.getMockImplementation() ?? S3RequestPresigner.prototype.presign;
    presign.mockImplementationOnce(async function (this: S3RequestPresigner, ...args) {
      const signed = await original.apply(this, args);
      return { ...signed, query: { ...signed.query, 'X-Amz-Signature': '0'.repeat(64) } };
    });
    const urls = await signedGetUrls(client({}), 'my-bucket', KEYS, 600, new Date('2026-11-27T12:00:00Z'));
    expect(presign).toHaveBeenCalledTimes(KEYS.length);
    const sdk = await getSignedUrl(client({}), new GetObjectCommand({ Bucket: 'my-bucket', Key: KEYS[1] }), {
      expiresIn: 600,
      signingDate: new Date('2026-11-27T12:00:00Z'),
    });
    expect(urls[1]).toBe(sdk);
  });
});
