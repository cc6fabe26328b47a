#!/usr/bin/env bash
# The whole test suite: typecheck, lint, formatting (Prettier), no import circle at run time, then every *.test.ts under src/ and test/ with node's test runner.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc --noEmit
node scripts/build.mjs
npx eslint .
npx prettier --check --log-level warn "**/*.{ts,js,mjs}"
node scripts/check-import-circles.mjs
mapfile -t files < <(find src test -name '*.test.ts' | sort)
# --test-timeout: a test that hangs fails with its name after 5 minutes instead of holding CI until its limit;
# --test-force-exit: a test file whose tests all finished exits even if a handle it leaked keeps its event loop alive
# (seen once in CI: a file done, one UDP socket open, the runner waiting on the file for ever).
exec node --import tsx --test --test-reporter=spec --test-concurrency=2 --test-timeout=300000 --test-force-exit "${files[@]}"
