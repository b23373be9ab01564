/**
 * A production S3 implementation on 127.0.0.1: Debian's Ceph RADOS gateway (RGW), which checks
 * every SigV4 signature as production Ceph does. One monitor, one OSD on the in-memory
 * `memstore` object store, pool size 1, no authentication between the daemons, every socket on
 * 127.0.0.1 and every file in one temporary folder. Ready in about 12 s, about 280 MB of memory.
 * `sh scripts/install-ceph.sh` installs the packages.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BINARIES = ['monmaptool', 'ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'ceph'];

export interface RgwKeys {
  accessKey: string;
  secretKey: string;
}

export interface RgwServer extends RgwKeys {
  endpoint: string;
  /** The folder of everything: ceph.conf, daemon data, logs in log/. */
  directory: string;
  /** A user of its own tenant: its buckets live in a namespace no other tenant sees. */
  createTenantUser(tenant: string): Promise<RgwKeys>;
  stop(): Promise<void>;
}

/** Connection details for processes that did not start the server (jest workers, the bench's children). */
export interface RgwAddress extends RgwKeys {
  endpoint: string;
  directory: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

function cephConf(directory: string, fsid: string, monPort: number, rgwPort: number): string {
  return `[global]
fsid = ${fsid}
mon host = v2:127.0.0.1:${monPort}
public addr = 127.0.0.1
ms bind msgr1 = false
# No authentication between the daemons; with it off, only the crc wire mode is possible.
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
ms client mode = crc
ms mon service mode = crc
ms service mode = crc
ms cluster mode = crc
ms mon cluster mode = crc
keyring = /dev/null
# One OSD: pools of one replica, few placement groups.
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
osd crush chooseleaf type = 0
osd objectstore = memstore
# Memory is taken only as objects are written; the benchmarks write several GB.
memstore device bytes = ${12 * 1024 ** 3}
run dir = ${directory}/run
admin socket = ${directory}/run/$name.asok
log file = ${directory}/log/$name.log
pid file = ${directory}/run/$name.pid
mon data = ${directory}/mon/$id
osd data = ${directory}/osd/$id

[client.rgw.test]
# Without tcp_nodelay every small response waits ~40 ms for a delayed ACK.
rgw frontends = beast endpoint=127.0.0.1:${rgwPort} tcp_nodelay=1
rgw data = ${directory}/rgw
# Overwritten and deleted objects are freed within seconds (by default after two hours), so
# repeated large uploads cannot fill the in-memory store.
rgw gc obj min wait = 1
rgw gc processor period = 5
rgw gc processor max time = 5
`;
}

class Cluster {
  readonly conf: string;
  private readonly daemons: ChildProcess[] = [];

  constructor(readonly directory: string) {
    this.conf = path.join(directory, 'ceph.conf');
  }

  command(binary: string, args: string[]): Promise<string> {
    return run(binary, ['-c', this.conf, ...args], { timeout: 60_000 }).then(({ stdout }) => stdout);
  }

