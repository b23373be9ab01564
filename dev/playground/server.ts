/**
 * The playground's HTTP server: serves the page, the form descriptions built from
 * manifest.json/operations.json, and runs the real plugin exactly as the app builder calls it.
 * It binds to 127.0.0.1 only, refuses requests whose Host or Origin is not local, and never
 * logs request bodies (they carry the secret key).
 */
import { QueryError } from '@tooljet-plugins/common';
import { transformSync } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseConnectionSettings } from '../../lib/connection/settings.js';
import { Failure } from '../../lib/errors/failure.js';
import S3QueryService from '../../lib/index.js';
import { connectionFields, queryFields } from './form-model.js';
import { projectRoot, readProjectJson } from '../project-root.js';

/** What the page says about the S3 server it talks to, and how a first query starts. */
export interface PlaygroundAbout {
  /** Which server, in a few words. */
  server: string;
  /** The keys it accepts, when they are not secret (the embedded server's). */
  keys?: { accessKey: string; secretKey: string };
  /** The demo bucket and the keys in it. */
  bucket?: { name: string; keys: string[] };
  /** What the server lacks, by feature: the page names those operations. */
  lacks?: ReadonlyArray<{ feature: string; operations: readonly string[]; note: string }>;
  /** Values the query form starts with. */
  queryDefaults: Record<string, unknown>;
}

export interface PlaygroundOptions {
  /** Exact port; when undefined, 3030 or the next free port. 0 picks any free port. */
  port?: number;
  /** Values the connection form starts with (the embedded server's, or from the environment). */
  connectionDefaults: Record<string, unknown>;
  /** A secret key kept on the server (from the environment), used when the form leaves it empty. */
  serverSecretKey?: string;
  about: PlaygroundAbout;
}

export interface Playground {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 100 * 1024 * 1024;
const DEFAULT_PORT = 3030;

const PUBLIC = 'dev/playground/public';
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The plugin's modules the page imports, compiled to ES modules: the page formats as the plugin does. */
const LIB_MODULES: Record<string, string> = { '/format-bytes.js': 'lib/format-bytes.ts' };

function libModules(root: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(LIB_MODULES).map(([route, file]) => [
      route,
      transformSync(readFileSync(path.join(root, file), 'utf8'), { loader: 'ts', format: 'esm' }).code,
    ]),
  );
}

/** The page's files: every file of the public folder by its name, the index at `/`, the plugin's icon. */
function staticFiles(root: string): Record<string, [string, string]> {
  const files: Record<string, [string, string]> = {
    '/': [`${PUBLIC}/index.html`, TYPES['.html']],
    '/icon.svg': ['lib/icon.svg', 'image/svg+xml'],
  };
  for (const name of readdirSync(path.join(root, PUBLIC))) {
    const type = TYPES[path.extname(name)];
    if (type) files[`/${name}`] = [`${PUBLIC}/${name}`, type];
  }
  return files;
}

