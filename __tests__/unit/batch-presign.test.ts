/**
 * Batch presigning (list_objects with includeSignedUrls) gives exactly the URLs the SDK's
 * getSignedUrl gives, key by key, for the same signing time, in every addressing style.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { signedGetUrls } from '../../lib/operations/batch-presign.js';

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
