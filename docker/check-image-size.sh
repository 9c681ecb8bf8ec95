#!/usr/bin/env bash
# Compares a service image's size with the committed baseline and fails when it grew by more than 10%, or
# when it is larger than its absolute budget (the design's targets).
#
#   docker/check-image-size.sh SERVICE SIZE_BYTES BASELINE_FILE
#
# SIZE_BYTES is what `docker image inspect --format '{{.Size}}' IMAGE` prints (the images workflow), or the
# estimate of docker/verify-runtime.sh (no Docker engine: runtime + application + health check as laid out in
# the image, plus the base image's size). BASELINE_FILE is JSON:
#   {"images": {"auth": 157286400, ...}, "budgets": {"ingestion": 367001600}}
# read with jq, or python3 when jq is missing (IMAGE_SIZE_JSON_TOOL=jq|python3 forces one). A service without a
# baseline entry passes the growth check with a note; its budget is budgets.<service>, else budgets.default, else
# none.
# Prints a Markdown report; inside GitHub Actions it is also appended to $GITHUB_STEP_SUMMARY.
# Exit status: 0 within budget (or no baseline), 1 grew more than MAX_GROWTH_PERCENT (default 10) or over its
# budget, 2 bad arguments or an unreadable baseline.
set -euo pipefail

max_growth_percent=${MAX_GROWTH_PERCENT:-10}

usage() {
  echo "usage: $0 SERVICE SIZE_BYTES BASELINE_FILE" >&2
  exit 2
}

[ "$#" -eq 3 ] || usage
service=$1
size=$2
baseline_file=$3

[[ $service =~ ^[A-Za-z0-9._-]+$ ]] || { echo "invalid service name: '$service'" >&2; exit 2; }
[[ $size =~ ^[0-9]+$ ]] || { echo "SIZE_BYTES must be a whole number of bytes, got '$size'" >&2; exit 2; }
[[ $max_growth_percent =~ ^[0-9]+$ ]] || { echo "MAX_GROWTH_PERCENT must be a whole number" >&2; exit 2; }
[ -r "$baseline_file" ] || { echo "baseline file not readable: $baseline_file" >&2; exit 2; }

# Prints "BASELINE BUDGET" in bytes, "-" for a missing one; fails on malformed JSON.
read_baseline() {
  local tool=${IMAGE_SIZE_JSON_TOOL:-}
  if [ -z "$tool" ]; then
    if command -v jq >/dev/null 2>&1; then tool=jq; elif command -v python3 >/dev/null 2>&1; then tool=python3; fi
  fi
  if [ "$tool" = jq ]; then
    jq -er --arg s "$service" \
      'select(type == "object") | "\(.images[$s] // "-") \((.budgets // {})[$s] // (.budgets // {}).default // "-")"' \
      "$baseline_file" 2>/dev/null
  elif [ "$tool" = python3 ]; then
    python3 -c '
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
budgets = data.get("budgets") or {}
budget = budgets.get(sys.argv[2], budgets.get("default"))
value = (data.get("images") or {}).get(sys.argv[2])
print("-" if value is None else value, "-" if budget is None else budget)
' "$baseline_file" "$service"
  else
    echo "neither jq nor python3 is available to read $baseline_file" >&2
    return 2
  fi
}

if ! limits=$(read_baseline) || [ -z "$limits" ]; then
  echo "could not read $baseline_file as JSON" >&2
  exit 2
fi
read -r baseline budget <<<"$limits"
[ "$baseline" != - ] || baseline=
[ "$budget" != - ] || budget=
if [ -n "$budget" ] && { ! [[ $budget =~ ^[0-9]+$ ]] || [ "$budget" -eq 0 ]; }; then
  echo "budget for '$service' must be a positive whole number of bytes, got '$budget'" >&2
  exit 2
fi

mib() {
  local bytes=$1
  printf '%d.%01d MiB' $((bytes / 1048576)) $(((bytes % 1048576) * 10 / 1048576))
}

report() {
  local text
  text=$(printf '%s\n%s\n%s' "| image | size | baseline | change | result |" "|---|---|---|---|---|" "$1")
  echo "$text"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    echo "$text" >>"$GITHUB_STEP_SUMMARY"
  fi
}

# Over the absolute budget: fails whatever the baseline says.
if [ -n "$budget" ] && [ "$size" -gt "$budget" ]; then
  shown_baseline=none
  [ -z "$baseline" ] || shown_baseline=$(mib "$baseline")
  report "| ${service} | $(mib "$size") (${size} B) | ${shown_baseline} | n/a | FAIL: over the budget of $(mib "$budget") |"
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
    echo "::error title=Image size::${service} image is ${size} bytes, over its budget of ${budget} bytes"
  fi
  exit 1
fi

if [ -z "$baseline" ]; then
  report "| ${service} | $(mib "$size") (${size} B) | none | n/a | note: no baseline for '${service}' in ${baseline_file}; add \"${service}\": ${size} |"
  exit 0
fi

if ! [[ $baseline =~ ^[0-9]+$ ]] || [ "$baseline" -eq 0 ]; then
  echo "baseline for '$service' must be a positive whole number of bytes, got '$baseline'" >&2
  exit 2
fi

# Growth in tenths of a percent, rounded toward zero (integer arithmetic only).
delta=$((size - baseline))
permille=$((delta * 1000 / baseline))
sign=+
abs=$permille
if [ "$permille" -lt 0 ]; then
  sign=-
  abs=$((-permille))
fi
growth="${sign}$((abs / 10)).$((abs % 10))%"

if [ $((size * 100)) -gt $((baseline * (100 + max_growth_percent))) ]; then
  report "| ${service} | $(mib "$size") (${size} B) | $(mib "$baseline") | ${growth} | FAIL: grew more than ${max_growth_percent}% |"
  if [ "${GITHUB_ACTIONS:-}" = "true" ]; then
    echo "::error title=Image size::${service} image is ${size} bytes, ${growth} over the baseline ${baseline} (limit +${max_growth_percent}%)"
  fi
  exit 1
fi

report "| ${service} | $(mib "$size") (${size} B) | $(mib "$baseline") | ${growth} | ok |"