export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  const root = projectRoot();
  const forms = {
    connection: connectionFields(readProjectJson('lib/manifest.json')),
    query: queryFields(readProjectJson('lib/operations.json')),
    connectionDefaults: options.connectionDefaults,
    secretKeyOnServer: Boolean(options.serverSecretKey),
    about: options.about,
  };
  const files = staticFiles(root);
  const modules = libModules(root);
  const plugin = new S3QueryService();
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => sendJson(res, 500, { status: 'failed', message: (error as Error).message }));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLocalRequest(req, port))
      return sendJson(res, 403, { status: 'failed', message: 'Only local requests are served.' });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = files[url.pathname];
    const compiled = modules[url.pathname];
    if (req.method === 'GET' && compiled !== undefined) {
      res.writeHead(200, { 'content-type': TYPES['.js'], ...SECURITY_HEADERS });
      res.end(compiled);
      return;
    }
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file[1], ...SECURITY_HEADERS });
      res.end(readFileSync(path.join(root, file[0])));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/forms') return sendJson(res, 200, forms);
    if (req.method === 'POST' && (url.pathname === '/api/run' || url.pathname === '/api/test-connection')) {
      // JSON only: a cross-site HTML form cannot send it without a CORS preflight.
      if (!String(req.headers['content-type']).startsWith('application/json')) {
        return sendJson(res, 415, { status: 'failed', message: 'Send JSON.' });
      }
      if (Number(req.headers['content-length']) > MAX_BODY_BYTES) {
        // Answered without reading the body, so the connection ends with the answer.
        res.setHeader('connection', 'close');
        return sendJson(res, 413, TOO_LARGE);
      }
      const text = await readBody(req);
      if (text === undefined) return sendJson(res, 413, TOO_LARGE);
      const body = JSON.parse(text) as {
        sourceOptions?: Record<string, unknown>;
        queryOptions?: Record<string, unknown>;
        dataSourceUpdatedAt?: string;
      };
      const sourceOptions = { ...body.sourceOptions };
      if (options.serverSecretKey && !sourceOptions.secret_key) sourceOptions.secret_key = options.serverSecretKey;
      if (url.pathname === '/api/test-connection') {
        const tested = await plugin.testConnection(sourceOptions);
        const field = tested.status === 'ok' ? undefined : settingsField(sourceOptions);
        return sendJson(res, 200, field ? { ...tested, data: { field } } : tested);
      }
      try {
        const result = await plugin.run(sourceOptions, body.queryOptions ?? {}, 'playground', body.dataSourceUpdatedAt);
        return sendJson(res, 200, result);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
        return sendJson(res, 200, {
          status: 'failed',
          message: error.message,
          description: error.description,
          data: error.data,
        });
      }
    }
    sendJson(res, 404, { status: 'failed', message: 'Not found.' });
  }

  port = await listen(server, options.port);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The connection field a failed test connection is about, for the page to mark: the plugin's own check. */
function settingsField(sourceOptions: Record<string, unknown>): string | undefined {
  try {
    parseConnectionSettings(sourceOptions);
  } catch (error) {
    if (error instanceof Failure && typeof error.details.field === 'string') return error.details.field;
  }
  return undefined;
}

const SECURITY_HEADERS = {
  // connect-src: the page PUTs files to signed URLs on the S3 endpoint (any host) and reads its own
  // download links (blob:); scripts still come only from this server.
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self' blob: http: https:",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

function isLocalRequest(req: http.IncomingMessage, port: number): boolean {
  const localHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!localHosts.includes(String(req.headers.host))) return false;
  const origin = req.headers.origin;
  return origin === undefined || localHosts.some((host) => origin === `http://${host}`);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

const TOO_LARGE = {
  status: 'failed',
  message: `The request is larger than the playground takes (${MAX_BODY_BYTES / 1024 / 1024} MB). Upload large files with a signed URL.`,
};

/** The body as text, or undefined when it is over MAX_BODY_BYTES (read to its end and dropped, so the answer arrives). */
function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] | undefined = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) chunks = undefined;
      chunks?.push(chunk);
    });
    req.on('end', () => resolve(chunks && Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The exact port when given; otherwise 3030, or the next free port after it. */
async function listen(server: http.Server, port: number | undefined): Promise<number> {
  const candidates = port === undefined ? Array.from({ length: 50 }, (_, i) => DEFAULT_PORT + i) : [port];
  for (const candidate of candidates) {
    const bound = await new Promise<boolean>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void => {
        if (error.code === 'EADDRINUSE' && port === undefined) resolve(false);
        else reject(error);
      };
      server.once('error', onError);
      server.listen(candidate, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (bound) return (server.address() as AddressInfo).port;
  }
  throw new Error(`no free port from ${DEFAULT_PORT} to ${DEFAULT_PORT + 49}; set PORT`);
}
