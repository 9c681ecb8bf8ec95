#!/usr/bin/env bash
# Benchmarks the TempoNest agents service against a fake Ollama (bench/llm-fake): role runs at 50 concurrent callers
# against a provider that answers in 2 s, at 64 against one that answers at once, and streamed executions whose first
# token is timed from the provider's send to the client's receipt (next to the same streams read from the fake
# directly, the measurement's floor); checks that every run wrote its execution and cost
# rows, and reports the service's resident memory. Raw outputs go to bench/results/<timestamp>-agents/. See
# bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/agents-bench.sh [options]

  --quick                 a smoke run: 1 round, 5 s windows after 2 s warm-ups, 40 streams (about 2 minutes plus
                          the start); the figures are not measurements
  --skip-build            use the jars already built (no Maven)
  --rounds N              interleaved rounds of the three cases (default 3, env BENCH_ROUNDS)
  --duration S            measured window of each run case (default 20, env BENCH_DURATION)
  --warmup S              unmeasured seconds before each window, same callers (default 5); before round 1 the
                          service also gets one unmeasured run case of 2 × S seconds and 20 streams
  --slow-concurrency N    callers of case (a) (default 50)
  --slow-delay-ms N       the provider's delay in case (a) (default 2000)
  --fast-concurrency N    callers of case (b), provider without delay (default 64)
  --streams N             measured streams of case (c) per round (default 200; 40 with --quick)
  --stream-concurrency N  streams open at a time (default 8)
  --chunks N              content chunks per streamed answer (default 20)
  --chunk-gap-ms N        pause between two chunks (default 10)
  --agents-arg KEY=VALUE  extra --KEY=VALUE for the agents service (repeatable)
  --no-db-init            do not create the roles or the bench database; they must exist
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_AGENTS_JAR (default
services/agents/target/agents-service.jar), BENCH_AUTH_JAR (services/auth/target/auth-service.jar), BENCH_JVM_OPTS
(JVM options of the agents and auth services; default the services' own, @docker/jvm.options, with
-XX:MaxRAM=512m for the compose memory limit; set it empty for the JVM's defaults), BENCH_AGENTS_PORT,
BENCH_AUTH_PORT, BENCH_LLM_PORT (default: free ports), BENCH_MODEL (bench-model: LLM_DEFAULT_MODEL),
BENCH_PSQL_URL (postgresql://postgres@127.0.0.1:5432/postgres: the superuser, for the set-up and the row counts),
BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT (5432), BENCH_DB_NAME (temponest_bench), BENCH_DB_OWNER_PASSWORD and
BENCH_DB_APP_PASSWORD (default: the dev profile's), BENCH_REDIS_HOST/BENCH_REDIS_PORT (127.0.0.1:6379; keys under a
prefix unique to the run, deleted at exit).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

ROUNDS="${BENCH_ROUNDS:-}"
DURATION="${BENCH_DURATION:-}"
WARMUP=""
STREAMS=""
SLOW_CONCURRENCY=50
SLOW_DELAY_MS=2000
FAST_CONCURRENCY=64
STREAM_CONCURRENCY=8
CHUNKS=20
CHUNK_GAP_MS=10
QUICK=false
SKIP_BUILD=false
DB_INIT=true
EXTRA_AGENTS_ARGS=()
AGENTS_PORT="${BENCH_AGENTS_PORT:-}"
AUTH_PORT="${BENCH_AUTH_PORT:-}"
LLM_PORT="${BENCH_LLM_PORT:-}"
MODEL="${BENCH_MODEL:-bench-model}"
DB_NAME="${BENCH_DB_NAME:-temponest_bench}"
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=512m}"
# The load client and the fake: small, lean JVMs of their own, not the services' options.
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx256m"
PASSWORD="BenchPassword123"
ARGS_GIVEN="$*"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--quick) QUICK=true ;;
	--skip-build) SKIP_BUILD=true ;;
	--rounds) ROUNDS="$2"; shift ;;
	--duration) DURATION="$2"; shift ;;
	--warmup) WARMUP="$2"; shift ;;
	--slow-concurrency) SLOW_CONCURRENCY="$2"; shift ;;
	--slow-delay-ms) SLOW_DELAY_MS="$2"; shift ;;
	--fast-concurrency) FAST_CONCURRENCY="$2"; shift ;;
	--streams) STREAMS="$2"; shift ;;
	--stream-concurrency) STREAM_CONCURRENCY="$2"; shift ;;
	--chunks) CHUNKS="$2"; shift ;;
	--chunk-gap-ms) CHUNK_GAP_MS="$2"; shift ;;
	--agents-arg) EXTRA_AGENTS_ARGS+=("--${2#--}"); shift ;;
	--no-db-init) DB_INIT=false ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
