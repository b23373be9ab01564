/**
 * Loads the app builder's generated server entry from the production image and runs queries
 * the way its server does: `new allPlugins[kind]()` for every query.
 * Usage: node server-entry-host.mjs <image folder> <data source options JSON> <bucket>
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { print, roundTrip } from './plugin-round-trip.mjs';

const [image, sourceJson, bucket] = process.argv.slice(2);
const { default: allPlugins } = await import(pathToFileURL(path.join(image, 'dist', 'server.js')).href);
print(await roundTrip(async () => new allPlugins.s3(), JSON.parse(sourceJson), bucket));
