#!/usr/bin/env bash
# The bench/checks matrix from the monitoring-core issue; each run prints one JSON line. About 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build --silent
run() { echo "# $*"; node bench/checks/run.mjs "$@" 2>&1 | grep '^{'; }
run --monitors 1000 --interval 30s --duration 150s
run --monitors 10000 --interval 30s --duration 150s
run --monitors 10000 --interval 10s --duration 120s