if $QUICK; then
	ROUNDS="${ROUNDS:-1}" DURATION="${DURATION:-5}" WARMUP="${WARMUP:-2}" STREAMS="${STREAMS:-40}"
else
	ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-20}" WARMUP="${WARMUP:-5}" STREAMS="${STREAMS:-200}"
fi
for n in "$ROUNDS" "$DURATION" "$WARMUP" "$SLOW_CONCURRENCY" "$SLOW_DELAY_MS" "$FAST_CONCURRENCY" "$STREAMS" \
	"$STREAM_CONCURRENCY" "$CHUNKS" "$CHUNK_GAP_MS"; do
	[[ "$n" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $n" >&2; exit 64; }
done
((ROUNDS >= 1 && DURATION >= 1 && SLOW_CONCURRENCY >= 1 && FAST_CONCURRENCY >= 1 && STREAMS >= 1 &&
	STREAM_CONCURRENCY >= 1 && CHUNKS >= 1)) || { echo "rounds, duration, concurrencies, streams and chunks must be >= 1" >&2; exit 64; }
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ && "$DB_NAME" == *bench* ]] ||
	{ echo "BENCH_DB_NAME must be a plain lower-case name containing \"bench\": $DB_NAME" >&2; exit 64; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-agents"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }
METRICS="$RESULTS/metrics.tsv"
METRIC_COLUMNS=(case round requests ok non_200 bad_body errors window_ok rps little_rps p50_ms p99_ms overhead_p50_ms
	overhead_p99_ms first_token_p50_ms first_token_p90_ms first_token_p99_ms first_token_max_ms ttft_p50_ms
	ttft_p99_ms total_p50_ms executions completed_executions cost_rows provider_calls agents_cpu_s cpu_ms_per_run
	rows_ok statuses)
(IFS=$'\t'; echo "${METRIC_COLUMNS[*]}") >"$METRICS"

# say/fail, the processes started (stopped by pid on exit), start_java, wait_http, cpu_idle_pct, port_free, pick_port.
LIB_SAY_UP=true
LIB_POLL_SECONDS=0.5
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
# PSQL_URL, DB_HOST, DB_PORT, OWNER_ROLE, APP_ROLE, OWNER_PASSWORD, APP_PASSWORD from the BENCH_* environment.
db_settings

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss awk psql ps timeout

AGENTS_JAR="${BENCH_AGENTS_JAR:-$ROOT/services/agents/target/agents-service.jar}"
AUTH_JAR="${BENCH_AUTH_JAR:-$ROOT/services/auth/target/auth-service.jar}"
FAKE_JAR="$BENCH/llm-fake/target/llm-fake.jar"
LOAD_JAR="$BENCH/agents-load/target/agents-load.jar"

# ---------------------------------------------------------------- build
if ! $SKIP_BUILD; then
	mvnw_build "the agents and auth services" "services/agents or services/auth does not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/agents,services/auth -am
	mvnw_build "the fake provider and the load client" "bench/{llm-fake,agents-load} does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl llm-fake,agents-load
fi
for jar in "$AGENTS_JAR" "$AUTH_JAR" "$FAKE_JAR" "$LOAD_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

# ---------------------------------------------------------------- database
# bench_value SQL: one query as the superuser in the bench database (row-level security does not apply to it).
bench_value() { printf '\\connect %s\n%s\n' "$DB_NAME" "$1" | superuser_psql -tA -F ' '; }

# The roles (db/init/create-roles.sql only when both are missing), then the bench database when it is missing.
db_init() {
	db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD" --no-db-init
	db_ensure "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE"
}

# ---------------------------------------------------------------- machine
machine_facts
PG_VERSION="$(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"
write_machine_txt "$STAMP" "$ARGS_GIVEN" "postgresql: $PG_VERSION"

$DB_INIT && db_init
bench_value "SELECT 1" >/dev/null 2>>"$RESULTS/db-init.log" ||
	fail "cannot connect to $DB_NAME as the superuser (see $RESULTS/db-init.log): create the database or pass no --no-db-init"

# ---------------------------------------------------------------- shared Redis, keys under this run's prefix
REDIS_PREFIX="agents-bench-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: the fake provider, auth, agents
[[ -n "$LLM_PORT" ]] || pick_port LLM_PORT
[[ -n "$AUTH_PORT" ]] || pick_port AUTH_PORT
[[ -n "$AGENTS_PORT" ]] || pick_port AGENTS_PORT
for port in "$LLM_PORT" "$AUTH_PORT" "$AGENTS_PORT"; do
	port_free "$port" || fail "port $port is already in use (set BENCH_LLM_PORT, BENCH_AUTH_PORT, BENCH_AGENTS_PORT)"
done
LLM_URL="http://127.0.0.1:$LLM_PORT"
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"

# The fake first sends 2,000 chats to itself and forgets them (its own JIT warm-up), then prints "listening".
# shellcheck disable=SC2086
start_java llm-fake "$FAKE_JAR" -- $TOOL_JVM_OPTS -jar "$FAKE_JAR" --port "$LLM_PORT" --chunks "$CHUNKS" \
	--chunk-gap-ms "$CHUNK_GAP_MS" --warm-up 2000
FAKE_PID="$LAST_PID"

DB_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX")
# The auth service only issues the bench user's token (the agents service verifies it with the auth service's public
# keys): dev profile, its own schema in the bench database, a signing key generated for this run (no file), and no
# rate limits (register is limited to 3/h per address).
AUTH_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO "--server.port=$AUTH_PORT"
	--temponest.auth.jwt.dev-key-location= --platform.ratelimit.enabled=false)
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${DB_ENV[@]}" -- $JVM_OPTS -jar "$AUTH_JAR" "${AUTH_ARGS[@]}"
AUTH_PID="$LAST_PID"

