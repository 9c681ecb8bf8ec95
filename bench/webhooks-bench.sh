#!/usr/bin/env bash
# Webhooks benchmark (issue 13, "Tests, delivery, bench"): N events (default 10,000) to 20 receivers, one of them down.
# As real processes: 20 webhook receivers in one JVM (bench/webhook-receivers: 19 loopback ports, the 20th webhook's
# port has nothing listening), the auth and agents services (dev profiles) on a database of the run's own on the
# machine's PostgreSQL and a Redis key prefix of its own. The event: a project run created (POST
# /api/projects/{slug}/runs → activity row run.created → 20 deliveries written in the same transaction), every webhook
# subscribed to run.created. Phase A: the agents service with its dispatcher off, the producer's latency on N/10 events
# (the baseline). Phase B: restarted with the dispatcher on, the backlog of phase A delivered first, then N events:
# the producer's latency, deliveries/s, time until every live receiver has every event, the outbox lag (arrival minus
# the event's occurred_at at the receivers; the temponest_webhook_outbox_lag gauge sampled each second), duplicates,
# lost deliveries, and the dead receiver's webhook health (circuit, waiting and dead deliveries). Exit 1 when a
# delivery to a live receiver is lost (or a producer call failed). Raw outputs in bench/results/<timestamp>-webhooks/.
# See bench/README.md "Webhooks benchmark".
set -euo pipefail

