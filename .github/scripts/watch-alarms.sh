#!/usr/bin/env bash
# Watch CloudWatch alarms after a deploy: exit 1 naming the alarms as soon as one whose name starts with PREFIX is in
# ALARM, exit 0 when none fired for SECONDS. SECONDS=0 checks once (before a deploy: do not deploy into an incident).
# Usage: watch-alarms.sh PREFIX SECONDS   (e.g. watch-alarms.sh pharos-production- 600)
# Env: WATCH_POLL_SECONDS between checks (default 30; the alarms evaluate 1-minute periods).
set -euo pipefail

prefix="${1:?usage: watch-alarms.sh PREFIX SECONDS}"
window="${2:?usage: watch-alarms.sh PREFIX SECONDS}"
poll="${WATCH_POLL_SECONDS:-30}"
deadline=$((SECONDS + window))

while true; do
  firing="$(aws cloudwatch describe-alarms --alarm-name-prefix "$prefix" --state-value ALARM --output json \
    | jq -r '[(.MetricAlarms // [])[], (.CompositeAlarms // [])[]] | map("\(.AlarmName): \(.StateReason // "")") | .[]')"
  if [ -n "$firing" ]; then
    printf 'alarms firing:\n%s\n' "$firing" >&2
    exit 1
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then break; fi
  left=$((deadline - SECONDS))
  sleep "$((left < poll ? left : poll))"
done
echo "no ${prefix}* alarm fired during ${window}s"
