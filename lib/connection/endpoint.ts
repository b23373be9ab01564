/**
 * The custom endpoint as typed in the connection form: normalised, and checked for the
 * typing mistakes users make (no scheme, credentials in the URL, the bucket in the host).
 */
import { shown } from '../errors/failure.js';
import { invalidField, optionalTrimmed, RawOptions } from '../validation.js';

/** An endpoint as an error may show it: any `user:password@` removed, even from text that is no URL. */
function withoutUserInfo(text: string): string {
  return text.replace(
    /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i,
    (_match, scheme: string | undefined) => `${scheme ?? ''}[credentials removed]@`,
  );
}

/** Trims, adds https:// when no scheme is given, drops a trailing slash; only http and https. */
export function parseEndpoint(source: RawOptions): string {
  const raw = optionalTrimmed(source, 'endpoint');
  if (!raw) {
    throw invalidField(
      'endpoint',
      'is empty although Custom Endpoint is on: enter a URL such as https://minio.example.com:9000',
    );
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalidField(
      'endpoint',
      `must be a URL such as https://minio.example.com:9000 (got '${shown(withoutUserInfo(raw))}')`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidField('endpoint', `must use http:// or https:// (got '${shown(url.protocol)}')`);
  }
  if (url.username || url.password) {
    throw invalidField('endpoint', 'must not contain a user name or password; use the access key fields');
  }
  if (url.search || url.hash) throw invalidField('endpoint', 'must not contain a query string or fragment');
  const text = url.toString();
  let end = text.length;
  while (text[end - 1] === '/') end -= 1;
  return text.slice(0, end);
}

/**
 * Some providers show an "origin endpoint" that already contains the bucket
 * (https://my-bucket.nyc3.digitaloceanspaces.com); used as the endpoint, every request would
 * name the bucket twice.
 */
export function assertEndpointWithoutBucket(endpoint: string | undefined, bucket: string | undefined): void {
  if (!endpoint || !bucket) return;
  // Most endpoints cannot start with the bucket: no URL parsed on every query to find that out.
  if (!endpoint.toLowerCase().includes(`//${bucket.toLowerCase()}.`)) return;
  const url = new URL(endpoint);
  if (!url.hostname.toLowerCase().startsWith(`${bucket.toLowerCase()}.`)) return;
  const suggested = `${url.protocol}//${url.host.slice(bucket.length + 1)}`;
  throw invalidField(
    'endpoint',
    `starts with the bucket name '${shown(bucket)}': use the service endpoint ${shown(suggested)} and keep the bucket in the query`,
  );
}
