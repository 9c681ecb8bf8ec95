#!/usr/bin/env bash
# Validates the observability configuration without Docker:
#   - docker/prometheus/prometheus.yml and every rule file   (promtool check config / check rules)
#   - the alert rules' unit tests in docker/prometheus/tests (promtool test rules)
#   - docker/alertmanager/alertmanager.yml                   (amtool check-config)
#   - every Grafana dashboard: valid JSON, unique uid, the provisioned datasource, and every
#     panel query parses as PromQL (promtool check rules on a generated file)
# promtool and amtool are taken from PATH, from $PROMTOOL / $AMTOOL, or extracted once from
# Debian's `prometheus` and `prometheus-alertmanager` packages (apt-get download + dpkg-deb, nothing is
# installed) into the cache directory below; later runs are offline and take about a second.
# Whether each metric is exported by a service is checked by the services' tests
# (ObservabilityContractIntegrationTests), not here.
#
#   docker/validate-observability.sh
#
# Environment: OBSERVABILITY_TOOLS_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/temponest/observability-tools).
set -euo pipefail
cd "$(dirname "$0")"

cache="${OBSERVABILITY_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/temponest/observability-tools}"

# Prints the path of a tool: $override, PATH, the cache, or extracted from a Debian package into the cache.
tool() {
  local name=$1 override=$2 package=$3
  if [ -n "$override" ]; then echo "$override"; return; fi
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  if [ ! -x "$cache/$name" ]; then
    command -v apt-get >/dev/null 2>&1 || { echo "$name not found and no apt-get to fetch it (set ${name^^})" >&2; exit 1; }
    mkdir -p "$cache"
    local work
    work=$(mktemp -d)
    echo "Fetching $name from the Debian package $package into $cache" >&2
    (cd "$work" && apt-get download -q "$package" >/dev/null 2>"$work/apt.log") \
      || { cat "$work/apt.log" >&2; rm -rf "$work"; exit 1; }
    dpkg-deb --fsys-tarfile "$work"/"$package"_*.deb | tar -x -C "$work" "./usr/bin/$name"
    mv "$work/usr/bin/$name" "$cache/$name.tmp" && mv "$cache/$name.tmp" "$cache/$name"
    rm -rf "$work"
  fi
  echo "$cache/$name"
}

promtool=$(tool promtool "${PROMTOOL:-}" prometheus)
amtool=$(tool amtool "${AMTOOL:-}" prometheus-alertmanager)
command -v jq >/dev/null 2>&1 || { echo "jq is required" >&2; exit 1; }

echo "== Prometheus configuration and rules ($("$promtool" --version 2>&1 | head -n 1))"
"$promtool" check config prometheus/prometheus.yml
"$promtool" check rules prometheus/rules/*.yml

echo "== Alert rule unit tests"
"$promtool" test rules prometheus/tests/*.yml

echo "== Alertmanager configuration ($("$amtool" --version 2>&1 | head -n 1))"
"$amtool" check-config alertmanager/alertmanager.yml

echo "== Grafana dashboards"
datasource_uid=$(sed -n 's/^ *uid: *//p' grafana/provisioning/datasources/prometheus.yml | head -n 1)
[ -n "$datasource_uid" ] || { echo "No datasource uid in grafana/provisioning/datasources/prometheus.yml" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for dashboard in grafana/dashboards/*.json; do
  jq -e 'type == "object" and (.uid | type == "string") and (.title | type == "string")' "$dashboard" >/dev/null \
    || { echo "$dashboard: not a dashboard (JSON object with uid and title)" >&2; status=1; continue; }
  jq -r '.uid' "$dashboard" >>"$work/uids"
  # Every datasource reference names the provisioned Prometheus datasource.
  wrong=$(jq -r --arg uid "$datasource_uid" \
    '[.. | objects | select(has("datasource")) | .datasource | objects | select(.uid != $uid) | .uid] | unique | join(", ")' \
    "$dashboard")
  [ -z "$wrong" ] || { echo "$dashboard: unknown datasource uid(s): $wrong" >&2; status=1; }
  # Every query as a recording rule, Grafana's variables replaced, so promtool parses it as PromQL.
  name=$(basename "$dashboard" .json)
  jq --arg name "$name" '{groups: [{name: $name, rules: [
        [.. | objects | select(has("expr")) | .expr | strings] | to_entries[]
        | {record: ("dashboard:" + ($name | gsub("[^A-Za-z0-9_]"; "_")) + ":" + (.key | tostring)),
           expr: (.value
             | gsub("\\$\\{?__(rate_interval|interval|range)(_ms|_s)?\\}?"; "5m")
             | gsub("\\$\\{?[A-Za-z_][A-Za-z0-9_]*(:[a-z]+)?\\}?"; ".*"))}]}]}' \
    "$dashboard" >"$work/$name.rules.json"
  count=$(jq '.groups[0].rules | length' "$work/$name.rules.json")
  [ "$count" -gt 0 ] || { echo "$dashboard: no queries" >&2; status=1; continue; }
  if "$promtool" check rules "$work/$name.rules.json" >"$work/out" 2>&1; then
    echo "  $dashboard: $count queries parse"
  else
    sed "s|$work/$name.rules.json|$dashboard|" "$work/out" >&2
    status=1
  fi
done
duplicates=$(sort "$work/uids" | uniq -d)
[ -z "$duplicates" ] || { echo "Duplicate dashboard uids: $duplicates" >&2; status=1; }
[ "$status" -eq 0 ] || exit "$status"

echo "Observability configuration is valid."
