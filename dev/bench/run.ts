/**
 * `npm run bench`: the plugin against the raw SDK and against the app builder's current design
 * (a new S3Client per query), side by side in one run, on an embedded S3 server on 127.0.0.1.
 * Prints a markdown table and, on a full run, writes BENCHMARKS.md.
 *   BENCH_QUICK=1   fewer rounds and smaller sizes (a smoke run)
 *   BENCH_ONLY=1,4  only these measures
 * Smoke and partial runs print their table but leave BENCHMARKS.md alone.
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  _Object,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import S3QueryService from '../../lib/index.js';
import { encodeUploadBody } from '../../lib/bodies/upload-encoding.js';
import { startEmbeddedS3 } from '../embedded-s3/server.js';
import { projectRoot } from '../project-root.js';
import { benchSource, rawClient } from './raw-client.js';
import { comparisonRow, memoryRow, renderReport, renderTable, Row } from './report.js';
import { interleave, median, ms, ratio, timeIt } from './stats.js';

const BUCKET = 'bench';
const LIST_BUCKET = 'bench-list';
const MB = 1024 * 1024;
const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = process.env.BENCH_ONLY?.split(',').map(Number);

interface Bench {
  endpoint: string;
  source: Record<string, unknown>;
  raw: S3Client;
  run(query: Record<string, unknown>): Promise<{ data: unknown }>;
  readRaw(key: string): Promise<unknown>;
  add(row: Row): void;
  note(text: string): void;
}

// 1. Warm query overhead on a small object, through a cached data source.
async function warmRead(b: Bench): Promise<void> {
  const warm = await interleave(
    QUICK ? 6 : 30,
    40,
    () => b.run({ operation: 'get_object', bucket: BUCKET, key: 'small.txt' }),
    () => b.readRaw('small.txt'),
  );
  b.add(
    comparisonRow(
      '1. Warm `get_object` (1 KB), cached data source vs raw SDK',
      ms(warm.a),
      ms(warm.b),
      warm.ratio,
      1.05,
    ),
  );
}

// 2. The app builder's current design: a new client (and connection) for every query.
async function clientPerQuery(b: Bench): Promise<void> {
  const perQueryClient = async () => {
    const client = rawClient(b.endpoint);
    const output = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'small.txt' }));
    const bytes = await output.Body?.transformToByteArray();
    client.destroy();
    return bytes;
  };
  const design = await interleave(QUICK ? 6 : 20, 20, perQueryClient, () =>
    b.run({ operation: 'get_object', bucket: BUCKET, key: 'small.txt' }),
  );
  b.add({
    ...comparisonRow(
      '2. New `S3Client` per query (current plugin design) vs this plugin',
      ms(design.b),
      ms(design.a),
      design.b / design.a,
    ),
    target: 'report how much faster',
    verdict: `plugin ${design.ratio.toFixed(2)}× faster`,
  });
}

// 3. Listing 10,000 objects with fetchAll vs the raw paginator.
async function listAll(b: Bench): Promise<void> {
  const count = QUICK ? 2000 : 10_000;
  await seedList(b.raw, count);
  const paginate = async () => {
    const all: _Object[] = [];
    for await (const page of paginateListObjectsV2({ client: b.raw }, { Bucket: LIST_BUCKET }))
      all.push(...(page.Contents ?? []));
    if (all.length !== count) throw new Error(`paginator listed ${all.length}`);
  };
  const fetchAll = async () => {
    const { data } = await b.run({
      operation: 'list_objects',
      bucket: LIST_BUCKET,
      fetchAll: true,
      maxTotalKeys: String(count),
    });
    const listed = (data as { KeyCount: number }).KeyCount;
    if (listed !== count) throw new Error(`fetchAll listed ${listed}`);
  };
  const list = await interleave(QUICK ? 2 : 6, 1, fetchAll, paginate);
  b.add(
    comparisonRow(
      `3. \`list_objects\` fetchAll, ${count.toLocaleString('en')} objects, vs raw paginator`,
      ms(list.a),
      ms(list.b),
      list.ratio,
      1.1,
    ),
  );
}

// 4. Large reads: time and peak added memory, text and binary.
async function largeReads(b: Bench): Promise<void> {
  for (const sizeMb of QUICK ? [1, 10] : [1, 10, 50]) {
    for (const kind of ['text', 'binary'] as const) {
      const key = `read-${kind}-${sizeMb}.bin`;
      const size = sizeMb * MB;
      const body =
        kind === 'text'
          ? Buffer.from('lorem ipsum dolor sit amet, '.repeat(Math.ceil(size / 28)).slice(0, size))
          : randomBytes(size);
      await b.raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
      const read = await interleave(
        QUICK ? 2 : sizeMb >= 50 ? 4 : 8,
        1,
        () => b.run({ operation: 'get_object', bucket: BUCKET, key }),
        () => b.readRaw(key),
      );
      b.add(
        comparisonRow(`4. \`get_object\` ${sizeMb} MB ${kind}: time vs raw SDK`, ms(read.a), ms(read.b), read.ratio),
      );
      b.add(
        memoryRow(
          `4. \`get_object\` ${sizeMb} MB ${kind}: peak memory added`,
          await peakMemory('plugin', 'read', b.endpoint, key),
          await peakMemory('raw', 'read', b.endpoint, key),
          size,
          kind === 'binary' ? 3 : undefined,
        ),
      );
    }
  }
}

// 5. Large uploads: this plugin (multipart above 16 MB) vs one PutObject with the raw SDK.
async function largeUploads(b: Bench): Promise<void> {
  for (const sizeMb of QUICK ? [64] : [64, 256]) {
    const bytes = randomBytes(sizeMb * MB);
    const base64 = bytes.toString('base64');
    const rounds = QUICK ? 1 : 3;
    const putRaw = () => b.raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: `up-raw-${sizeMb}.bin`, Body: bytes }));
    const upload = await interleave(
      rounds,
      1,
      () =>
        b.run({
          operation: 'upload_object',
          bucket: BUCKET,
          key: `up-plugin-${sizeMb}.bin`,
          data: base64,
          encoding: 'base64',
        }),
      putRaw,
    );
    b.add(
      comparisonRow(
        `5. \`upload_object\` ${sizeMb} MB (base64 in, multipart) vs raw single PutObject (bytes in)`,
        ms(upload.a),
        ms(upload.b),
        upload.ratio,
      ),
    );
    // The same multipart upload done with the raw SDK separates the plugin's cost from the server's.
    const multipart = await interleave(
      rounds,
      1,
      () =>
        new Upload({
          client: b.raw,
          params: { Bucket: BUCKET, Key: `up-rawmp-${sizeMb}.bin`, Body: bytes },
          partSize: 8 * MB,
          queueSize: 4,
        }).done(),
      putRaw,
    );
    b.add(
      comparisonRow(
        `5. (reference, raw SDK in both columns) multipart upload ${sizeMb} MB vs single PutObject`,
        ms(multipart.a),
        ms(multipart.b),
        multipart.ratio,
      ),
    );
    b.add(
      memoryRow(
        `5. \`upload_object\` ${sizeMb} MB: peak memory added beyond the input`,
        await peakMemory('plugin', 'upload', b.endpoint, `up-plugin-${sizeMb}.bin`, sizeMb),
        await peakMemory('raw', 'upload', b.endpoint, `up-raw-${sizeMb}.bin`, sizeMb),
        bytes.length,
        undefined,
        "— (the raw SDK sends the caller's buffer as is)",
      ),
    );
    // The plugin's own validation and part-by-part decoding, timed alone.
    const decodeTimes: number[] = [];
    for (let i = 0; i < 3; i += 1)
      decodeTimes.push(
        await timeIt(async () => {
          let decoded = 0;
          for (const piece of encodeUploadBody(base64, 'base64').pieces()) decoded += piece.length;
          return decoded;
        }),
      );
    b.note(
      `Upload ${sizeMb} MB: the plugin takes ${ms(upload.a - multipart.a)} more than the raw multipart upload; validating and decoding the base64 text part by part accounts for ${ms(median(decodeTimes))} of it.`,
    );
  }
}

// 6. Signed URL generation.
async function signedUrls(b: Bench): Promise<void> {
  const signed = await interleave(
    QUICK ? 6 : 20,
    200,
    () => b.run({ operation: 'signed_url_for_get', bucket: BUCKET, key: 'signed.txt', expiresIn: '600' }),
    () => getSignedUrl(b.raw, new GetObjectCommand({ Bucket: BUCKET, Key: 'signed.txt' }), { expiresIn: 600 }),
  );
  b.add({
    ...comparisonRow(
      '6. Signed URL generation: URLs per second',
      `${Math.round(1000 / signed.a).toLocaleString('en')}/s`,
      `${Math.round(1000 / signed.b).toLocaleString('en')}/s`,
      signed.ratio,
    ),
    ratio: `${ratio(signed.ratio)} time per URL`,
  });
}

interface MarketplaceLoader {
  storeBundle(text: string): string;
  decodeStoredBundle(stored: string): string;
  serviceForQuery(text: string): Promise<S3QueryService>;
}
// tsc turns import() into require() in CommonJS output; the loader and data: URLs need a real import().
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

// 7. Marketplace install: the server's path for every query on the stored bundle.
async function marketplace(b: Bench): Promise<void> {
  const root = projectRoot();
  const text = readFileSync(path.join(root, 'marketplace', 'dist', 'index.js'), 'utf8');
  const size = `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`;
  const loader = (await importModule(
    pathToFileURL(path.join(root, 'dev', 'app-builder', 'marketplace-loader.mjs')).href,
  )) as MarketplaceLoader;
  const stored = loader.decodeStoredBundle(loader.storeBundle(text));
  const query = { operation: 'get_object', bucket: BUCKET, key: 'small.txt' };
  const updatedAt = '2024-01-01T00:00:00Z';
  const instance = await loader.serviceForQuery(stored);
  const warm = () => instance.run(b.source, query, 'bench-marketplace', updatedAt);
  const perQuery = async () =>
    (await loader.serviceForQuery(stored)).run(b.source, query, 'bench-marketplace', updatedAt);
  const perQueryPath = await interleave(QUICK ? 6 : 20, 20, perQuery, warm);
  b.add(
    comparisonRow(
      `7. Marketplace bundle (${size}): the server's per-query path (URI-encode, import, construct, run) vs a warm query on one instance`,
      ms(perQueryPath.a),
      ms(perQueryPath.b),
      perQueryPath.ratio,
      3,
    ),
  );
  // A new text is a new module: evaluated anew, with its own client, as after the bundle is stored.
  let version = 0;
  const cold = async () => {
    version += 1;
    const service = await loader.serviceForQuery(`${stored}\n//${version}`);
    return service.run(b.source, query, 'bench-marketplace', updatedAt);
  };
  const first = await interleave(QUICK ? 3 : 8, 1, cold, warm);
  b.add(
    comparisonRow(
      `7. Marketplace bundle (${size}): first query after the bundle is stored (cold) vs a warm query`,
      ms(first.a),
      ms(first.b),
      first.ratio,
    ),
  );
}

const MEASURES = [warmRead, clientPerQuery, listAll, largeReads, largeUploads, signedUrls, marketplace];

async function seedList(raw: S3Client, count: number): Promise<void> {
  const existing = await raw.send(new ListObjectsV2Command({ Bucket: LIST_BUCKET, MaxKeys: 1 }));
  if ((existing.KeyCount ?? 0) > 0) return;
  const keys = Array.from({ length: count }, (_, i) => `objects/${String(i).padStart(6, '0')}.txt`);
  for (let i = 0; i < keys.length; i += 100) {
    await Promise.all(
      keys.slice(i, i + 100).map((Key) => raw.send(new PutObjectCommand({ Bucket: LIST_BUCKET, Key, Body: Key }))),
    );
  }
}

/** Peak memory one read or upload adds, measured in a fresh process so earlier work cannot hide or inflate it. */
function peakMemory(
  mode: 'plugin' | 'raw',
  work: 'read' | 'upload',
  endpoint: string,
  key: string,
  sizeMb = 0,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'memory-probe.js'), [mode, work, endpoint, BUCKET, key, String(sizeMb)], {
      execArgv: ['--expose-gc'],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    child.once('message', (message: { addedBytes?: number; error?: string }) => {
      if (message.error) reject(new Error(message.error));
      else resolve(message.addedBytes ?? 0);
    });
    child.once('exit', (code) => code && reject(new Error(`memory probe exited with ${code}`)));
  });
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const notes = [...BENCH_NOTES];
  const server = await startEmbeddedS3({ buckets: [BUCKET, LIST_BUCKET] });
  const raw = rawClient(server.endpoint);
  try {
    const plugin = new S3QueryService();
    const source = benchSource(server.endpoint);
    const bench: Bench = {
      endpoint: server.endpoint,
      source,
      raw,
      run: (query) => plugin.run(source, query, 'bench-ds', '2024-01-01T00:00:00Z'),
      readRaw: async (key) =>
        (await raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToByteArray(),
      add(row) {
        rows.push(row);
        console.log(`${row.measure}: plugin ${row.plugin}, baseline ${row.baseline}, ${row.ratio} ${row.verdict}`);
      },
      note: (text) => notes.push(text),
    };
    for (const [Key, Body] of [
      ['small.txt', 'x'.repeat(1024)],
      ['warmup.txt', 'warm'],
      ['signed.txt', 'x'],
    ])
      await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    for (const [index, measure] of MEASURES.entries()) if (!ONLY || ONLY.includes(index + 1)) await measure(bench);
  } finally {
    raw.destroy();
    await server.stop(); // also removes the server's temporary data folder
  }
  console.log(`\n${renderTable(rows)}\n`);
  if (QUICK || ONLY) {
    console.log('Smoke or partial run: BENCHMARKS.md left unchanged.');
    return;
  }
  const cpus = os.cpus();
  const machine = `${cpus.length} cores (${cpus[0]?.model.trim()}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB memory, Node.js ${process.version}, ${os.platform()} ${os.arch()}`;
  writeFileSync(
    path.join(projectRoot(), 'BENCHMARKS.md'),
    renderReport(rows, machine, new Date().toISOString().slice(0, 10), notes),
  );
  console.log('Written to BENCHMARKS.md.');
}