  /** A daemon in the foreground, as a child of this process, its output in log/. */
  daemon(name: string, binary: string, args: string[]): ChildProcess {
    const output = openSync(path.join(this.directory, 'log', `${name}.out`), 'a');
    const child = spawn(binary, ['-c', this.conf, '-f', ...args], { stdio: ['ignore', output, output] });
    this.daemons.push(child);
    return child;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.daemons.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
            child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

async function osdState(cluster: Cluster, uuid: string): Promise<{ listed: boolean; up: boolean }> {
  const dump = JSON.parse(await cluster.command('ceph', ['osd', 'dump', '-f', 'json'])) as {
    osds: Array<{ uuid: string; up: number }>;
  };
  const osd = dump.osds.find((entry) => entry.uuid === uuid);
  return { listed: Boolean(osd), up: osd?.up === 1 };
}

async function startOnce(): Promise<{ cluster: Cluster; endpoint: string }> {
  const directory = mkdtempSync(path.join(tmpdir(), 'ceph-rgw-'));
  for (const folder of ['run', 'log', 'mon', 'osd', 'rgw']) mkdirSync(path.join(directory, folder));
  const fsid = randomUUID();
  const [monPort, rgwPort] = [await freePort(), await freePort()];
  writeFileSync(path.join(directory, 'ceph.conf'), cephConf(directory, fsid, monPort, rgwPort));
  const cluster = new Cluster(directory);
  try {
    const monmap = path.join(directory, 'monmap');
    await run('monmaptool', ['--create', '--add', 'a', `v2:127.0.0.1:${monPort}`, '--fsid', fsid, monmap]);
    await cluster.command('ceph-mon', ['--mkfs', '-i', 'a', '--monmap', monmap]);
    cluster.daemon('mon.a', 'ceph-mon', ['-i', 'a']);

    const osdUuid = randomUUID();
    const osdId = (await cluster.command('ceph', ['osd', 'new', osdUuid])).trim();
    // Started before the monitor has published the new OSD, it dies with "wrong fsid".
    await until('the new OSD in the OSD map', 30_000, async () => (await osdState(cluster, osdUuid)).listed);
    mkdirSync(path.join(directory, 'osd', osdId));
    await cluster.command('ceph-osd', ['-i', osdId, '--mkfs', '--osd-uuid', osdUuid]);
    cluster.daemon(`osd.${osdId}`, 'ceph-osd', ['-i', osdId]);
    await until('the OSD', 30_000, async () => (await osdState(cluster, osdUuid)).up);

    cluster.daemon('rgw', 'radosgw', ['-n', 'client.rgw.test']);
    const endpoint = `http://127.0.0.1:${rgwPort}`;
    await until('the RADOS gateway', 90_000, async () => (await fetch(`${endpoint}/`)).ok);
    return { cluster, endpoint };
  } catch (error) {
    await cluster.stop();
    throw Object.assign(error as Error, { directory });
  }
}

function logTails(directory: string): string {
  return ['mon.a', 'osd.0', 'client.rgw.test']
    .map((name) => path.join(directory, 'log', `${name}.log`))
    .filter((file) => existsSync(file))
    .map((file) => `--- ${file}\n${readFileSync(file, 'utf8').split('\n').slice(-15).join('\n')}`)
    .join('\n');
}

/** Starts a single-host cluster; on a loaded machine the OSD can fail its first start, so once more afresh. */
export async function startRgw(): Promise<RgwServer> {
  const missing = BINARIES.filter(
    (binary) => !process.env.PATH?.split(':').some((dir) => existsSync(path.join(dir, binary))),
  );
  if (missing.length) {
    throw new Error(`Ceph is not installed (missing ${missing.join(', ')}): run sh scripts/install-ceph.sh`);
  }
  let started: { cluster: Cluster; endpoint: string } | undefined;
  let failure: (Error & { directory?: string }) | undefined;
  for (let attempt = 1; attempt <= 2 && !started; attempt += 1) {
    try {
      started = await startOnce();
    } catch (error) {
      failure = error as Error & { directory?: string };
    }
  }
  if (!started) {
    const directory = failure?.directory ?? '(none)';
    throw new Error(
      `Ceph RGW did not start (twice): ${failure?.message}. Logs are in ${directory}/log.\n${failure?.directory ? logTails(failure.directory) : ''}`,
    );
  }
  const { cluster, endpoint } = started;
  const keys = await createUser(cluster.directory, undefined);
  return {
    endpoint,
    directory: cluster.directory,
    ...keys,
    createTenantUser: (tenant) => createUser(cluster.directory, tenant),
    async stop() {
      await cluster.stop();
      rmSync(cluster.directory, { recursive: true, force: true });
    },
  };
}

/**
 * radosgw-admin user create (from any process that knows the cluster's folder): fresh keys, of its own tenant, or (tenant undefined) in the shared namespace, where
 * bucket names are global. Browser form uploads (POST Object) need the shared namespace: RGW
 * finds the bucket of a form before it knows the user, so only in the default tenant.
 */
export async function createUser(directory: string, tenant: string | undefined): Promise<RgwKeys> {
  const keys = {
    accessKey: `RGW${randomBytes(8).toString('hex').toUpperCase()}`,
    secretKey: randomBytes(24).toString('base64url'),
  };
  await new Cluster(directory).command('radosgw-admin', [
    'user',
    'create',
    ...(tenant ? ['--tenant', tenant] : []),
    '--uid',
    tenant ? 'tester' : `tester-${randomBytes(6).toString('hex')}`,
    '--display-name',
    'Tester',
    '--access-key',
    keys.accessKey,
    '--secret-key',
    keys.secretKey,
  ]);
  return keys;
}
