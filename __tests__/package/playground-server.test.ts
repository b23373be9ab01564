/** The playground server answers only local requests and picks its port as documented. */
import http from 'node:http';
import { startPlayground, Playground } from '../../dev/playground/server.js';

const ABOUT = { server: 'none (these tests call the page and the API only)', queryDefaults: {} };

let playground: Playground;
beforeAll(async () => {
  playground = await startPlayground({ port: 0, connectionDefaults: { region: 'us-east-1' }, about: ABOUT });
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
  const second = await startPlayground({ connectionDefaults: {}, about: ABOUT });
  try {
    expect(second.port).toBeGreaterThan(3030); // 3030 is held by the blocker (or by someone else)
    expect(second.port).toBeLessThan(3080);
  } finally {
    await second.close();
    if (blocked) blocker.close();
  }
});

it('answers a body over its limit with 413 and a message, whether announced or streamed', async () => {
  const host = `127.0.0.1:${playground.port}`;
  const post = (headers: Record<string, string>, send: (req: http.ClientRequest) => void) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: playground.port, path: '/api/run', method: 'POST', headers },
        (res) => {
          let body = '';
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      send(req);
    });
  const announced = await post(
    { host, 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) },
    (req) => req.end(),
  );
  expect(announced.status).toBe(413);
  expect(JSON.parse(announced.body).message).toMatch(/larger than the playground takes \(100 MB\)/);

  const megabyte = Buffer.alloc(1024 * 1024, 0x20);
  const streamed = await post({ host, 'content-type': 'application/json' }, (req) => {
    let sent = 0;
    const write = (): void => {
      while (sent < 101) {
        sent += 1;
        if (!req.write(megabyte)) return void req.once('drain', write);
      }
      req.end();
    };
    write();
  });
  expect(streamed.status).toBe(413);
  expect(JSON.parse(streamed.body).status).toBe('failed');
});
