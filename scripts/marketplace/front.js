/**
 * The front of the marketplace bundle: the few lines the app builder evaluates for every query.
 *
 * The app builder's server evaluates the stored bundle afresh for every query (in a new vm
 * context, or a new module), so nothing defined at the bundle's top level survives a query. The
 * plugin itself (the AWS SDK and all: the implementation) is therefore kept here as text, and is
 * compiled once per process: on the first query, or the first after a new version of the bundle
 * was stored. It then lives in a registry on the host's global object, keyed by the plugin's
 * name, version and the implementation's hash, with everything it keeps between queries (the
 * one S3 client per data source, its sockets). A query after that only finds it there.
 *
 * A CommonJS script; the build puts the implementation's text and the bundle's identity in place
 * of IMPLEMENTATION and IDENTITY, and wraps it as an ES module for the data: URL release.
 */
/* global IMPLEMENTATION, IDENTITY -- the build's two inputs */
'use strict';

// In a function: a loader that ran this text twice in one context would meet its declarations again.
(() => {
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
    const implementation = { exports: {} };
    const factory = new host.Function(
      'require',
      'module',
      'exports',
      `${IMPLEMENTATION}\n//# sourceURL=${IDENTITY.key}`,
    );
    factory(require, implementation, implementation.exports);
    return implementation.exports;
  }

  /** Beyond VERSIONS_KEPT versions of this plugin, drops the least recently used, closing their clients. */
  function dropOldVersions(registry) {
    const versions = [...registry.keys()].filter((key) => key.startsWith(`${IDENTITY.name}@`));
    for (const key of versions.slice(0, -VERSIONS_KEPT)) {
      registry.get(key).retireAllClients?.();
      registry.delete(key);
    }
  }

  const host = hostGlobal();
  const registry = (host[REGISTRY] ??= new Map());
  let loaded = registry.get(IDENTITY.key);
  if (loaded)
    registry.delete(IDENTITY.key); // set again below: the Map's order is the order of use
  else loaded = evaluate(host);
  registry.set(IDENTITY.key, loaded);
  if (registry.size > VERSIONS_KEPT) dropOldVersions(registry);
  exports.default = loaded.default;
})();
