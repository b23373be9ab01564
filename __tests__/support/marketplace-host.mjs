/**
 * A model of the app builder's server running the marketplace bundle: copied with the loader
 * models (loaders.js) and the bundles into a folder outside the project, run there with plain
 * Node, so the bundle can reach Node's built-ins and nothing else. Every query evaluates the
 * stored text anew, as the server does. It asks its parent (IPC) how many connections the S3
 * server has seen, to tell a reused client from a new one. Prints one JSON line.
 * Usage: node marketplace-host.mjs <loader> <bundle> <second version> <data source JSON> <bucket>
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { asAnotherVersion } from './bundle-identity.js';
import { decodeStoredBundle, LOADERS, storeBundle } from './loaders.js';
import { print, roundTrip } from './plugin-round-trip.mjs';

const [loaderName, bundle, secondBundle, sourceJson, bucket] = process.argv.slice(2);
const source = JSON.parse(sourceJson);
const loader = LOADERS[loaderName];
/** The text as the server keeps it: stored as base64, decoded once. */
const stored = (file) => decodeStoredBundle(storeBundle(readFileSync(file, 'utf8')));
const first = stored(bundle);
const second = stored(secondBundle);
/** The S3 server's connection count, from the test that runs it. */
const connections = () =>
  new Promise((resolve) => {
    process.once('message', resolve);
    process.send('connections');
  });
const registry = () => globalThis[Symbol.for('tooljet-plugins.marketplace-registry')];

const report = { isolated: !canResolve('@aws-sdk/client-s3') && !canResolve('@tooljet-plugins/common') };
Object.assign(report, await roundTrip(() => loader.load(first), source, bucket));

// Six reloads, one query each, on one data source: one client and one socket for all of them.
const dataSourceId = 'reloaded-ds';
const updatedAt = '2026-01-01T00:00:00.000Z';
const query = async (text) => {
  const service = await loader.load(text);
  const result = await service.run(source, { operation: 'list_objects', bucket }, dataSourceId, updatedAt);
  return { client: await service.getConnection(source, undefined, true, dataSourceId, updatedAt), result };
};
const before = await connections();
const reloads = [];
for (let reload = 1; reload <= 6; reload += 1) reloads.push({ ...(await query(first)), seen: await connections() });
report.reloads = {
  allOk: reloads.every(({ result }) => result.status === 'ok'),
  firstOpened: reloads[0].seen.accepted - before.accepted,
  laterOpened: reloads[5].seen.accepted - reloads[0].seen.accepted,
  sixthUsesFirstClient: reloads[5].client === reloads[0].client,
};

// A second version of the bundle: its own implementation, client and socket.
const secondVersion = await query(second);
report.secondVersion = {
  ok: secondVersion.result.status === 'ok',
  opened: (await connections()).accepted - reloads[5].seen.accepted,
  sharesFirstClient: secondVersion.client === reloads[0].client,
};

// Two more versions: the registry keeps three, and the oldest one's clients are closed.
for (const version of ['third', 'fourth']) await query(asAnotherVersion(second, version));
report.registry = [...registry().keys()].map((key) => key.replace(/#.*/, '#…'));
report.openAfterFourVersions = await settledOpenConnections(3);
print(report);
process.exit(0);

function canResolve(specifier) {
  try {
    createRequire(import.meta.url).resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/** The open connections once closing ones are gone (a destroyed client's sockets close asynchronously). */
async function settledOpenConnections(expected) {
  const deadline = Date.now() + 5_000;
  let { open } = await connections();
  while (open !== expected && Date.now() < deadline) {
    await sleep(50);
    ({ open } = await connections());
  }
  return open;
}