# The agents service as in production (no profile), on the fake provider, without rate limits (they would throttle
# the bench).
AGENTS_ENV=("${DB_ENV[@]}" "AUTH_SERVICE_URL=$AUTH_URL" "OLLAMA_BASE_URL=$LLM_URL" "LLM_DEFAULT_PROVIDER=ollama"
	"LLM_DEFAULT_MODEL=$MODEL")
AGENTS_ARGS=("--server.port=$AGENTS_PORT" --platform.ratelimit.enabled=false "${EXTRA_AGENTS_ARGS[@]}")
# shellcheck disable=SC2086
start_java agents-service "$AGENTS_JAR" "${AGENTS_ENV[@]}" -- $JVM_OPTS -jar "$AGENTS_JAR" "${AGENTS_ARGS[@]}"
AGENTS_PID="$LAST_PID"

wait_log llm-fake "$FAKE_PID" "FAKE-LLM listening" "the fake provider"
wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 240

# ---------------------------------------------------------------- session: user, token, one run, one stream
json_field() { # field < json
	if command -v jq >/dev/null; then
		jq -r --arg f "$1" '.[$f] // empty' 2>/dev/null || true
	else
		sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
	fi
}
EMAIL="bench-$STAMP-$RANDOM@example.com"
EMAIL="${EMAIL,,}"
say "registering $EMAIL (admin of a new tenant: agents:execute)"
code="$(curl -sS -o "$RESULTS/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Bench User\"}" "$AUTH_URL/auth/register")"
[[ "$code" == 200 || "$code" == 201 ]] || fail "POST /auth/register answered $code: $(head -c 500 "$RESULTS/register.json")"
code="$(curl -sS -o "$RESULTS/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$AUTH_URL/auth/login")"
[[ "$code" == 200 ]] || fail "POST /auth/login answered $code: $(head -c 500 "$RESULTS/login.json")"
BENCH_TOKEN="$(json_field access_token <"$RESULTS/login.json")"
[[ -n "$BENCH_TOKEN" ]] || fail "POST /auth/login returned no access_token"
export BENCH_TOKEN

RUN_URL="$AGENTS_URL/developer/run"
DEVELOPER_ID="$("$JAVA" -jar "$LOAD_JAR" agent-id developer)"
EXECUTE_URL="$AGENTS_URL/agents/$DEVELOPER_ID/execute"
fake() { curl -fsS --max-time 10 -X POST "$LLM_URL/$1"; }
fake "config?delay-ms=0" >/dev/null
code="$(curl -sS -o "$RESULTS/check-run.json" -w '%{http_code}' -H "Authorization: Bearer $BENCH_TOKEN" \
	-H 'Content-Type: application/json' -d '{"task":"Write a function that returns 42"}' "$RUN_URL")"
