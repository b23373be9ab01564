/**
 * Loads the marketplace bundle exactly as the app builder's server does (stored as base64,
 * decoded once, imported from a data: URL and constructed for every query), twice, and runs
 * queries through both instances.
 * Usage: node marketplace-host.mjs <bundle file> <data source options JSON> <bucket>
 */
import { readFileSync } from 'node:fs';
import { decodeStoredBundle, serviceForQuery, storeBundle } from '../../dev/app-builder/marketplace-loader.mjs';
import { print, roundTrip } from './plugin-round-trip.mjs';

const [bundle, sourceJson, bucket] = process.argv.slice(2);
const source = JSON.parse(sourceJson);
const decoded = decodeStoredBundle(storeBundle(readFileSync(bundle, 'utf8')));
const report = await roundTrip(() => serviceForQuery(decoded), source, bucket);

const first = await serviceForQuery(decoded);
const second = await serviceForQuery(decoded);
const connection = (service) =>
  service.getConnection(source, undefined, true, 'app-builder-ds', '2026-01-01T00:00:00.000Z');
report.twoInstances = first !== second;
report.sharedClient = (await connection(first)) === (await connection(second));
print(report);