usage() {
	cat <<'USAGE'
Usage: bench/webhooks-bench.sh [options]

  --events N              events produced in phase B, with delivery on (default 10000)
  --baseline-events N     events produced in phase A, dispatcher off (default N/10, at least 100)
  --warmup N              unmeasured producer calls after each start of the agents service (default 500; 0: none)
  --concurrency C         producer calls in flight at once (default 8)
  --receivers R           webhooks, one of them pointing at a dead port (default 20, at least 2)
  --dispatch-concurrency N  deliveries the agents service sends at once (temponest.agents.webhooks.concurrency;
                          default: the service's own, 16)
  --timeout S             how long delivery may take after the last producer call (default 600)
  --skip-build            use the jars already built (services/{auth,agents}/target/*-service.jar,
                          bench/webhook-receivers/target/webhook-receivers.jar)
  --keep-db               do not drop the run's database at exit (to look at it afterwards)
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_JVM_OPTS (JVM
options of the services; default @docker/jvm.options -XX:MaxRAM=512m), BENCH_PSQL_URL
(postgresql://postgres@127.0.0.1:5432/postgres: the superuser, to create and drop the run's database), BENCH_DB_HOST
(127.0.0.1), BENCH_DB_PORT (5432), BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (default: the dev profile's),
BENCH_REDIS_HOST/BENCH_REDIS_PORT (127.0.0.1:6379; keys under a prefix unique to the run, deleted at exit).
USAGE
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
ARGS_GIVEN="$*"

EVENTS=10000
BASELINE=""
WARMUP=500
CONCURRENCY=8
RECEIVERS=20
DISPATCH_CONCURRENCY=""
TIMEOUT=600
SKIP_BUILD=false
KEEP_DB=false
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=512m}"
# The receivers: a small, lean JVM of their own, not the services' options.
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx256m -XX:TieredStopAtLevel=1"
PASSWORD="WebhooksBenchPassword123"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--events) EVENTS="$2"; shift ;;
	--baseline-events) BASELINE="$2"; shift ;;
	--warmup) WARMUP="$2"; shift ;;
	--concurrency) CONCURRENCY="$2"; shift ;;
	--receivers) RECEIVERS="$2"; shift ;;
	--dispatch-concurrency) DISPATCH_CONCURRENCY="$2"; shift ;;
	--timeout) TIMEOUT="$2"; shift ;;
	--skip-build) SKIP_BUILD=true ;;
	--keep-db) KEEP_DB=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
[[ -n "$BASELINE" ]] || BASELINE=$((EVENTS / 10 < 100 ? 100 : EVENTS / 10))
for n in "$EVENTS" "$BASELINE" "$CONCURRENCY" "$TIMEOUT"; do
	if ! [[ "$n" =~ ^[0-9]+$ ]] || ((n < 1)); then
		echo "Not a whole number >= 1: $n" >&2
		exit 64
	fi
done
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $WARMUP" >&2; exit 64; }
if ! [[ "$RECEIVERS" =~ ^[0-9]+$ ]] || ((RECEIVERS < 2)); then
	echo "--receivers: a whole number >= 2: $RECEIVERS" >&2
	exit 64
fi
LIVE=$((RECEIVERS - 1))

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-webhooks"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }
LIB_SAY_UP=true
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
db_settings
WALL_START=$SECONDS

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss jq psql xargs awk sort

AUTH_JAR="$ROOT/services/auth/target/auth-service.jar"
AGENTS_JAR="$ROOT/services/agents/target/agents-service.jar"
RECEIVERS_JAR="$BENCH/webhook-receivers/target/webhook-receivers.jar"

if ! $SKIP_BUILD; then
	mvnw_build "the services" "the services do not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/auth,services/agents -am
	mvnw_build "the receivers" "bench/webhook-receivers does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl webhook-receivers
fi
for jar in "$AUTH_JAR" "$AGENTS_JAR" "$RECEIVERS_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

machine_facts
write_machine_txt "$STAMP" "$ARGS_GIVEN" "jvm options: $JVM_OPTS" \
	"postgresql: $(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- database of the run, Redis prefix of the run
DB_NAME="temponest_webhooks_${STAMP,,}_$$"
db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD"
if $KEEP_DB; then
	at_exit say "kept the database $DB_NAME '(--keep-db)'"
else
	at_exit db_drop "$DB_NAME"
fi
db_create "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE" "$($KEEP_DB || echo ' (dropped at exit)')"
# The agents service's migrations need pgvector (its knowledge-base tables).
db_vector "$DB_NAME"
REDIS_PREFIX="webhooks-bench-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: receivers, auth, agents
RECEIVER_PORTS=()
for ((i = 0; i < LIVE; i++)); do
	pick_port RECEIVER_PORT
	RECEIVER_PORTS+=("$RECEIVER_PORT")
done
# The dead receiver: a port nothing listens on (picked like the others, never bound).
pick_port DEAD_PORT
pick_port AUTH_PORT
pick_port AGENTS_PORT
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
STATS_URL="http://127.0.0.1:${RECEIVER_PORTS[0]}/stats"

# shellcheck disable=SC2086
start_java receivers "$RECEIVERS_JAR" -- $TOOL_JVM_OPTS -jar "$RECEIVERS_JAR" \
	--ports "$(IFS=, && echo "${RECEIVER_PORTS[*]}")"
RECEIVERS_PID="$LAST_PID"

COMMON_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX" "AUTH_SERVICE_URL=$AUTH_URL" "EVENTS_PUBLISH_URL=$AGENTS_URL/internal/events")
# No rate limits: one user produces every event.
COMMON_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO --platform.ratelimit.enabled=false)
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${COMMON_ENV[@]}" -- $JVM_OPTS -jar "$AUTH_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$AUTH_PORT" --temponest.auth.jwt.dev-key-location=
AUTH_PID="$LAST_PID"

# start_agents ENABLED: the agents service with its dispatcher on (true) or off (false); loopback receivers allowed.
start_agents() {
	# shellcheck disable=SC2086
	start_java agents-service "$AGENTS_JAR" "${COMMON_ENV[@]}" -- $JVM_OPTS -jar "$AGENTS_JAR" "${COMMON_ARGS[@]}" \
		"--server.port=$AGENTS_PORT" --temponest.agents.webhooks.allowed-hosts=127.0.0.1/32 \
		"--temponest.agents.webhooks.dispatcher-enabled=$1" \
		${DISPATCH_CONCURRENCY:+"--temponest.agents.webhooks.concurrency=$DISPATCH_CONCURRENCY"}
	AGENTS_PID="$LAST_PID"
}
start_agents false
wait_log receivers "$RECEIVERS_PID" "WEBHOOK-RECEIVERS listening" "the receivers"
wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 240
STARTED_AT=$SECONDS
say "started the receivers (ports ${RECEIVER_PORTS[*]}; dead port $DEAD_PORT), auth and agents with the dispatcher off ($((STARTED_AT - WALL_START)) s; database $DB_NAME)"

# ---------------------------------------------------------------- helpers
# (call, expect, field, now_ms: lib.sh)
# stats: the receivers' GET /stats (RESULTS/stats.json).
stats() {
	curl -sS --max-time 10 -o "$RESULTS/stats.json" "$STATS_URL" 2>>"$RESULTS/curl.log" || echo '{}' >"$RESULTS/stats.json"
	cat "$RESULTS/stats.json"
}
# min_distinct: the fewest distinct events any live receiver has.
min_distinct() { stats | jq '[.ports[].distinct] | min // 0'; }

# ---------------------------------------------------------------- the tenant, its project and webhooks
bench_session "$AUTH_URL" "webhooks-bench-$STAMP" "$PASSWORD"
(umask 077 && echo "Authorization: Bearer $BENCH_TOKEN" >"$RESULTS/owner.headers")
HEADERS="$RESULTS/owner.headers"
SLUG="webhooks-bench"
call project POST "$AGENTS_URL/api/projects" "$HEADERS" "{\"name\":\"Webhooks bench\",\"slug\":\"$SLUG\"}"
expect "POST /api/projects" 201
: >"$RESULTS/webhooks.tsv"
for ((i = 0; i < RECEIVERS; i++)); do
	if ((i < LIVE)); then
		url="http://127.0.0.1:${RECEIVER_PORTS[i]}/hook"
		kind=live
	else
		url="http://127.0.0.1:$DEAD_PORT/hook"
		kind=dead
	fi
	call "webhook-$i" POST "$AGENTS_URL/webhooks" "$HEADERS" \
		"{\"name\":\"bench-$kind-$i\",\"url\":\"$url\",\"events\":[\"run.created\"],\"timeout_seconds\":5}"
	expect "POST /webhooks ($kind receiver $i)" 201
	printf '%s\t%s\t%s\n' "$(field .id)" "$kind" "$url" >>"$RESULTS/webhooks.tsv"
done
DEAD_WEBHOOK="$(awk -F'\t' '$2 == "dead" {print $1}' "$RESULTS/webhooks.tsv")"
say "project $SLUG; $RECEIVERS webhooks on run.created ($LIVE live receivers, 1 dead: $DEAD_WEBHOOK)"

# produce TAG COUNT: COUNT producer calls, CONCURRENCY at once; one "index status seconds" line each in RESULTS/TAG.tsv.
PRODUCED=0
produce() {
	local tag="$1" count="$2" config="$RESULTS/$1.curl"
	# One curl process, its connections kept (a curl per call would spend the cores on process starts while the
	# producer's latency is measured); one "index status seconds" line per call.
	awk -v n="$count" -v url="$AGENTS_URL/api/projects/$SLUG/runs" \
		'BEGIN {for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = \"/dev/null\"\n", url}' >"$config"
	curl -sS --parallel --parallel-immediate --parallel-max "$CONCURRENCY" --max-time 60 -X POST \
		-H "@$HEADERS" -H 'Content-Type: application/json' -d "{\"step\":\"webhooks bench $tag\"}" \
		-w '%{http_code} %{time_total}\n' -K "$config" 2>>"$RESULTS/curl.log" | awk '{print NR, $0}' \
		>"$RESULTS/$tag.tsv" || true
	PRODUCED="$(awk '$2 == 201' "$RESULTS/$tag.tsv" | wc -l)"
}
# cpu_snapshot: "name ticks" of the run's processes now (cpu_ticks, postgres_ticks: lib.sh).
cpu_snapshot() {
	echo "agents $(cpu_ticks "$AGENTS_PID")"
	echo "auth $(cpu_ticks "$AUTH_PID")"
	echo "receivers $(cpu_ticks "$RECEIVERS_PID")"
	echo "postgres $(postgres_ticks)"
}

# ---------------------------------------------------------------- phase A: dispatcher off, producer latency baseline
BACKLOG=0
if ((WARMUP > 0)); then
	say "phase A: $WARMUP warm-up producer calls"
	produce warmup-a "$WARMUP"
	BACKLOG=$((BACKLOG + PRODUCED))
fi
say "phase A (dispatcher off): $BASELINE events, $CONCURRENCY calls at once"
cpu_snapshot >"$RESULTS/cpu-a-start.txt"
A_START="$(now_ms)"
produce phase-a "$BASELINE"
A_MS=$(($(now_ms) - A_START))
cpu_snapshot >"$RESULTS/cpu-a-produced.txt"
CPU_BASELINE="$(cpu_used "$RESULTS/cpu-a-start.txt" "$RESULTS/cpu-a-produced.txt")"
A_OK="$PRODUCED"
BACKLOG=$((BACKLOG + A_OK))
A_LATENCY="$(percentiles "$RESULTS/phase-a.tsv" 3)"
A_STATUSES="$(statuses "$RESULTS/phase-a.tsv" 2)"
say "  $A_OK of $BASELINE created in $A_MS ms ($A_STATUSES; $A_LATENCY)"
A_RECEIVED="$(stats | jq '.received // 0')"
((A_RECEIVED == 0)) || say "WARNING: the receivers got $A_RECEIVED deliveries with the dispatcher off"

# ---------------------------------------------------------------- restart with the dispatcher on, drain the backlog
say "restarting the agents service with the dispatcher on"
stop_pid "$AGENTS_PID"
await_port_free "$AGENTS_PORT" || fail "port $AGENTS_PORT still in use after the agents service stopped"
start_agents true
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 240
if ((WARMUP > 0)); then
	say "phase B: $WARMUP warm-up producer calls"
	produce warmup-b "$WARMUP"
	BACKLOG=$((BACKLOG + PRODUCED))
fi
say "delivering the backlog: $BACKLOG events to $LIVE live receivers"
DRAIN_START="$(now_ms)"
deadline=$((SECONDS + TIMEOUT))
while (($(min_distinct) < BACKLOG && SECONDS < deadline)); do sleep 1; done
DRAIN_MS=$(($(now_ms) - DRAIN_START))
DRAINED="$(min_distinct)"
cp "$RESULTS/stats.json" "$RESULTS/stats-backlog.json"
say "  backlog: the slowest live receiver has $DRAINED of $BACKLOG after $DRAIN_MS ms"
((DRAINED >= BACKLOG)) || fail "the backlog was not delivered within ${TIMEOUT}s (see $RESULTS/stats-backlog.json)"
curl -sS --max-time 10 -X POST -o /dev/null "http://127.0.0.1:${RECEIVER_PORTS[0]}/reset"

# ---------------------------------------------------------------- phase B: dispatcher on, N events
# The outbox lag gauge, sampled each second while phase B runs: "epoch-seconds lag-seconds" lines.
sample_lag() {
	while :; do
		curl -sS --max-time 2 "$AGENTS_URL/actuator/prometheus" 2>/dev/null |
			awk -v t="$(date +%s)" '/^temponest_webhook_outbox_lag/ && !/^#/ {print t, $NF; exit}' || true
		sleep 1
	done
}
sample_lag >"$RESULTS/outbox-lag.tsv" &
SAMPLER_PID=$!
track "$SAMPLER_PID" webhooks-bench
say "phase B (dispatcher on): $EVENTS events, $CONCURRENCY calls at once"
cpu_snapshot >"$RESULTS/cpu-b-start.txt"
B_START="$(now_ms)"
produce phase-b "$EVENTS"
B_MS=$(($(now_ms) - B_START))
cpu_snapshot >"$RESULTS/cpu-b-produced.txt"
B_OK="$PRODUCED"
B_LATENCY="$(percentiles "$RESULTS/phase-b.tsv" 3)"
B_STATUSES="$(statuses "$RESULTS/phase-b.tsv" 2)"
say "  $B_OK of $EVENTS created in $B_MS ms ($B_STATUSES; $B_LATENCY)"
deadline=$((SECONDS + TIMEOUT))
while (($(min_distinct) < B_OK && SECONDS < deadline)); do sleep 1; done
DELIVERED_MS=$(($(now_ms) - B_START))
cpu_snapshot >"$RESULTS/cpu-b-delivered.txt"
CPU_PRODUCING="$(cpu_used "$RESULTS/cpu-b-start.txt" "$RESULTS/cpu-b-produced.txt")"
CPU_DELIVERING="$(cpu_used "$RESULTS/cpu-b-start.txt" "$RESULTS/cpu-b-delivered.txt")"
# A few more seconds for late duplicates (a retried attempt of a delivered event).
sleep 3
stats >"$RESULTS/stats-phase-b.json"
kill "$SAMPLER_PID" 2>/dev/null || true
call health GET "$AGENTS_URL/webhooks/health/all" "$HEADERS"
expect "GET /webhooks/health/all" 200
cp "$RESULTS/health.json" "$RESULTS/health-all.json"

# ---------------------------------------------------------------- figures
S="$RESULTS/stats-phase-b.json"
RECEIVED="$(jq .received "$S")"
DISTINCT="$(jq .distinct "$S")"
DUPLICATES="$(jq .duplicates "$S")"
LOST="$(jq --argjson want "$B_OK" '[.ports[] | ($want - .distinct) | if . > 0 then . else 0 end] | add // 0' "$S")"
LAST_ARRIVAL="$(jq .last_arrival_ms "$S")"
ALL_MS=$((LAST_ARRIVAL > 0 ? LAST_ARRIVAL - B_START : 0))
RATE="$(awk -v d="$DISTINCT" -v ms="$ALL_MS" 'BEGIN {printf "%.0f", (ms > 0) ? d * 1000 / ms : 0}')"
LAG="$(jq -r '.lag_ms | "n=\(.n) p50_ms=\(.p50) p95_ms=\(.p95) p99_ms=\(.p99) max_ms=\(.max)"' "$S")"
GAUGE="$(awk '{print $2 + 0}' "$RESULTS/outbox-lag.tsv" | sort -g | awk '{v[NR] = $1} END {
	if (NR == 0) {print "no samples"; exit}
	i = int(NR * 0.99 + 0.999999); printf "samples=%d p99_s=%.1f max_s=%.1f", NR, v[i], v[NR]}')"
DEAD_HEALTH="$(jq -r --arg id "$DEAD_WEBHOOK" '.webhooks[] | select(.id == $id) |
	"status=\(.status) circuit_open_until=\(.circuit_open_until) consecutive_failures=\(.consecutive_failures) pending=\(.pending_count) retrying=\(.retrying_count) dead_letters=\(.dead_letter_count) last_error=\(.last_error)"' \
	"$RESULTS/health-all.json")"
DEAD_STATUS="$(jq -r --arg id "$DEAD_WEBHOOK" '.webhooks[] | select(.id == $id) | .status' "$RESULTS/health-all.json")"
# Every event of the run is still waiting (pending, retrying) or dead-lettered at the dead receiver's webhook.
DEAD_KEPT="$(jq --arg id "$DEAD_WEBHOOK" '.webhooks[] | select(.id == $id) |
	(.pending_count + .retrying_count + .dead_letter_count)' "$RESULTS/health-all.json")"
LIVE_STATUSES="$(jq -r --arg id "$DEAD_WEBHOOK" '[.webhooks[] | select(.id != $id) | .status] | group_by(.) |
	map("\(.[0]):\(length)") | join(" ")' "$RESULTS/health-all.json")"
A_P50="$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$A_LATENCY")"
A_P99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$A_LATENCY")"
B_P50="$(sed -n 's/.*p50_ms=\([0-9.]*\).*/\1/p' <<<"$B_LATENCY")"
B_P99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$B_LATENCY")"

PROBLEMS=()
((LOST == 0)) || PROBLEMS+=("$LOST deliveries to live receivers lost (expected $B_OK events at each of $LIVE; see stats-phase-b.json)")
((B_OK == EVENTS)) || PROBLEMS+=("$((EVENTS - B_OK)) phase B producer calls did not answer 201 ($B_STATUSES)")
((DEAD_KEPT == BACKLOG + B_OK)) ||
	PROBLEMS+=("the dead receiver's webhook holds $DEAD_KEPT waiting or dead deliveries, not $((BACKLOG + B_OK)) (the run's events)")
((A_OK == BASELINE)) || PROBLEMS+=("$((BASELINE - A_OK)) phase A producer calls did not answer 201 ($A_STATUSES)")
{
	echo "# Webhooks benchmark $STAMP"
	echo
	echo "$RECEIVERS webhooks subscribed to run.created ($LIVE receivers in one JVM on loopback ports, 1 webhook pointing at"
	echo "a port nothing listens on); the event: POST /api/projects/{slug}/runs, $CONCURRENCY calls at once (curl),"
	echo "one tenant. Phase A: the agents service with its dispatcher off ($BASELINE events, after $WARMUP warm-up"
	echo "calls). Phase B: restarted with the dispatcher on, the backlog of phase A delivered, $WARMUP warm-up calls,"
	echo "then $EVENTS events; deliveries sent at once: ${DISPATCH_CONCURRENCY:-the service default}."
	echo "Machine: $(nproc) cores, $CPU_MODEL, load at start $LOAD_AT_START, idle before ${IDLE_BEFORE}%; JVM options: $JVM_OPTS."
	echo
	echo "| producer: POST /api/projects/{slug}/runs | latency | HTTP statuses | wall time |"
	echo "|---|---|---|---|"
	echo "| phase A, dispatcher off | $A_LATENCY | $A_STATUSES | $A_MS ms |"
	echo "| phase B, dispatcher on | $B_LATENCY | $B_STATUSES | $B_MS ms |"
	echo
	echo "Producer latency with delivery on vs off: p50 ${B_P50:-?} vs ${A_P50:-?} ms, p99 ${B_P99:-?} vs ${A_P99:-?} ms."
	echo
	echo "CPU seconds of each process (the 19 receivers stand for other machines; here they share the 2 cores):"
	echo
	echo "| while | wall | CPU seconds |"
	echo "|---|---|---|"
	echo "| phase A, producing (dispatcher off) | $A_MS ms | $CPU_BASELINE |"
	echo "| phase B, producing (dispatcher on) | $B_MS ms | $CPU_PRODUCING |"
	echo "| phase B, to the last delivery | $DELIVERED_MS ms | $CPU_DELIVERING |"
	echo
	echo "| delivery (phase B) | value |"
	echo "|---|---|"
	echo "| events created | $B_OK |"
	echo "| deliveries expected at live receivers | $((B_OK * LIVE)) |"
	echo "| received / distinct / duplicates | $RECEIVED / $DISTINCT / $DUPLICATES |"
	echo "| **lost** | **$LOST** |"
	echo "| first producer call → last live delivery | $ALL_MS ms (waited $DELIVERED_MS ms) |"
	echo "| **delivered/s** | **$RATE** |"
	echo "| lag at the receivers (arrival − occurred_at) | $LAG |"
	echo "| temponest_webhook_outbox_lag gauge, each second | $GAUGE |"
	echo "| backlog of phase A ($BACKLOG events × $LIVE) delivered in | $DRAIN_MS ms |"
	echo "| live webhooks' health | $LIVE_STATUSES |"
	echo "| dead receiver's webhook | $DEAD_HEALTH |"
	echo
	echo "Per receiver: $(jq -r '[.ports[] | "\(.port):\(.distinct)/\(.duplicates)"] | join(" ")' "$S") (port:distinct/duplicates)."
	echo
	if ((${#PROBLEMS[@]} == 0)); then
		echo "Result: every event reached every live receiver; the dead receiver's webhook is $DEAD_STATUS."
	else
		echo "Result: FAILED"
		for line in "${PROBLEMS[@]}"; do echo "- $line"; done
	fi
} >"$RESULTS/report.md"
cat "$RESULTS/report.md"
say "results in $RESULTS; $((SECONDS - WALL_START)) s in all ($((STARTED_AT - WALL_START)) s to start the services)"
((${#PROBLEMS[@]} == 0)) || exit 1
