/**
 * Starts Ceph RGW once for the test run, before any service suite on it (every project on RGW
 * runs this; the first starts it), and publishes where it is to the test workers (they start
 * after this, with this environment). Fails the run, saying where the logs are, when it cannot
 * start.
 */
import { startRgw, RgwServer } from '../../dev/ceph-rgw/server';

export default async function startCephRgw(): Promise<void> {
  if ((globalThis as { __CEPH_RGW__?: RgwServer }).__CEPH_RGW__) return; // started for an earlier project
  const server: RgwServer = await startRgw();
  (globalThis as { __CEPH_RGW__?: RgwServer }).__CEPH_RGW__ = server;
  process.env.CEPH_RGW = JSON.stringify({
    endpoint: server.endpoint,
    directory: server.directory,
    accessKey: server.accessKey,
    secretKey: server.secretKey,
  });
}
