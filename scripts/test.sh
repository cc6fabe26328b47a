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
# --test-timeout: a test that hangs fails with its name after 5 minutes instead of holding CI until its limit.
# (Not --test-force-exit: under load it ended files before all their tests had reported.) test/support/leak-watchdog.ts
# ends a file whose tests have all run but whose process stays alive (a handle left open), naming the handle.
exec node --import tsx --import ./test/support/leak-watchdog.ts --test --test-reporter=spec --test-concurrency=2 --test-timeout=300000 "${files[@]}"
