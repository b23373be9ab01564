/**
 * Requires the built package entry (package.json "main", CommonJS) in a plain Node process, as a
 * Node program using the package would, and runs queries with its default export.
 * Usage: node package-entry-host.mjs <entry file> <data source options JSON> <bucket>
 */
import { createRequire } from 'node:module';
import { print, roundTrip } from './plugin-round-trip.mjs';

const [entry, sourceJson, bucket] = process.argv.slice(2);
const { default: S3QueryService } = createRequire(import.meta.url)(entry);
print(await roundTrip(async () => new S3QueryService(), JSON.parse(sourceJson), bucket));