const BENCH_NOTES: string[] = [
  'The server is s3rver, a single Node process storing objects on disk, on the same two cores as the bench. Its latency dominates every figure, which is why the plugin is compared with the raw SDK talking to the same server, in the same run.',
  "2: the app builder's current plugin builds a new `S3Client` for every query, so every query also opens a new TCP connection and resolves its configuration again; this plugin keeps one client (and its keep-alive sockets) per data source.",
  "4: the raw SDK baseline returns bytes; the plugin also turns them into the text or base64 a query result carries. Reads are decoded while they stream (text validated chunk by chunk, base64 encoded in 3-byte-aligned pieces), so the raw body is never held whole beside its decoded form. What remains above the base64 text's own 1.33× is socket chunks waiting for the garbage collector, which is also why the raw SDK, returning only bytes, peaks near 3×. Peak memory for text depends on the same collector timing; it is not a target.",
  "Memory probe: each read or upload runs in a fresh process; the baseline is taken once RSS has settled after garbage collection (V8 frees large buffers on a background thread), and on Linux the kernel's peak-RSS mark is reset just before the work (`/proc/self/clear_refs`), so making the input cannot hide the work's own peak. An earlier version of the probe took the baseline right after `gc()` and reported binary reads at 2.0–2.3×; the settled figures are a little higher and are the honest ones.",
  '5: against s3rver a multipart upload is slower than one PutObject even with the raw SDK (the reference rows): s3rver writes each part to disk and concatenates them on completion, in one process. On S3 itself, parallel parts are what makes large uploads fast and resumable, and they are required above 5 GB, so the plugin keeps multipart above 16 MB. The plugin is also handed base64 text (what the app builder sends) where the raw SDK is handed bytes: validating and decoding it is timed in the notes below, and feeding the decoded pieces to `@aws-sdk/lib-storage` as a stream (which copies each 8 MB part once) about 12% more than handing it one buffer (measured once, separately). That trade is deliberate: one buffer would hold a second whole copy of the file.',
  '5: upload peak memory is mostly parts in flight (4 × 8 MB) and decoded pieces waiting for the garbage collector, so as a multiple of the size it is larger for 64 MB than for 256 MB and varies from run to run.',
  "Profiling (`node --cpu-prof` and timing each step in isolation) found and fixed these plugin costs, each measured with the same interleaved method before and after: connection options were parsed and hashed twice per query (now once per distinct configuration); `undefined` fields in command inputs cost the SDK serializer ~10% per request (now dropped); async iteration over the response stream was ~5% slower than `data` events; a failed UTF-8 decode attempt before base64 and keeping the raw body beside its encoding pushed binary reads to 4.3× the object size; an anchored base64 validation regex took 500 ms on a 64 MB upload (now one 50 ms scan); decoding a large upload's base64 text in one piece held a second whole copy of the file: a 256 MB upload added 2.33× its size at peak, now 0.4–0.6× (decoded 3 MiB at a time as parts are sent), and ran 0.91× the time of the old code in the same run.",
  "Tried and dropped: encoding read bodies to base64 in 768 KB pieces (so each piece's text skips V8's young generation) raised the binary-read peak from 2.7× to 3.45× at 10 MB.",
];

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
