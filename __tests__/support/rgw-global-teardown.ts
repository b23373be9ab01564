/** Stops the run's Ceph RGW (jest runs this after the last suite, whether they passed or not). */
import type { RgwServer } from '../../dev/ceph-rgw/server';

export default async function stopCephRgw(): Promise<void> {
  const run = globalThis as { __CEPH_RGW__?: RgwServer };
  const server = run.__CEPH_RGW__;
  delete run.__CEPH_RGW__; // every project on RGW runs this; the first stops it
  await server?.stop();
}
