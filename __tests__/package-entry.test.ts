/**
 * The compiled package entry (package.json "main") is what the app builder loads:
 * `require(main).default` must be the query service and run against a real server.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { useEmbeddedS3 } from './support/embedded-s3.js';
import { readProjectJson } from '../dev/project-root.js';

const packageJson = readProjectJson('package.json');

const s3 = useEmbeddedS3(['entry-bucket']);
const entry = path.join(__dirname, '..', packageJson.main);

it('exports the query service as the default export of the built entry', async () => {
  expect(existsSync(entry)).toBe(true); // built by `npm test` or `npm run build`
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Service = require(entry).default;
  const service = new Service();
  const result = await service.run(s3.sourceOptions(), { operation: 'list_buckets' }, 'entry-ds', undefined);
  expect(result.status).toBe('ok');
  expect(result.data.Buckets.map((bucket: { Name: string }) => bucket.Name)).toEqual(['entry-bucket']);
  expect(typeof service.testConnection).toBe('function');
  expect(typeof service.getConnection).toBe('function');
});
