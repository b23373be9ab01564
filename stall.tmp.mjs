import S3 from '/work/wt-19loop/dist/index.js';
import { startEmbeddedS3, embeddedDataSource } from '/work/wt-19loop/.dev-build/dev/embedded-s3/server.js';
const server = await startEmbeddedS3({ buckets: ['fuzz-bucket'], verifySignatures: false });
const s = new (S3.default ?? S3)();
const src = embeddedDataSource(server.endpoint);
console.log = () => {};
const MB = 1024 * 1024;
let longest = 0, last = performance.now(), lastCpu = process.cpuUsage(), running = true, where = [];
const tick = () => { const now = performance.now(); const cpu = process.cpuUsage(); const busy = Math.min(now - last, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000); if (busy > 30) where.push(Math.round(busy)); longest = Math.max(longest, busy); last = now; lastCpu = cpu; if (running) setImmediate(tick); };
const record = (i) => ({ id: i, name: `item ${i}`, tags: ['a', 'b'], price: i * 1.5, ok: true });
const json = () => JSON.stringify(Array.from({ length: 250_000 }, (_, i) => record(i)));
const cases = {
  late: () => ['upload_object', { key: 'late.bin', data: Buffer.concat([Buffer.alloc(24 * MB, 'text '), Buffer.from([0xff, 0x00])]).toString('base64'), encoding: 'base64' }],
  lateget: () => ['get_object', { key: 'late.bin' }],
  b64: () => ['upload_object', { key: 'big.bin', data: Buffer.alloc(24 * MB, 7).toString('base64'), encoding: 'base64' }],
  utf8: () => ['upload_object', { key: 'big.txt', data: Buffer.from('é🚀 text '.repeat(2 * MB)).toString() }],
  jsonup: () => ['upload_object', { key: 'big.json', data: json(), contentType: 'application/json' }],
  jsonget: () => ['get_object', { key: 'big.json', decodeAs: 'json' }],
  keys: () => ['remove_objects', { keys: [...Array.from({ length: 99_999 }, (_, i) => `${'k'.repeat(990)}${i}`), 'a/../b'] }],
  parts: () => ['complete_multipart_upload', { key: 'k', uploadId: 'no-such-upload', parts: Array.from({ length: 10_000 }, (_, i) => ({ PartNumber: i + 1, ETag: `"${'e'.repeat(32)}"` })) }],
  urls: () => ['signed_urls_for_parts', { key: 'k', uploadId: 'some-upload', partNumbers: '1-10000' }],
};
for (const name of process.argv.slice(2)) {
  const [op, o] = cases[name]();
  for (let r = 0; r < 3; r++) {
    longest = 0; where = []; last = performance.now(); lastCpu = process.cpuUsage(); running = true; setImmediate(tick);
    const t = performance.now();
    let msg;
    try { await s.run(src, { operation: op, bucket: 'fuzz-bucket', ...o }, 'x', '1'); msg = 'ok'; } catch (e) { msg = e.message.slice(0, 100); }
    running = false;
    process.stderr.write(`${name} total ${(performance.now() - t).toFixed(0)} stall ${longest.toFixed(0)} [${where.join(',')}] ${msg}\n`);
  }
}
await server.stop();
