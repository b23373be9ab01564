/**
 * Download URLs for many keys of one bucket (list_objects with includeSignedUrls). The SDK's
 * getSignedUrl runs the whole request pipeline (endpoint rules, middleware, a full SigV4 pass)
 * for every URL, about 0.5 ms each: 58 s of CPU for 100,000 keys. Here the SDK presigns the
 * first key as usual; its URL fixes everything the keys share (host, query, date, scope), so each
 * further key needs only its path and the last step of SigV4 (hash the canonical request, HMAC
 * it with the signing key). That shortcut is used only after it reproduces the SDK's own
 * signature for the first key; otherwise every key goes through the SDK's presigner. A unit test
 * compares the URLs with getSignedUrl's, key by key.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { formatUrl } from '@aws-sdk/core/util';
import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { extendedEncodeURIComponent, HttpRequest } from '@smithy/core/protocols';
import { createHash, createHmac } from 'node:crypto';

/** A key whose path segment needs no encoding, so the template's path ends with it as is. */
const TEMPLATE_KEY = 'template-key';
/** Stands for the signature while the URL's fixed parts are laid out (letters only: never escaped). */
const PLACEHOLDER = 'SIGNATUREPLACEHOLDER';

type Sign = (key: string) => Promise<string>;

/** The S3 path of a key, encoded as the SDK's serializer does it (slashes kept). */
const encodeKey = (key: string): string => key.split('/').map(extendedEncodeURIComponent).join('/');

/** The GetObject request for TEMPLATE_KEY as the SDK builds it, stopped before signing (as getSignedUrl does). */
async function templateRequest(client: S3Client, bucket: string) {
  const command = new GetObjectCommand({ Bucket: bucket, Key: TEMPLATE_KEY });
  const endpoint = await getEndpointFromInstructions(command.input, GetObjectCommand, client.config);
  const authScheme = endpoint.properties?.authSchemes?.[0] as
    { name?: string; signingName?: string; signingRegion?: string; signingRegionSet?: string[] } | undefined;
  const region = authScheme?.name === 'sigv4a' ? authScheme.signingRegionSet?.join(',') : authScheme?.signingRegion;
  const presigner = new S3RequestPresigner({
    ...client.config,
    signingName: authScheme?.signingName,
    region: async () => region as string,
  });
  const stack = client.middlewareStack.clone();
  stack.addRelativeTo(
    ((_next: unknown, context: Record<string, unknown>) => async (args: { request: HttpRequest }) => ({
      response: {},
      output: {
        $metadata: {},
        request: args.request,
        signingRegion: (context.signing_region as string | undefined) ?? region,
        signingService: context.signing_service as string | undefined,
      },
    })) as never,
    { name: 'captureTemplateRequest', relation: 'before', toMiddleware: 'awsAuthMiddleware', override: true },
  );
  const handler = command.resolveMiddleware(stack as never, client.config, {});
  const { output } = (await handler({ input: command.input })) as unknown as {
    output: { request: HttpRequest; signingRegion?: string; signingService?: string };
  };
  for (const header of ['amz-sdk-invocation-id', 'amz-sdk-request', 'x-amz-user-agent'])
    delete output.request.headers[header];
  return { ...output, presigner };
}

/** Every key through the SDK's presigner (one at a time: thousands in flight keep their garbage alive). */
function sdkSigner(template: Awaited<ReturnType<typeof templateRequest>>, prefix: string, options: object): Sign {
  return async (key) => {
    const request = HttpRequest.clone(template.request);
    request.path = prefix + encodeKey(key);
    return formatUrl(await template.presigner.presign(request, options));
  };
}

const hmac = (key: Buffer | string, text: string): Buffer => createHmac('sha256', key).update(text).digest();

/**
 * The last step of SigV4 for further keys, from what the SDK's URL for the first key fixed.
 * Undefined when that URL is not the plain form this step knows (then the SDK signs every key).
 */
function derivedSigner(first: HttpRequest, secretAccessKey: string): ((path: string) => string) | undefined {
  const query = first.query as Record<string, string | undefined>;
  const scope = query['X-Amz-Credential']?.split('/').slice(1).join('/');
  const [date, region, service] = scope?.split('/') ?? [];
  const host = first.headers.host;
  if (
    query['X-Amz-Algorithm'] !== 'AWS4-HMAC-SHA256' ||
    query['X-Amz-SignedHeaders'] !== 'host' ||
    !scope ||
    !query['X-Amz-Date'] ||
    !host ||
    Object.values(query).some((value) => typeof value !== 'string')
  )
    return undefined;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), 'aws4_request');
  const signed = Object.keys(query)
    .filter((name) => name !== 'X-Amz-Signature')
    .sort()
    .map((name) => `${extendedEncodeURIComponent(name)}=${extendedEncodeURIComponent(query[name] as string)}`)
    .join('&');
  const head = `AWS4-HMAC-SHA256\n${query['X-Amz-Date']}\n${scope}\n`;
  const signature = (path: string): string => {
    const canonical = `GET\n${path}\n${signed}\nhost:${host}\n\nhost\nUNSIGNED-PAYLOAD`;
    return hmac(signingKey, head + createHash('sha256').update(canonical).digest('hex')).toString('hex');
  };
  if (signature(first.path) !== query['X-Amz-Signature']) return undefined;
  // The URL as formatUrl writes it (query sorted, the signature among the others), split where path and signature go.
  const [start, end] = formatUrl({ ...first, path: '', query: { ...query, 'X-Amz-Signature': PLACEHOLDER } }).split(
    PLACEHOLDER,
  );
  const [origin, queryStart] = start.split('?');
  return (path) => `${origin}${path}?${queryStart}${signature(path)}${end}`;
}

export async function signedGetUrls(
  client: S3Client,
  bucket: string,
  keys: string[],
  expiresIn: number,
  signingDate = new Date(),
): Promise<string[]> {
  if (keys.length === 0) return [];
  const template = await templateRequest(client, bucket);
  if (!template.request.path.endsWith(`/${TEMPLATE_KEY}`))
    throw new Error(`unexpected presign template path ${template.request.path}`);
  const prefix = template.request.path.slice(0, -TEMPLATE_KEY.length);
  const options = {
    expiresIn,
    signingDate,
    signingRegion: template.signingRegion,
    signingService: template.signingService,
  };
  const firstRequest = HttpRequest.clone(template.request);
  firstRequest.path = prefix + encodeKey(keys[0]);
  const first = (await template.presigner.presign(firstRequest, options)) as HttpRequest;
  const credentials = await client.config.credentials();
  const derived = derivedSigner(first, credentials.secretAccessKey);
  const sign: Sign = derived ? async (key) => derived(prefix + encodeKey(key)) : sdkSigner(template, prefix, options);
  const urls = [formatUrl(first)];
  for (const key of keys.slice(1)) urls.push(await sign(key));
  return urls;
}
