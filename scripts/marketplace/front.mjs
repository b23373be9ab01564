/**
 * The front of the marketplace bundle: the few lines the app builder evaluates for every query.
 *
 * The app builder's server evaluates the stored bundle afresh for every query (in a new vm
 * context, or a new module), so nothing defined at the bundle's top level survives a query. The
 * plugin itself (the AWS SDK and all: the implementation) is therefore kept here as text, which
 * the engine only scans as a string, and is compiled once per process: on the first query, or
 * the first after a new version of the bundle was stored. It then lives in a registry on the
 * host's global object, keyed by the plugin's name, version and the implementation's hash, with
 * everything it keeps between queries (the one S3 client per data source, its sockets).
 */
/* global global, require -- what every loader gives a bundle: the host's (or its copy's) global and require */
import implementation from 'marketplace:implementation';
import identity from 'marketplace:identity';

const REGISTRY = Symbol.for('tooljet-plugins.marketplace-registry');
/** Versions of this plugin kept at once; an older one's clients are closed when it is dropped. */
const VERSIONS_KEPT = 3;

/**
 * The host's global object. The vm sandbox hands it over as `global` (the sandbox's own
 * `globalThis` is new for every query). Under import() and require() the two are one object.
 * module-from-string's `global` is its new context's own, whose properties are copies of the
 * host's, Function among them: a function that Function makes returns the host's global.
 */
function hostGlobal() {
  return global === globalThis ? Function('return this')() : global;
}

/**
 * Compiles the implementation with the host realm's Function, so the plugin runs in the host's
 * realm: the results, Dates and errors the app builder receives are its own kind, whatever
 * context this front was evaluated in.
 */
function evaluate(host) {
  const module = { exports: {} };
  const factory = new host.Function('require', 'module', 'exports', `${implementation}\n//# sourceURL=${identity.key}`);
  factory(require, module, module.exports);
  return module.exports;
}

const host = hostGlobal();
const registry = (host[REGISTRY] ??= new Map());
const loaded = registry.get(identity.key) ?? evaluate(host);
// Most recently used last; beyond VERSIONS_KEPT of this plugin, the least recent are dropped.
registry.delete(identity.key);
registry.set(identity.key, loaded);
const versions = [...registry.keys()].filter((key) => key.startsWith(`${identity.name}@`));
for (const key of versions.slice(0, -VERSIONS_KEPT)) {
  registry.get(key).retireAllClients?.();
  registry.delete(key);
}

export default loaded.default;