[[ "$code" == 200 ]] || fail "POST /developer/run answered $code: $(head -c 500 "$RESULTS/check-run.json")"
grep -Eq '"status" *: *"completed"' "$RESULTS/check-run.json" || fail "POST /developer/run did not complete: $(head -c 500 "$RESULTS/check-run.json")"
COST_TABLE="$(bench_value "SELECT to_regclass('agents.cost_tracking') IS NOT NULL")"
[[ "$COST_TABLE" == t ]] || say "WARNING: agents.cost_tracking does not exist: cost rows are not checked"

# ---------------------------------------------------------------- the cases
summary_field() { # file prefix key: a key=value of the line starting with prefix
	awk -v p="$2" -v k="$3" '$1 == p {for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == k) {print a[2]; exit}}}' "$1"
}
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
CLK_TCK="$(getconf CLK_TCK)"
# rows: execution rows, completed execution rows, cost rows (-1 without the table) so far
rows() {
	local cost="-1"
	[[ "$COST_TABLE" == t ]] && cost="(SELECT count(*) FROM agents.cost_tracking)"
	bench_value "SELECT (SELECT count(*) FROM agents.agent_executions), (SELECT count(*) FROM agents.agent_executions WHERE status = 'completed'), $cost"
}

# client TAG COMMAND ARGS...: runs the load client in the foreground (in the background and waited for, so that a
# signal to this script is handled at once), output in RESULTS/TAG.txt, one line per request in RESULTS/TAG.tsv.
client() {
	local tag="$1" limit
	shift
	limit=$((WARMUP + DURATION + 300))
	# shellcheck disable=SC2086
	timeout "$limit" "$JAVA" $TOOL_JVM_OPTS -jar "$LOAD_JAR" "$@" --out "$RESULTS/$tag.tsv" >"$RESULTS/$tag.txt" 2>&1 &
	track "$!" "$LOAD_JAR"
	wait "$!" || { cat "$RESULTS/$tag.txt" >&2; fail "the load client failed in $tag (output $RESULTS/$tag.txt)"; }
}

