/** Stops the run's Ceph RGW (jest runs this after the last suite, whether they passed or not). */
import type { RgwServer } from '../../dev/ceph-rgw/server';

export default async function stopCephRgw(): Promise<void> {
  await (globalThis as { __CEPH_RGW__?: RgwServer }).__CEPH_RGW__?.stop();
}
