/**
 * Which requests may reach the embedded server at all. Its keys are public (S3RVER), so any web
 * page could sign requests with them, and a form POST needs no CORS preflight: a browser request
 * is taken only from a page on this machine (or an origin the server was started with), and only
 * when addressed to this machine by name (a DNS-rebound host name is refused). Requests without
 * Origin (the SDK, curl) are not browsers' cross-site requests and pass.
 */
import http from 'node:http';
import { fail, GateFailure } from './gate-checks.js';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

const shown = (text: string): string => JSON.stringify(text.length > 100 ? `${text.slice(0, 100)}…` : text);

/** Why a request is refused as cross-site, or undefined when it may go on. */
export function crossSiteFailure(
  req: http.IncomingMessage,
  port: number,
  allowedOrigins: readonly string[] = [],
): GateFailure | undefined {
  const host = String(req.headers.host ?? '');
  if (!LOOPBACK_NAMES.some((name) => host === `${name}:${port}`))
    return fail(
      403,
      'AccessDenied',
      `This test server answers only requests addressed to 127.0.0.1:${port} or localhost:${port} (Host was ${shown(host)}).`,
    );
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (LOOPBACK_ORIGIN.test(origin) || allowedOrigins.includes(origin)) return undefined;
    return fail(
      403,
      'AccessDenied',
      `This test server takes browser requests only from pages on this machine (http://127.0.0.1, localhost or [::1]); this one came from ${shown(origin)}.`,
    );
  }
  // Browsers send Origin with every request that can change something; a cross-site one without it is not theirs to make.
  if (req.headers['sec-fetch-site'] === 'cross-site' && !SAFE_METHODS.includes(req.method ?? ''))
    return fail(403, 'AccessDenied', 'This test server takes no cross-site browser requests that change data.');
  return undefined;
}
