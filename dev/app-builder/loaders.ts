/**
 * How the app builder's server loads a marketplace plugin, one model per kind of release, written
 * from its sources (ToolJet/ToolJet). It stores the uploaded `dist/index.js` as base64, decodes it
 * once and keeps the text, then evaluates that text anew for every query; each function here is
 * one query's load.
 * - vm sandbox: server/src/modules/data-sources/services/plugin-selector.service.ts in its newest
 *   versions (pull request 15176 describes the same path): `vm.runInNewContext(text,
 *   vm.createContext({ ...global, module, exports, require, … }))`, then
 *   `new sandbox.module.exports.default()`. `require` is the server's own.
 * - requireFromString: the same file before that, and server/src/helpers/plugins.helper.ts before
 *   it: module-from-string's `requireFromString(text, { useCurrentGlobal: true })`, then
 *   `new code.default()`.
 * - data: URL import: one release of the same file:
 *   `await import('data:text/javascript,' + encodeURIComponent(text))`, then `new module.default()`.
 * As in the server, the `require` a bundle receives is this module's own, so a copy of this file
 * in a folder outside the project gives a bundle Node's built-ins and nothing of the project.
 * No imports but Node's: the tests run the compiled file from such a folder.
 */
import { randomUUID } from 'node:crypto';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type S3QueryService from '../../lib/index.js';

type ServiceClass = new () => S3QueryService;

/** The server's module: the `require` and `__filename` the vm sandbox hands a bundle. */
export interface ServerModule {
  require: NodeJS.Require;
  filename: string;
}

const thisModule: ServerModule = { require, filename: __filename };

/** The stored form (base64, as the server's files table keeps it) and the text decoded from it. */
export const storeBundle = (text: string): string => Buffer.from(text, 'utf8').toString('base64');
export const decodeStoredBundle = (stored: string): string => Buffer.from(stored, 'base64').toString('utf8');

/** The newest releases: the text runs as a script in a new vm context per query. */
export async function loadInVmSandbox(text: string, server: ServerModule = thisModule): Promise<S3QueryService> {
  const moduleWrapper = { exports: {} as { default?: ServiceClass } };
  const sandbox = vm.createContext({
    ...global,
    module: moduleWrapper,
    exports: moduleWrapper.exports,
    require: server.require,
    process,
    console,
    Buffer,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    setImmediate,
    clearImmediate,
    TextEncoder,
    TextDecoder,
    atob: globalThis.atob,
    btoa: globalThis.btoa,
    URL,
    URLSearchParams,
    fetch: globalThis.fetch,
    Headers: globalThis.Headers,
    Request: globalThis.Request,
    Response: globalThis.Response,
    FormData: globalThis.FormData,
    crypto: globalThis.crypto,
    ReadableStream: globalThis.ReadableStream,
    WritableStream: globalThis.WritableStream,
    TransformStream: globalThis.TransformStream,
    performance: globalThis.performance,
    Event: globalThis.Event,
    EventTarget: globalThis.EventTarget,
    AbortController: globalThis.AbortController,
    AbortSignal: globalThis.AbortSignal,
    Blob: globalThis.Blob,
    File: globalThis.File,
    structuredClone: globalThis.structuredClone,
    WebAssembly: globalThis.WebAssembly,
    Intl,
    Promise,
    ArrayBuffer,
    SharedArrayBuffer,
    Int8Array,
    Uint8Array,
    Uint8ClampedArray,
    Int16Array,
    Uint16Array,
    Int32Array,
    Uint32Array,
    Float32Array,
    Float64Array,
    BigInt64Array,
    BigUint64Array,
    DataView,
    Map,
    Set,
    WeakMap,
    WeakSet,
    Error,
    EvalError,
    RangeError,
    ReferenceError,
    SyntaxError,
    TypeError,
    URIError,
    JSON,
    Math,
    Reflect,
    Proxy,
    NaN,
    Infinity,
    undefined,
    parseInt,
    parseFloat,
    isNaN,
    isFinite,
    decodeURI,
    decodeURIComponent,
    encodeURI,
    encodeURIComponent,
    __dirname: process.cwd(),
    __filename: server.filename || '',
    global,
  });
  vm.runInNewContext(text, sandbox);
  return instantiate(sandbox.module.exports.default);
}

/**
 * Earlier releases: module-from-string 3's requireFromString with `useCurrentGlobal`, which
 * evaluates the text in a new vm context made of a copy of every property of the host's global
 * object (less `global` and `globalThis`; its `global` is the copy itself), with a new Module.
 */
export async function loadWithRequireFromString(
  text: string,
  server: ServerModule = thisModule,
): Promise<S3QueryService> {
  const filename = path.join(path.dirname(server.filename), `${randomUUID()}.js`);
  const contextModule = new Module(filename, require.main);
  contextModule.require = createRequire(filename);
  contextModule.filename = filename;
  contextModule.paths = require.main?.paths ?? [];
  const context: Record<PropertyKey, unknown> = {
    exports: contextModule.exports,
    require: contextModule.require,
    module: contextModule,
    __filename: filename,
    __dirname: path.dirname(filename),
  };
  for (const key of Reflect.ownKeys(globalThis))
    if (key !== 'global' && key !== 'globalThis')
      Object.defineProperty(context, key, Object.getOwnPropertyDescriptor(globalThis, key) as PropertyDescriptor);
  context.global = context;
  vm.runInNewContext(text, context, { filename });
  return instantiate((contextModule.exports as { default?: ServiceClass }).default);
}

// tsc turns import() into require() in CommonJS output; a data: URL needs a real import().
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

/** One release: the text imported as an ES module from a data: URL (Node caches it by URL). */
export async function importFromDataUrl(text: string): Promise<S3QueryService> {
  const module = (await importModule(`data:text/javascript,${encodeURIComponent(text)}`)) as { default?: ServiceClass };
  return instantiate(module.default);
}

function instantiate(Service: ServiceClass | undefined): S3QueryService {
  if (typeof Service !== 'function') throw new TypeError('the bundle has no default export to construct');
  return new Service();
}

export type LoaderName = 'vm sandbox' | 'requireFromString' | 'data: URL import';

/** Each loader with the bundle it takes (marketplace/dist/). */
export const LOADERS: Record<LoaderName, { load: (text: string) => Promise<S3QueryService>; bundle: string }> = {
  'vm sandbox': { load: (text) => loadInVmSandbox(text), bundle: 'index.js' },
  requireFromString: { load: (text) => loadWithRequireFromString(text), bundle: 'index.js' },
  'data: URL import': { load: importFromDataUrl, bundle: 'index.mjs' },
};
