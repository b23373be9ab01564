/**
 * `npm run demo`: every operation's example query (dev/playground/operation-examples.ts) run
 * through the real plugin against the embedded S3 server seeded with the demo bucket, each result
 * printed, or its error message where the server refuses it. Needs no AWS account and no configuration.
 */
import S3QueryService from '../lib/index.js';
import { quietTerminal } from './terminal.js';
import { EMBEDDED_LACKS, embeddedDataSource, startEmbeddedS3 } from './embedded-s3/server.js';
import { DEMO_BUCKET, demoObjects } from './playground/demo-content.js';
import { exampleNames, operationExamples } from './playground/operation-examples.js';

const say = quietTerminal();

/** A result as JSON, long strings (base64 bodies, signatures) cut short. */
function json(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'string' && v.length > 160 ? `${v.slice(0, 160)}…` : v), 2);
}

async function main(): Promise<void> {
  const server = await startEmbeddedS3({ buckets: [DEMO_BUCKET] });
  const plugin = new S3QueryService();
  const source = embeddedDataSource(server.endpoint);
  const run = async (query: Record<string, unknown>): Promise<Record<string, unknown>> =>
    (await plugin.run(source, query, 'demo-data-source')).data as Record<string, unknown>;
  const lacks = new Map(EMBEDDED_LACKS.flatMap((gap) => gap.operations.map((name) => [name, gap.feature])));
  try {
    for (const object of demoObjects()) await run({ operation: 'upload_object', bucket: DEMO_BUCKET, ...object });
    say(`Embedded S3 server on ${server.endpoint}, bucket '${DEMO_BUCKET}' seeded; every operation once:`);
    say(`\n=== test connection ===\n${json(await plugin.testConnection(source))}`);
    const made = exampleNames();
    for (const example of operationExamples()) {
      const gap = lacks.get(example.operation);
      say(`\n=== ${example.operation}${gap ? ` (s3rver has no ${gap}: refused)` : ''} ===`);
      try {
        const query = await example.query({ run }, made);
        say(`query: ${json(query)}`);
        say(json(await run({ operation: example.operation, ...query })));
      } catch (error) {
        say(`failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`The demo failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
});
