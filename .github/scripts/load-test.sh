#!/usr/bin/env bash
# A short load test of the public pages with autocannon (a pinned devDependency: run `npm ci` first), failing when
# the 99th percentile latency or the share of failed requests passes its threshold.
# Usage: load-test.sh BASE_URL
# Env: LOAD_DURATION seconds per path (default 15), LOAD_CONNECTIONS (default 20), LOAD_PATHS (default
#      "/ /api/v2/summary.json"), LOAD_MAX_P99_MS (default 800), LOAD_MAX_ERROR_RATIO (default 0.005),
#      LOAD_RATE requests per second across all connections (default unlimited; set it below a WAF rate rule).
set -euo pipefail

base="${1:?usage: load-test.sh BASE_URL}"
base="${base%/}"
duration="${LOAD_DURATION:-15}"
connections="${LOAD_CONNECTIONS:-20}"
paths="${LOAD_PATHS:-/ /api/v2/summary.json}"
max_p99_ms="${LOAD_MAX_P99_MS:-800}"
max_error_ratio="${LOAD_MAX_ERROR_RATIO:-0.005}"
rate_args=()
if [ -n "${LOAD_RATE:-}" ]; then rate_args=(--overallRate "$LOAD_RATE"); fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failed=0
for path in $paths; do
  npx --no-install autocannon --json --duration "$duration" --connections "$connections" "${rate_args[@]}" \
    "$base$path" >"$work/result.json" 2>"$work/stderr" || { cat "$work/stderr" >&2; exit 1; }
  # errors = connection errors and timeouts; non2xx = answers other than 2xx (a 304 would count, none is asked for)
  verdict="$(jq -r --argjson p99 "$max_p99_ms" --argjson ratio "$max_error_ratio" '
    (.requests.total // 0) as $total
    | ((.errors // 0) + (.timeouts // 0) + (.non2xx // 0)) as $bad
    | (if $total > 0 then $bad / $total else 1 end) as $error_ratio
    | [ (if $total == 0 then "no request completed" else empty end),
        (if .latency.p99 > $p99 then "p99 \(.latency.p99) ms > \($p99) ms" else empty end),
        (if $error_ratio > $ratio then "error ratio \($error_ratio) > \($ratio) (\($bad) of \($total))" else empty end) ]
    | if length == 0 then "ok" else join("; ") end' "$work/result.json")"
  summary="$(jq -r '"\(.requests.total) requests, \(.requests.average) req/s, p50 \(.latency.p50) ms, p99 \(.latency.p99) ms, errors \(.errors), timeouts \(.timeouts), non-2xx \(.non2xx)"' "$work/result.json")"
  if [ "$verdict" = ok ]; then
    echo "ok   $path: $summary"
  else
    echo "FAIL $path: $verdict ($summary)" >&2
    failed=1
  fi
done
exit "$failed"
