#!/bin/sh
# Installs Debian's Chromium for the browser test when it is missing (never a browser download).
set -eu
if command -v chromium >/dev/null 2>&1 || [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  exit 0
fi
. "$(dirname "$0")/apt-wait.sh"
apt_get update
apt_get install -y chromium
