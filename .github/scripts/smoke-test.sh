#!/usr/bin/env bash
# Smoke test of a deployed Pharos: ready, the Statuspage-compatible summary has its shape, the status page renders.
# Usage: smoke-test.sh BASE_URL   (e.g. https://staging.status.example.com)
# Env: SMOKE_READY_TIMEOUT seconds to wait for /readyz (default 180: a fresh task registers with the load balancer
#      and passes its health checks before the old ones drain).
set -euo pipefail

base="${1:?usage: smoke-test.sh BASE_URL}"
base="${base%/}"
ready_timeout="${SMOKE_READY_TIMEOUT:-180}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { printf 'smoke test FAILED: %s\n' "$*" >&2; exit 1; }

# status code of GET $1, body in $work/body, headers in $work/headers
fetch() {
  curl --silent --show-error --max-time 10 --output "$work/body" --dump-header "$work/headers" \
    --write-out '%{http_code}' "$base$1" || echo 000
}

deadline=$((SECONDS + ready_timeout))
until [ "$(fetch /readyz)" = 200 ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "/readyz did not answer 200 within ${ready_timeout}s (last body: $(head -c 300 "$work/body" 2>/dev/null))"
  sleep 5
done
echo "ok   /readyz 200"

[ "$(fetch /healthz)" = 200 ] || fail "/healthz did not answer 200"
echo "ok   /healthz 200"

[ "$(fetch /api/v2/summary.json)" = 200 ] || fail "/api/v2/summary.json did not answer 200"
# The fields Statuspage clients read; a missing one breaks them.
summary_shape='
  (.page | type == "object" and (.id | type == "string") and (.name | type == "string") and (.url | type == "string") and (.updated_at | type == "string"))
  and (.status.indicator | IN("none", "minor", "major", "critical", "maintenance"))
  and (.status.description | type == "string")
  and (.components | type == "array")
  and all(.components[]; (.id | type == "string") and (.name | type == "string")
      and (.status | IN("operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance")))
  and (.incidents | type == "array")
  and all(.incidents[]; (.id | type == "string") and (.status | type == "string") and (.incident_updates | type == "array"))
  and (.scheduled_maintenances | type == "array")'
jq -e "$summary_shape" "$work/body" >/dev/null || fail "/api/v2/summary.json lacks the Statuspage summary shape: $(head -c 500 "$work/body")"
page_name="$(jq -r .page.name "$work/body")"
echo "ok   /api/v2/summary.json has the Statuspage shape (page \"$page_name\", status $(jq -r .status.indicator "$work/body"))"

[ "$(fetch /)" = 200 ] || fail "/ did not answer 200"
grep -qi '^content-type: text/html' "$work/headers" || fail "/ is not HTML: $(grep -i '^content-type' "$work/headers")"
grep -qi '<html' "$work/body" || fail "/ has no <html> element"
grep -qF "$page_name" "$work/body" || fail "/ does not show the page name \"$page_name\""
echo "ok   / renders the status page"
