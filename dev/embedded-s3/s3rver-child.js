'use strict';
// Runs s3rver in its own process (started with --openssl-legacy-provider by
// server.ts) and reports the bound port to the parent over IPC.
const path = require('node:path');
const { guardStore } = require('./store-guard.js');

process.once('message', (config) => {
  const S3rver = require(config.s3rverPath);
  // s3rver's main module is lib/s3rver.js; its store and error classes sit beside it.
  const lib = path.dirname(config.s3rverPath);
  guardStore(require(path.join(lib, 'stores', 'filesystem.js')), require(path.join(lib, 'models', 'error.js')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: config.port,
    directory: config.directory,
    silent: true,
    configureBuckets: config.buckets.map((name) => ({
      name,
      configs: config.corsXml ? [config.corsXml] : [],
    })),
  });
  server.run().then(
    (address) => process.send({ port: address.port }),
    (error) => process.send({ error: String(error && error.message) }, () => process.exit(1)),
  );
  const stop = () => server.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
});
