/** The playground server answers only local requests and picks its port as documented. */
import http from 'node:http';
import { startPlayground, Playground } from '../../dev/playground/server.js';

let playground: Playground;
beforeAll(async () => {
  playground = await startPlayground({ port: 0, connectionDefaults: { region: 'us-east-1' } });
});
afterAll(() => playground.close());

function request(
  headers: Record<string, string>,
  method = 'GET',
  pathName = '/api/forms',
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: playground.port, path: pathName, method, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

it('serves local hosts and refuses other Host or Origin headers', async () => {
  expect(await request({ host: `127.0.0.1:${playground.port}` })).toBe(200);
  expect(await request({ host: `localhost:${playground.port}` })).toBe(200);
  expect(await request({ host: `attacker.example:${playground.port}` })).toBe(403);
  expect(await request({ host: `127.0.0.1:${playground.port}`, origin: 'http://attacker.example' })).toBe(403);
  expect(await request({ host: `127.0.0.1:${playground.port}`, origin: `http://127.0.0.1:${playground.port}` })).toBe(
    200,
  );
});

it('accepts queries only as JSON', async () => {
  const host = `127.0.0.1:${playground.port}`;
  expect(await request({ host, 'content-type': 'application/x-www-form-urlencoded' }, 'POST', '/api/run', 'a=b')).toBe(
    415,
  );
  expect(
    await request(
      { host, 'content-type': 'application/json' },
      'POST',
      '/api/run',
      '{"queryOptions":{"operation":"nope"}}',
    ),
  ).toBe(200);
});

it('binds to 127.0.0.1 only', () => {
  expect(playground.url).toBe(`http://127.0.0.1:${playground.port}/`);
});

it('without PORT takes 3030, or the next free port when 3030 is taken', async () => {
  const blocker = http.createServer();
  const blocked = await new Promise<boolean>((resolve) => {
    blocker.once('error', () => resolve(false));
    blocker.listen(3030, '127.0.0.1', () => resolve(true));
  });
  const second = await startPlayground({ connectionDefaults: {} });
  try {
    expect(second.port).toBeGreaterThan(3030); // 3030 is held by the blocker (or by someone else)
    expect(second.port).toBeLessThan(3080);
  } finally {
    await second.close();
    if (blocked) blocker.close();
  }
});