INVALID=0
# run_case CASE ROUND: one run of a case; appends a line to metrics.tsv. ROUND 0 is the warm-up: its figures are left
# out of the medians, its rows are checked like the others.
run_case() {
	local case="$1" round="$2" tag="$2-$1" prefix line
	local before after cpu_before cpu_after stats
	[[ "$round" == 0 ]] && tag="warmup-$case"
	case "$case" in
	slow) fake "config?delay-ms=$SLOW_DELAY_MS" >/dev/null ;;
	*) fake "config?delay-ms=0&chunks=$CHUNKS&chunk-gap-ms=$CHUNK_GAP_MS" >/dev/null ;;
	esac
	fake reset >/dev/null
	before="$(rows)"
	cpu_before="$(proc_ticks "$AGENTS_PID")"
	case "$case" in
	slow)
		say "round $round: (a) $SLOW_CONCURRENCY concurrent runs, provider delay $SLOW_DELAY_MS ms, ${WARMUP}+${DURATION}s"
		client "$tag" runs --url "$RUN_URL" --concurrency "$SLOW_CONCURRENCY" --warmup "$WARMUP" \
			--duration "$DURATION" --delay-ms "$SLOW_DELAY_MS" --stagger-ms "$SLOW_DELAY_MS"
		prefix=RUNS
		;;
	fast)
		say "round $round: (b) $FAST_CONCURRENCY concurrent runs, provider at once, ${WARMUP}+${DURATION}s"
		client "$tag" runs --url "$RUN_URL" --concurrency "$FAST_CONCURRENCY" --warmup "$WARMUP" \
			--duration "$((round == 0 ? 2 * WARMUP : DURATION))" --delay-ms 0
		prefix=RUNS
		;;
	stream)
		say "round $round: (c) $STREAMS streams, $STREAM_CONCURRENCY at a time, $CHUNKS chunks ${CHUNK_GAP_MS} ms apart"
		client "$tag" streams --url "$EXECUTE_URL" --streams "$((round == 0 ? 20 : STREAMS))" \
			--concurrency "$STREAM_CONCURRENCY" --warmup-streams "$((round == 0 ? 0 : STREAM_CONCURRENCY))"
		prefix=STREAMS
		;;
	floor)
		say "round $round: floor of (c): the same streams read from the fake provider directly"
		client "$tag" streams --url "$LLM_URL/api/chat" --streams "$STREAMS" --concurrency "$STREAM_CONCURRENCY" \
			--warmup-streams "$STREAM_CONCURRENCY"
		prefix=STREAMS
		;;
	esac
	cpu_after="$(proc_ticks "$AGENTS_PID")"
	kill -0 "$AGENTS_PID" 2>/dev/null || fail "the agents service died during $tag (log $RESULTS/agents-service.log)"
	# Rows are written before the answer (or [DONE]) is sent; a run the client gave up on may still land.
	sleep 1
	after="$(rows)"
	stats="$(curl -fsS --max-time 10 "$LLM_URL/stats")"
	echo "$stats" >"$RESULTS/$tag-llm.txt"
	local f="$RESULTS/$tag.txt" sent ok executions completed cost calls cpu_s per_run rows_ok=yes
	local -a b a
	read -r -a b <<<"$before"
	read -r -a a <<<"$after"
	executions=$((a[0] - b[0])) completed=$((a[1] - b[1])) cost=$((a[2] - b[2]))
	[[ "$COST_TABLE" == t ]] || cost=""
	calls=$(($(awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); if (kv[1] == "chats" || kv[1] == "streams") t += kv[2]}} END {print t + 0}' <<<"$stats")))
	if [[ "$prefix" == RUNS ]]; then
		sent="$(summary_field "$f" RUNS requests)" ok="$(summary_field "$f" RUNS ok)"
	else
		sent="$(summary_field "$f" STREAMS sent)" ok="$(summary_field "$f" STREAMS sent_ok)"
	fi
	[[ -n "$ok" ]] || { cat "$f" >&2; fail "the load client printed no $prefix line in $tag"; }
	# Every answered run wrote one completed execution and one cost row; no run wrote anything else (the floor, which
	# does not go through the service, nothing at all).
	if [[ "$case" == floor ]]; then
		[[ "$executions" == 0 && "$completed" == 0 && "${cost:-0}" == 0 ]] || rows_ok=no
	elif [[ "$completed" != "$ok" || "$executions" != "$sent" || ("$COST_TABLE" == t && "$cost" != "$executions") ]]; then
		rows_ok=no
	fi
	cpu_s="$(awk -v t=$((cpu_after - cpu_before)) -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", t / hz}')"
	per_run="$(awk -v t=$((cpu_after - cpu_before)) -v hz="$CLK_TCK" -v n="$sent" 'BEGIN {if (n > 0) printf "%.2f", t / hz * 1000 / n}')"
	local errors_seen=$((sent - ok))
	if [[ "$prefix" == RUNS ]]; then
		errors_seen=$(($(summary_field "$f" RUNS non_200) + $(summary_field "$f" RUNS errors) + $(summary_field "$f" RUNS bad_body)))
	fi
	say "  $(cat "$f")"
	say "  rows: $executions executions ($completed completed), ${cost:-no} cost rows for $ok of $sent answered; provider calls $calls (models: $(sed -n 's/.* models=//p' <<<"$stats")); agents CPU ${cpu_s} s (${per_run} ms per run); rows check: $rows_ok"
	if [[ "$rows_ok" != yes || "$errors_seen" != 0 ]]; then
		INVALID=$((INVALID + 1))
		say "  ⚠ $tag: $errors_seen failed request(s), rows check $rows_ok (see $RESULTS/$tag.txt, $RESULTS/$tag.tsv)"
	fi
	if [[ "$prefix" == RUNS ]]; then
		line="$(printf '%s\t' "$case" "$round" "$sent" "$ok" "$(summary_field "$f" RUNS non_200)" \
			"$(summary_field "$f" RUNS bad_body)" "$(summary_field "$f" RUNS errors)" "$(summary_field "$f" RUNS window_ok)" \
			"$(summary_field "$f" RUNS rps)" "$(summary_field "$f" RUNS little_rps)" "$(summary_field "$f" RUNS p50_ms)" "$(summary_field "$f" RUNS p99_ms)" \
			"$(summary_field "$f" RUNS overhead_p50_ms)" "$(summary_field "$f" RUNS overhead_p99_ms)" "" "" "" "" "" "" "")"
	else
		line="$(printf '%s\t' "$case" "$round" "$sent" "$ok" "$(summary_field "$f" STREAMS non_200)" \
			"$(summary_field "$f" STREAMS incomplete)" "$(summary_field "$f" STREAMS errors)" \
			"$(summary_field "$f" STREAMS ok)" "" "" "" "" "" "" \
			"$(summary_field "$f" STREAMS first_token_p50_ms)" "$(summary_field "$f" STREAMS first_token_p90_ms)" \
			"$(summary_field "$f" STREAMS first_token_p99_ms)" "$(summary_field "$f" STREAMS first_token_max_ms)" \
			"$(summary_field "$f" STREAMS ttft_p50_ms)" "$(summary_field "$f" STREAMS ttft_p99_ms)" \
			"$(summary_field "$f" STREAMS total_p50_ms)")"
	fi
	printf '%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$line" "$executions" "$completed" "$cost" "$calls" "$cpu_s" \
		"$per_run" "$rows_ok" "$(summary_field "$f" "$prefix" statuses)" >>"$METRICS"
}

