/**
 * Queries through a plugin loaded the way the app builder loads it, in a plain Node process
 * (the server is not a jest VM): test connection, a byte-exact binary upload and read, and a
 * failing query. Prints one JSON line for the test to check.
 */
export async function roundTrip(serviceForQuery, source, bucket) {
  const dataSourceId = 'app-builder-ds';
  const updatedAt = '2026-01-01T00:00:00.000Z';
  const run = async (query) => (await serviceForQuery()).run(source, { bucket, ...query }, dataSourceId, updatedAt);
  const bytes = Buffer.from(Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) % 256));
  const report = { testConnection: await (await serviceForQuery()).testConnection(source) };
  report.upload = (
    await run({
      operation: 'upload_object',
      key: 'drop-in/bytes.bin',
      data: bytes.toString('base64'),
      encoding: 'base64',
    })
  ).data;
  const read = (await run({ operation: 'get_object', key: 'drop-in/bytes.bin' })).data;
  report.readBackExact = read.BodyEncoding === 'base64' && Buffer.from(read.Body, 'base64').equals(bytes);
  try {
    await run({ operation: 'get_object', key: 'drop-in/missing.txt' });
    report.failure = 'the query for a missing object succeeded';
  } catch (error) {
    report.failure = { constructorName: error.constructor.name, message: error.message, code: error.data?.code };
  }
  return report;
}

export function print(report) {
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
