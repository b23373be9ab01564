/**
 * `node --cpu-prof .dev-build/dev/bench/profile-warm.js <s3rver|rgw> <plugin|raw> <row> [count] [concurrency]`:
 * `count` warm queries of one of measure 1's rows (0 get_object, 1 head_object, 2 upload_object,
 * 3 list_objects), one after another (or `concurrency` at a time, as measure 10 runs them)
 * through one cached data source (or the raw SDK on one client whose pool has the plugin's
 * settings), so a CPU profile of this process shows what each part of the path costs per request
 * (`node .dev-build/dev/bench/profile-table.js <profile> <count>`). The server runs in other
 * processes and is not in the profile.
 */
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Agent as HttpAgent } from 'node:http';
import S3QueryService from '../../lib/index.js';
import { MAX_SOCKETS } from '../../lib/connection/client.js';
import { inParallel } from '../../lib/operations/shared/in-parallel.js';
import { startRgw } from '../ceph-rgw/server.js';
import { embeddedDataSource, startEmbeddedS3 } from '../embedded-s3/server.js';
import { rawClient } from './raw-client.js';
import { BENCH_BUCKET, seedWarmObjects, WARM_QUERIES } from './warm-queries.js';

async function main(): Promise<void> {
  const [serverName = 's3rver', mode = 'plugin', row = '0', countText = '2000', concurrencyText = '1'] =
    process.argv.slice(2);
  const count = Number(countText);
  const concurrency = Number(concurrencyText);
  const warm = WARM_QUERIES[Number(row)];
  let source: Record<string, unknown>;
  let stop: () => Promise<void>;
  if (serverName === 'rgw') {
    const rgw = await startRgw();
    source = embeddedDataSource(rgw.endpoint, { access_key: rgw.accessKey, secret_key: rgw.secretKey });
    stop = () => rgw.stop();
  } else {
    const s3rver = await startEmbeddedS3({ buckets: [BENCH_BUCKET], verifySignatures: false });
    source = embeddedDataSource(s3rver.endpoint);
    stop = () => s3rver.stop();
  }
  try {
    const raw = rawClient(source, new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }));
    if (serverName === 'rgw') await raw.send(new CreateBucketCommand({ Bucket: BENCH_BUCKET }));
    await seedWarmObjects(source);
    const plugin = new S3QueryService();
    const once =
      mode === 'raw' ? () => warm.raw(raw) : () => plugin.run(source, warm.query, 'profile', '2024-01-01T00:00:00Z');
    const all = (times: number) => inParallel(Array.from({ length: times }), concurrency, once);
    await all(100);
    const started = performance.now();
    await all(count);
    console.log(
      `${mode} ${warm.label} [${serverName}]: ${((performance.now() - started) / count).toFixed(3)} ms per query`,
    );
    raw.destroy();
  } finally {
    await stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