# Warm-up of the service (JIT, pools, connections): unmeasured, but its rows are checked too.
run_case fast 0
run_case stream 0
for ((r = 1; r <= ROUNDS; r++)); do
	for c in slow fast stream floor; do
		run_case "$c" "$r"
	done
done

# Resident memory of each JVM after all the load (VmRSS now, VmHWM the peak), while the processes still run.
rss_line() { # name pid
	awk -v n="$1" '/^VmRSS:/ {now = $2} /^VmHWM:/ {peak = $2} END {if (now) printf "| %s | %.0f | %.0f |\n", n, now / 1024, peak / 1024}' "/proc/$2/status" 2>/dev/null || true
}
{
	rss_line "agents service" "$AGENTS_PID"
	rss_line "auth service (token issuer only)" "$AUTH_PID"
	rss_line "fake provider" "$FAKE_PID"
} >"$RESULTS/rss.md"
curl -fsS --max-time 10 "$AGENTS_URL/actuator/prometheus" 2>/dev/null |
	grep -E '^(temponest_|hikaricp_connections|jvm_memory_used_bytes|jvm_gc_pause_seconds_(count|sum)|jvm_threads_live)' \
		>"$RESULTS/agents-metrics.txt" || true

# ---------------------------------------------------------------- report
IDLE_AFTER="$(cpu_idle_pct 3)"
col() { # name: the column's index (1-based) in metrics.tsv
	local i
	for i in "${!METRIC_COLUMNS[@]}"; do
		[[ "${METRIC_COLUMNS[i]}" == "$1" ]] && { echo $((i + 1)); return; }
	done
	fail "no column $1"
}
values() { # case column: the measured rounds' values
	awk -F'\t' -v s="$1" -v c="$(col "$2")" 'NR > 1 && $1 == s && $2 != 0 && $c != "" {print $c}' "$METRICS"
}
all_values() { # case column: every round's values, the warm-up's included
	awk -F'\t' -v s="$1" -v c="$(col "$2")" 'NR > 1 && $1 == s && $c != "" {print $c}' "$METRICS"
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
range() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR > 1) printf " (%s–%s)", lo, hi}'; }
total() { awk '{t += $1} END {print t + 0}'; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN {if (v == "") print "n/a"; else printf f, v}'; }
meets() { # value op threshold
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {if (v == "") {print "—"; exit}
		ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : v < t; print ok ? "yes" : "**no**"}'
}
cell() { # case column format: the median over the rounds, with min–max when there are several
	echo "$(fmt "$(values "$1" "$2" | median)" "$3")$(values "$1" "$2" | range)"
}
minus_floor() { # column: per round, the streamed case's value − the floor's
	awk -F'\t' -v c="$(col "$1")" 'NR > 1 && $2 != 0 && $1 == "stream" && $c != "" {s[$2] = $c} NR > 1 && $2 != 0 && $1 == "floor" && $c != "" {f[$2] = $c}
		END {for (r in s) if (r in f) printf "%.3f\n", s[r] - f[r]}' "$METRICS"
}
errors_cell() { # case: failed requests of the measured rounds, and of the warm-up when any
	local failed=$(($(values "$1" non_200 | total) + $(values "$1" bad_body | total) + $(values "$1" errors | total)))
	local all=$(($(all_values "$1" non_200 | total) + $(all_values "$1" bad_body | total) + $(all_values "$1" errors | total)))
	[[ "$failed" == 0 ]] && printf 0 || printf '⚠ %s' "$failed"
	((all == failed)) || printf ' (warm-up: ⚠ %s)' $((all - failed))
	echo
}

QUICK_NOTE=""
$QUICK && QUICK_NOTE="; **--quick: a smoke run, not a measurement**"
{
	echo "# TempoNest agents service benchmark — $STAMP"
	echo
	echo "- Machine: $(nproc) cores (nproc), CPU ${CPU_MODEL:-unknown}, JDK $JDK_DESC, PostgreSQL $PG_VERSION; load average at start $LOAD_AT_START; CPU idle before the services started ${IDLE_BEFORE}%, after the last round (services idle) ${IDLE_AFTER}% — well below 90% means another workload shared the cores"
	echo "- Agents service: \`java ${JVM_OPTS:+$JVM_OPTS }-jar ${AGENTS_JAR#"$ROOT"/} ${AGENTS_ARGS[*]}\` (no profile; database \`$DB_NAME\`, model \`$MODEL\` on provider \`ollama\` = the fake at $LLM_URL); the auth service only issued the bench user's token"
	echo "- Provider: bench/llm-fake (Ollama \`/api/chat\`), whole answers after the case's delay, streams of $CHUNKS chunks ${CHUNK_GAP_MS} ms apart; load: bench/agents-load (JDK HttpClient, HTTP/1.1, closed loop: each caller sends its next run when the previous answer arrived)"
	echo "- $ROUNDS interleaved round(s) of (a), (b), (c) and the floor of (c); each run case ${WARMUP} s of warm-up then a ${DURATION} s window (runs completed within it count); (c) $STREAMS measured streams per round after $STREAM_CONCURRENCY unmeasured ones; every figure is the median over the rounds (min–max in brackets)${QUICK_NOTE}"
	echo "- Raw outputs: \`bench/results/${RESULTS##*/}/\`"
	echo
	echo "| case | callers | provider delay | runs/s | p50 ms | p99 ms | overhead p50 ms | overhead p99 ms | agents CPU ms per run | errors |"
	echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
	echo "| (a) \`POST /developer/run\` | $SLOW_CONCURRENCY | $SLOW_DELAY_MS ms | $(cell slow rps %.1f) | $(cell slow p50_ms %.1f) | $(cell slow p99_ms %.1f) | $(cell slow overhead_p50_ms %.1f) | $(cell slow overhead_p99_ms %.1f) | $(cell slow cpu_ms_per_run %.2f) | $(errors_cell slow) |"
	echo "| (b) \`POST /developer/run\` | $FAST_CONCURRENCY | 0 | $(cell fast rps %.1f) | $(cell fast p50_ms %.1f) | $(cell fast p99_ms %.1f) | $(cell fast overhead_p50_ms %.1f) | $(cell fast overhead_p99_ms %.1f) | $(cell fast cpu_ms_per_run %.2f) | $(errors_cell fast) |"
	echo
	echo "| (c) streamed \`POST /agents/{developer}/execute\` | value |"
	echo "|---|---:|"
	echo "| streams per round (ok) | $(cell stream window_ok %.0f) of $STREAMS, $STREAM_CONCURRENCY at a time |"
	echo "| first-token delay p50 (client receipt − provider send) | $(cell stream first_token_p50_ms '%.2f ms') |"
	echo "| first-token delay p90 | $(cell stream first_token_p90_ms '%.2f ms') |"
	echo "| first-token delay p99 | $(cell stream first_token_p99_ms '%.2f ms') |"
	echo "| first-token delay max | $(cell stream first_token_max_ms '%.2f ms') |"
	echo "| floor: the client reading the fake's stream directly, first-token delay p50 / p99 | $(cell floor first_token_p50_ms '%.2f') / $(cell floor first_token_p99_ms '%.2f ms') |"
	echo "| what the service adds to the first-token delay, p50 / p99 (per round: (c) − floor) | $(fmt "$(minus_floor first_token_p50_ms | median)" %.2f)$(minus_floor first_token_p50_ms | range) / $(fmt "$(minus_floor first_token_p99_ms | median)" '%.2f ms')$(minus_floor first_token_p99_ms | range) |"
	echo "| request → first token, p50 / p99 | $(cell stream ttft_p50_ms '%.1f') / $(cell stream ttft_p99_ms '%.1f ms') |"
	echo "| request → [DONE], p50 (the provider streams for $(((CHUNKS - 1) * CHUNK_GAP_MS)) ms) | $(cell stream total_p50_ms '%.1f ms') |"
	echo "| agents CPU per stream | $(cell stream cpu_ms_per_run '%.2f ms') |"
	echo "| errors (floor) | $(errors_cell stream) ($(errors_cell floor)) |"
	echo
	echo "| target | value | target | met |"
	echo "|---|---:|---|---|"
	v="$(values slow rps | median)"
	echo "| (a) runs/s at $SLOW_CONCURRENCY callers, provider ${SLOW_DELAY_MS} ms | $(fmt "$v" %.1f) | ≥ 24 | $(meets "$v" '>=' 24) |"
	v="$(values slow overhead_p99_ms | median)"
	echo "| (a) overhead p99 (latency p99 − provider delay) | $(fmt "$v" '%.1f ms') | < 20 ms | $(meets "$v" '<' 20) |"
	v="$(values fast rps | median)"
	echo "| (b) runs/s at $FAST_CONCURRENCY callers, provider at once ($(nproc) cores) | $(fmt "$v" %.0f) | ≥ 260 on 2 cores | $(meets "$v" '>=' 260) |"
	v="$(values fast overhead_p99_ms | median)"
	echo "| (b) p99 (= overhead) | $(fmt "$v" '%.1f ms') | — | |"
	v="$(values stream first_token_p50_ms | median)"
	echo "| (c) first token reaches the client after the provider sends it, p50 | $(fmt "$v" '%.2f ms') | < 5 ms | $(meets "$v" '<' 5) |"
	v="$(values stream first_token_p99_ms | median)"
	echo "| (c) the same, p99 | $(fmt "$v" '%.2f ms') | < 5 ms | $(meets "$v" '<' 5) |"
	echo
	echo "Rows written (every round, the warm-up's included; superuser counts in \`$DB_NAME\` before and after each case): each answered run must add one completed execution and one cost row, and no run anything else; the floor (no service) nothing."
	echo
	echo "| case | runs sent | answered 200 | executions added (completed) | cost rows added | provider calls | check |"
	echo "|---|---:|---:|---:|---:|---:|---|"
	for c in slow fast stream floor; do
		[[ -n "$(all_values "$c" requests)" ]] || continue
		printf '| %s | %s | %s | %s (%s) | %s | %s | %s |\n' "$c" "$(all_values "$c" requests | total)" \
			"$(all_values "$c" ok | total)" "$(all_values "$c" executions | total)" \
			"$(all_values "$c" completed_executions | total)" \
			"$([[ "$COST_TABLE" == t ]] && all_values "$c" cost_rows | total || echo 'no table')" \
			"$(all_values "$c" provider_calls | total)" "$( (all_values "$c" rows_ok | grep -qv '^yes$') && echo '**NO**' || echo ok)"
	done
	echo
	echo "Resident memory after the load (JVM options: \`${JVM_OPTS:-JVM defaults}\`; target < 300 MB per service):"
	echo
	echo "| process | RSS MB | peak RSS MB |"
	echo "|---|---:|---:|"
	cat "$RESULTS/rss.md"
	echo
	echo "### Per round"
	echo
	echo "Round 0 is the service's warm-up (its figures are not in the tables above)."
	echo
	echo "| case | round | sent | statuses | window ok | runs/s (callers ÷ mean latency) | p50 / p99 ms | overhead p50 / p99 ms | first token p50 / p99 / max ms | executions (completed) / cost rows / provider calls | agents CPU s | rows |"
	echo "|---|---:|---:|---|---:|---|---|---|---|---|---:|---|"
	awk -F'\t' 'function c(v) {return (v == "") ? "—" : v}
		NR > 1 {
		printf "| %s | %s | %s | %s | %s | %s (%s) | %s / %s | %s / %s | %s / %s / %s | %s (%s) / %s / %s | %s | %s |\n",
			$1, $2, $3, $29, $8, c($9), c($10), c($11), c($12), c($13), c($14), c($15), c($17), c($18), $22, $23, c($24),
			$25, $26, $28
	}' "$METRICS"
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"

if ((INVALID > 0)); then
	say "WARNING: $INVALID case run(s) had failed requests or rows that do not match the answered runs (see the ⚠ lines above and $RESULTS): the figures are not valid measurements"
	exit 3
fi
say "done: $RESULTS"
