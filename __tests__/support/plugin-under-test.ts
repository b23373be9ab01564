/**
 * What the service suites run their queries through, set by the jest project (`globals`):
 * - `direct`: the plugin's own class, as a built-in plugin runs;
 * - `vm sandbox`: the marketplace bundle (marketplace/dist/index.js, built by `npm test`) as the
 *   app builder's newest releases run it: its text evaluated anew in a new vm context for every
 *   call (dev/app-builder/loaders.ts), with a server `require` that sees nothing but Node's
 *   built-ins. Values cross that boundary both ways: options and Buffers in, results and errors out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadInVmSandbox } from '../../dev/app-builder/loaders.js';
import S3QueryService from '../../lib/index.js';

export type PluginLoader = 'direct' | 'vm sandbox';
export type PluginUnderTest = Pick<S3QueryService, 'run' | 'testConnection' | 'getConnection'>;

export function pluginLoader(): PluginLoader {
  return (globalThis as { PLUGIN_LOADER?: PluginLoader }).PLUGIN_LOADER ?? 'direct';
}

export function pluginUnderTest(): PluginUnderTest {
  if (pluginLoader() === 'direct') return new S3QueryService();
  const text = readFileSync(path.join(__dirname, '..', '..', 'marketplace', 'dist', 'index.js'), 'utf8');
  // The server's module, somewhere no node_modules folder is above.
  const filename = path.join(tmpdir(), 'app-builder-server', 'plugin-selector.service.js');
  const server = { require: createRequire(filename), filename };
  const load = () => loadInVmSandbox(text, server);
  return {
    run: async (...call) => (await load()).run(...call),
    testConnection: async (...call) => (await load()).testConnection(...call),
    getConnection: async (...call) => (await load()).getConnection(...call),
  };
}
