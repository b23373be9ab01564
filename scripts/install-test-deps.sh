#!/bin/sh
# What the test suite needs beyond `npm ci`, when missing: Debian's Chromium (browser test),
# Debian's Ceph (the signature-checking S3 server) and Node.js 22 from the npm registry (the
# suite runs on it as well as on the machine's Node).
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-chromium.sh
sh scripts/install-ceph.sh
sh scripts/install-node22.sh
