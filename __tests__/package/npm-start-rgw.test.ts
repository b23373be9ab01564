/**
 * `npm run start:rgw`: the playground on Ceph RGW (Debian's Ceph; the test fails when it is not
 * installed), the demo bucket seeded with versioning and CORS real: a versioning query and a version
 * listing answer as on S3, where the embedded s3rver refuses them. Ctrl-C stops the gateway too.
 */
import { readProjectJson } from '../../dev/project-root.js';
import { runDevCommand } from '../support/dev-command.js';

jest.setTimeout(180_000);

it('runs the playground on Ceph RGW, where versioning, versions and CORS are real', async () => {
  expect(readProjectJson('package.json').scripts['start:rgw']).toBe('node scripts/start.mjs --rgw');
  // The built entry `npm run start:rgw` runs after building.
  const start = runDevCommand(['.dev-build/dev/playground/start.js', '--rgw']);
  try {
    // Ceph starts in 15 s, more on a loaded machine.
    const playgroundUrl = (await start.waitFor(/S3 plugin playground: (http:\S+)/, 150_000))?.[1];
    expect(start.errors()).toBe('');
    const rgwEndpoint = /Ceph RGW: (http:\S+)/.exec(start.output())?.[1];
    expect(playgroundUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(rgwEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const forms = (await (await fetch(`${playgroundUrl}api/forms`)).json()) as {
      connectionDefaults: Record<string, unknown>;
      secretKeyOnServer: boolean;
      about: { server: string; lacks?: unknown[] };
    };
    // The gateway's secret stays on the playground server; the page is told it is there.
    expect(forms.connectionDefaults).toMatchObject({ endpoint: rgwEndpoint, secret_key: '' });
    expect(forms.secretKeyOnServer).toBe(true);
    expect(forms.about.server).toMatch(/^Ceph RGW 16\.2 at http/);
    expect(forms.about.lacks ?? []).toEqual([]);

    const run = async (queryOptions: Record<string, unknown>) =>
      (await (
        await fetch(`${playgroundUrl}api/run`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ sourceOptions: forms.connectionDefaults, queryOptions }),
        })
      ).json()) as { status: string; message?: string; data: Record<string, unknown> };
    expect(await run({ operation: 'get_bucket_versioning', bucket: 'demo-bucket' })).toMatchObject({
      status: 'ok',
      data: { Status: 'Enabled' },
    });
    const versions = await run({ operation: 'list_object_versions', bucket: 'demo-bucket', key: 'readme.txt' });
    expect(versions.status).toBe('ok');
    expect((versions.data.Versions as unknown[]).length).toBe(2);
    expect(await run({ operation: 'get_bucket_cors', bucket: 'demo-bucket' })).toMatchObject({
      data: { Configured: true, AllowsBrowserUploads: true },
    });
    expect(start.output().split('\n').slice(0, 2)).toEqual([
      'Starting Ceph RGW (a monitor, an OSD in memory and the gateway; about 15 s)…',
      'Creating demo-bucket with versioning and a CORS rule, seeding it through the plugin…',
    ]);

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    await expect(fetch(`${rgwEndpoint}/`)).rejects.toThrow(); // the gateway is stopped with the playground
  } finally {
    if (start.child.exitCode === null) start.child.kill('SIGKILL');
  }
});
