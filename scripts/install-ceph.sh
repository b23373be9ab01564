#!/bin/sh
# Installs Debian's Ceph (monitor, OSD and the RADOS gateway) for the signature-checking S3
# server the tests and benchmarks start on 127.0.0.1, when it is missing. No daemon is enabled:
# dev/ceph-rgw/server.ts starts its own single-host cluster in a temporary folder.
set -eu
if command -v radosgw >/dev/null 2>&1 && command -v ceph-mon >/dev/null 2>&1 && command -v ceph-osd >/dev/null 2>&1; then
  exit 0
fi
. "$(dirname "$0")/apt-wait.sh"
apt_get update
apt_get install -y --no-install-recommends radosgw ceph-mon ceph-osd
