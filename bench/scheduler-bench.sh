#!/usr/bin/env bash
# Benchmarks the TempoNest scheduler service with the burst of the issue: 10,000 schedules due in the same second,
# run by 1 and by 2 instances (separate JVMs, one database) against a fake agents service (bench/scheduler-load).
# Measures how long until every occurrence started and completed, the lag percentiles, and checks exactly-once.
# Raw outputs go to bench/results/<timestamp>/. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/scheduler-bench.sh [options]

  --skip-build            use the jars already built (no Maven)
  --rounds N              rounds per configuration, instance counts interleaved (default 3, env BENCH_ROUNDS)
  --schedules N           schedules due in the same second (default 10000, env BENCH_SCHEDULES)
  --tenants N             tenants the schedules are spread over (default 100)
  --instances LIST        comma-separated instance counts (default 1,2)
  --max-runs LIST         comma-separated SCHEDULER_MAX_CONCURRENT_RUNS values, one configuration each (default 64)
  --lead SECONDS          the schedules are due at the whole second at least this far after the insert (default 5)
  --timeout SECONDS       give up on a round this long after the due second (default 180)
  --agent-delay-ms N      the fake agents service answers each run after N ms (default 0)
  --env KEY=VALUE         extra environment for the scheduler instances (repeatable), e.g. --env SCHEDULER_POLL_INTERVAL=250ms
  --no-db-init            do not create the roles or the bench database; they must exist
  --peer db-scheduler     also run the same burst with db-scheduler (bench/db-scheduler-peer: lock-and-fetch, one
                          instance) in every round, after ours, and print both side by side with the ratios
  --peer-threads N        the peer's executor threads (default 64)
  --peer-pool N           the peer's HikariCP pool size (default 12)
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_SCHEDULER_JAR
(default services/scheduler/target/scheduler-service.jar), BENCH_JVM_OPTS (JVM options of the scheduler instances and the peer; default the services' own,
@docker/jvm.options, with -XX:MaxRAM=512m for the compose memory limit; set it empty for the JVM's defaults),
BENCH_SCHEDULER_PORT (9103, not the service's 9003, so that a dev instance does not collide: instance i listens on 9103 + i - 1), BENCH_AGENTS_PORT (9191), BENCH_PSQL_URL
(postgresql://postgres@127.0.0.1:5432/postgres: the superuser, for the set-up only), BENCH_DB_HOST (127.0.0.1),
BENCH_DB_PORT (5432), BENCH_DB_NAME (temponest_bench; must contain "bench": its scheduler tables are emptied every
round), BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (default: the dev profile's, temponest_owner and
temponest_app), BENCH_REDIS_URL (redis://127.0.0.1:6379/0), BENCH_PEER_PORT (9105: the peer's status server),
BENCH_PEER_JAR (default bench/db-scheduler-peer/target/db-scheduler-peer.jar).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

ROUNDS="${BENCH_ROUNDS:-3}"
SCHEDULES="${BENCH_SCHEDULES:-10000}"
TENANTS=100
INSTANCE_LIST="1,2"
MAX_RUNS_LIST="64"
LEAD=5
TIMEOUT=180
AGENT_DELAY_MS=0
AGENTS_WARM_UP=5000
SKIP_BUILD=false
DB_INIT=true
PEER=""
PEER_THREADS=64
PEER_POOL=12
PEER_PORT="${BENCH_PEER_PORT:-9105}"
EXTRA_ENV=()
# The scheduler acts for each schedule's creator with a token exchanged at the auth service; the fake agents
# service answers the exchange too (AUTH_SERVICE_URL points at it), so the secret only has to be long enough.
CLIENT_SECRET="$(openssl rand -hex 32)"
SCHEDULER_PORT="${BENCH_SCHEDULER_PORT:-9103}"
AGENTS_PORT="${BENCH_AGENTS_PORT:-9191}"
DB_NAME="${BENCH_DB_NAME:-temponest_bench}"
REDIS_URL="${BENCH_REDIS_URL:-redis://127.0.0.1:6379/0}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=512m}"
ARGS_GIVEN="$*"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--skip-build) SKIP_BUILD=true ;;
	--rounds) ROUNDS="$2"; shift ;;
	--schedules) SCHEDULES="$2"; shift ;;
	--tenants) TENANTS="$2"; shift ;;
	--instances) INSTANCE_LIST="$2"; shift ;;
	--max-runs) MAX_RUNS_LIST="$2"; shift ;;
	--lead) LEAD="$2"; shift ;;
	--timeout) TIMEOUT="$2"; shift ;;
	--agent-delay-ms) AGENT_DELAY_MS="$2"; shift ;;
	--env) EXTRA_ENV+=("$2"); shift ;;
	--no-db-init) DB_INIT=false ;;
	--peer) PEER="$2"; shift ;;
	--peer-threads) PEER_THREADS="$2"; shift ;;
	--peer-pool) PEER_POOL="$2"; shift ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
IFS=, read -r -a INSTANCE_COUNTS <<<"$INSTANCE_LIST"
IFS=, read -r -a MAX_RUNS <<<"$MAX_RUNS_LIST"
for n in "$ROUNDS" "$SCHEDULES" "$TENANTS" "$LEAD" "$TIMEOUT" "$AGENT_DELAY_MS" "$PEER_THREADS" "$PEER_POOL" "${INSTANCE_COUNTS[@]}" "${MAX_RUNS[@]}"; do
	[[ "$n" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $n" >&2; exit 64; }
done
((ROUNDS >= 1 && SCHEDULES >= 1 && TENANTS >= 1 && LEAD >= 1 && TIMEOUT >= 1)) || { echo "rounds, schedules, tenants, lead and timeout must be >= 1" >&2; exit 64; }
for n in "${INSTANCE_COUNTS[@]}" "${MAX_RUNS[@]}"; do
	((n >= 1)) || { echo "instance counts and max runs must be >= 1" >&2; exit 64; }
done
[[ -z "$PEER" || "$PEER" == db-scheduler ]] || { echo "Unknown peer: $PEER (only db-scheduler)" >&2; exit 64; }
for kv in "${EXTRA_ENV[@]}"; do
	[[ "$kv" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || { echo "Not KEY=VALUE: $kv" >&2; exit 64; }
done
[[ "$DB_NAME" =~ ^[a-z_][a-z0-9_]*$ && "$DB_NAME" == *bench* ]] ||
	{ echo "BENCH_DB_NAME must be a plain lower-case name containing \"bench\" (its scheduler tables are emptied every round): $DB_NAME" >&2; exit 64; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP"
mkdir -p "$RESULTS"
METRICS="$RESULTS/metrics.tsv"
METRIC_COLUMNS=(max_runs instances round valid schedules executions completed schedules_not_once reattempted schedules_not_advanced
	first_started_ms all_opened_ms all_started_ms all_completed_ms lag_p50_ms lag_p90_ms lag_p99_ms lag_max_ms
	agent_runs agent_executions agent_repeats runs_per_instance rss_mb_per_instance insert_margin_ms load1
	window_s machine_busy_cores scheduler_cpu_s agents_cpu_s db_xacts scheduler_cpu_ms_per_execution
	db_xacts_per_execution pg_cpu_s pg_cpu_ms_per_execution agent_call_mean_ms connection_wait_mean_ms
	connection_use_mean_ms other_load_cores)
(IFS=$'\t'; echo "${METRIC_COLUMNS[*]}") >"$METRICS"
# The peer's rounds (--peer), one line each.
PEER_METRICS="$RESULTS/peer-metrics.tsv"
PEER_COLUMNS=(round valid schedules completions distinct_completions rows_left first_started_ms all_started_ms
	all_completed_ms lag_p50_ms lag_p90_ms lag_p99_ms lag_max_ms agent_runs agent_executions agent_repeats rss_mb
	insert_margin_ms load1 window_s machine_busy_cores peer_cpu_s agents_cpu_s db_xacts peer_cpu_ms_per_execution
	db_xacts_per_execution pg_cpu_s pg_cpu_ms_per_execution other_load_cores)
if [[ -n "$PEER" ]]; then (IFS=$'\t'; echo "${PEER_COLUMNS[*]}") >"$PEER_METRICS"; fi

# say/fail, the processes started (stopped by pid on exit), start_java, wait_http, cpu_idle_pct, port_free,
# await_port_free.
LIB_STOP_SECONDS=30
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
# PSQL_URL, DB_HOST, DB_PORT, OWNER_ROLE, APP_ROLE, OWNER_PASSWORD, APP_PASSWORD from the BENCH_* environment.
db_settings

# CPU ticks (user + system) a process has used so far; 0 once it is gone.
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# Busy ticks of the whole machine so far (all cores).
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat; }
CLK_TCK="$(getconf CLK_TCK)"
# "pid ticks" of every PostgreSQL backend connected to the bench database (its process title names the database).
backend_ticks() {
	local f title
	for f in /proc/[0-9]*/cmdline; do
		title="$(tr '\0' ' ' <"$f" 2>/dev/null)" || continue
		if [[ "$title" == "postgres: "*" $DB_NAME "* ]]; then
			f="${f%/cmdline}"
			echo "${f#/proc/} $(proc_ticks "${f#/proc/}")"
		fi
	done
}
# backend_ticks_since FILE: CPU ticks the bench database's backends used since FILE was written by backend_ticks
# (backends that ended in between are not counted).
backend_ticks_since() {
	backend_ticks | awk 'NR == FNR {before[$1] = $2; next} {total += $2 - (($1 in before) ? before[$1] : 0)} END {print total + 0}' "$1" -
}

# ---------------------------------------------------------------- database
# The owner role (BYPASSRLS, owns the scheduler schema): empties the tables, inserts the schedules, reads the results.
owner_psql() { PGPASSWORD="$OWNER_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$OWNER_ROLE" -d "$DB_NAME" "$@"; }
owner_value() { owner_psql -tA -c "$1"; }
# Transactions committed or rolled back in the bench database so far (PostgreSQL's cumulative statistics).
db_xacts() { owner_value "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()"; }

# The roles (db/init/create-roles.sql only when both are missing), then the bench database when it is missing.
db_init() {
	db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD" --no-db-init
	db_ensure "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE"
}

empty_tables() {
	if [[ -n "$(owner_value "SELECT to_regclass('scheduler.task_executions')")" ]]; then
		owner_psql -c "TRUNCATE scheduler.task_executions, scheduler.scheduled_tasks" >/dev/null
	fi
}

# insert_schedules DUE_EPOCH: inserts the schedules, all due at DUE_EPOCH; prints how many ms before that second the
# insert committed.
insert_schedules() {
	owner_psql -v due="$1" -v n="$SCHEDULES" -v tenants="$TENANTS" -tA >/dev/null <<-'SQL'
		INSERT INTO scheduler.scheduled_tasks (tenant_id, user_id, name, schedule_type, interval_seconds, agent_name,
			task_payload, max_retries, next_execution_at)
		SELECT t.ids[1 + g % :tenants], gen_random_uuid(), 'bench-' || g, 'interval', 3600, 'bench', '{"task":"t"}', 0,
			to_timestamp(:due)
		FROM generate_series(1, :n) AS g, (SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, :tenants)) AS t;
	SQL
	owner_value "SELECT round(extract(epoch FROM to_timestamp($1) - clock_timestamp()) * 1000)"
}

# progress: executions opened and executions finished (any final status).
progress() {
	owner_value "SELECT count(*), count(*) FILTER (WHERE status IN ('completed', 'failed', 'timeout', 'cancelled')) FROM scheduler.task_executions" |
		tr '|' ' '
}

# measure DUE_EPOCH: one tab-separated line, the columns schedules .. lag_max_ms of metrics.tsv.
measure() {
	owner_psql -v due="$1" -tA -F $'\t' <<-'SQL'
		WITH e AS (SELECT * FROM scheduler.task_executions),
		per_schedule AS (
			SELECT s.id, count(e.id) AS executions
			FROM scheduler.scheduled_tasks s LEFT JOIN scheduler.task_executions e ON e.scheduled_task_id = s.id
			GROUP BY s.id
		),
		ms AS (SELECT extract(epoch FROM e.started_at - e.scheduled_for) * 1000 AS lag FROM e WHERE e.started_at IS NOT NULL)
		SELECT
			(SELECT count(*) FROM scheduler.scheduled_tasks),
			(SELECT count(*) FROM e),
			(SELECT count(*) FROM e WHERE status = 'completed' AND started_at IS NOT NULL AND completed_at IS NOT NULL),
			(SELECT count(*) FROM per_schedule WHERE executions <> 1),
			(SELECT count(*) FROM e WHERE attempts <> 1 OR scheduled_for <> to_timestamp(:due)),
			(SELECT count(*) FROM scheduler.scheduled_tasks
				WHERE next_execution_at IS DISTINCT FROM to_timestamp(:due) + interval '3600 seconds'
					OR execution_seq <> 1 OR successful_executions <> 1 OR total_executions <> 1),
			(SELECT round(extract(epoch FROM min(started_at) - to_timestamp(:due)) * 1000) FROM e),
			(SELECT round(extract(epoch FROM max(created_at) - to_timestamp(:due)) * 1000) FROM e),
			(SELECT round(extract(epoch FROM max(started_at) - to_timestamp(:due)) * 1000) FROM e),
			(SELECT round(extract(epoch FROM max(completed_at) - to_timestamp(:due)) * 1000) FROM e),
			(SELECT round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)) FROM ms),
			(SELECT round(percentile_cont(0.9) WITHIN GROUP (ORDER BY lag)) FROM ms),
			(SELECT round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag)) FROM ms),
			(SELECT round(max(lag)) FROM ms)
	SQL
}

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss awk psql ps

SCHEDULER_JAR="${BENCH_SCHEDULER_JAR:-$ROOT/services/scheduler/target/scheduler-service.jar}"
AGENTS_JAR="$BENCH/scheduler-load/target/scheduler-load.jar"
PEER_JAR="${BENCH_PEER_JAR:-$BENCH/db-scheduler-peer/target/db-scheduler-peer.jar}"
# The peer's table (db-scheduler's own schema) lives in this schema of the bench database, owned by the owner role.
PEER_SCHEMA=db_scheduler_peer
BENCH_MODULES=scheduler-load
[[ -n "$PEER" ]] && BENCH_MODULES+=",db-scheduler-peer"

# ---------------------------------------------------------------- build
if ! $SKIP_BUILD; then
	mvnw_build "the scheduler service" "services/scheduler does not build; see $RESULTS/build.log" \
		-q -B -DskipTests install -pl services/scheduler -am
	mvnw_build "the fake agents service${PEER:+ and the peer}" "bench/{$BENCH_MODULES} does not build; see $RESULTS/build.log" \
		-q -B -DskipTests -f bench/pom.xml package -pl "$BENCH_MODULES"
fi
for jar in "$SCHEDULER_JAR" "$AGENTS_JAR" ${PEER:+"$PEER_JAR"}; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

# ---------------------------------------------------------------- machine
machine_facts
PG_VERSION="$(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"
write_machine_txt "$STAMP" "$ARGS_GIVEN" "postgresql: $PG_VERSION"

# ---------------------------------------------------------------- database and the fake agents service
$DB_INIT && db_init
owner_value "SELECT 1" >/dev/null 2>>"$RESULTS/db-init.log" ||
	fail "cannot connect to $DB_NAME as $OWNER_ROLE (see $RESULTS/db-init.log): create the roles and the database, or set BENCH_DB_OWNER_PASSWORD"

port_free "$AGENTS_PORT" || fail "port $AGENTS_PORT is already in use (set BENCH_AGENTS_PORT)"
start_java fake-agents "$AGENTS_JAR" -- -jar "$AGENTS_JAR" "$AGENTS_PORT" "$AGENT_DELAY_MS" "$AGENTS_WARM_UP"
AGENTS_PID="$LAST_PID"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
# It warms itself up first ($AGENTS_WARM_UP runs to itself, then forgotten) and prints its "listening" line after.
wait_log fake-agents "$AGENTS_PID" "FAKE-AGENTS listening" "the fake agents service"
wait_http fake-agents "$AGENTS_URL/stats" "$AGENTS_PID" 60

agent_field() { # key < AGENTS line
	awk -v k="$1" '/^AGENTS /{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == k) print a[2]}}'
}

# prometheus_value URL METRIC-LINE-PREFIX: the value of the first sample whose line starts with the prefix.
prometheus_value() {
	curl -fsS --max-time 5 "$1/actuator/prometheus" 2>/dev/null | awk -v p="$2" 'index($0, p) == 1 {print $NF; exit}'
}

# ---------------------------------------------------------------- CPU window of one round
# window_begin TAG PID...: notes the CPU used so far by the given JVMs, the fake, the bench database's backends and
# the whole machine, and the bench database's transactions; window_end reads them again and sets W_MS (the window),
# W_MACHINE, W_JVM, W_AGENTS and W_PG (ticks used in it). window_figures prints the derived figures:
# window_s, machine_busy_cores, jvm_cpu_s, agents_cpu_s (tab-separated), then window_per_execution XACTS prints
# jvm_cpu_ms_per_execution, db_xacts_per_execution, pg_cpu_s, pg_cpu_ms_per_execution, and window_other_load the
# busy cores not spent by the bench's processes.
W_TAG="" W_START=0 W_MACHINE=0 W_AGENTS=0 W_JVM=0 W_PG=0 W_MS=0 W_XACTS_BEFORE=0
W_PIDS=() W_JVM_BEFORE=()
window_begin() {
	W_TAG="$1"
	shift
	W_PIDS=("$@")
	W_JVM_BEFORE=()
	W_XACTS_BEFORE="$(db_xacts)"
	W_START="$(date +%s%3N)"
	W_MACHINE="$(machine_ticks)"
	W_AGENTS="$(proc_ticks "$AGENTS_PID")"
	local pid
	for pid in "${W_PIDS[@]}"; do W_JVM_BEFORE+=("$(proc_ticks "$pid")"); done
	backend_ticks >"$RESULTS/$W_TAG-backends-before.txt"
}
window_end() {
	local i
	W_MS=$(($(date +%s%3N) - W_START))
	W_PG="$(backend_ticks_since "$RESULTS/$W_TAG-backends-before.txt")"
	W_MACHINE=$(($(machine_ticks) - W_MACHINE))
	W_AGENTS=$(($(proc_ticks "$AGENTS_PID") - W_AGENTS))
	W_JVM=0
	for ((i = 0; i < ${#W_PIDS[@]}; i++)); do W_JVM=$((W_JVM + $(proc_ticks "${W_PIDS[i]}") - W_JVM_BEFORE[i])); done
}
window_figures() {
	awk -v w="$W_MS" -v m="$W_MACHINE" -v s="$W_JVM" -v a="$W_AGENTS" -v hz="$CLK_TCK" \
		'BEGIN {printf "%.1f\t%.2f\t%.1f\t%.1f", w / 1000, m / hz / (w / 1000), s / hz, a / hz}'
}
window_per_execution() {
	awk -v s="$W_JVM" -v p="$W_PG" -v x="$1" -v hz="$CLK_TCK" -v n="$SCHEDULES" \
		'BEGIN {printf "%.2f\t%.2f\t%.1f\t%.2f", s / hz * 1000 / n, x / n, p / hz, p / hz * 1000 / n}'
}
# Busy time of the machine not spent by the bench's processes: other PostgreSQL processes, this script and any other
# workload. Well above 0 means the round shared the cores with something else.
window_other_load() {
	awk -v w="$W_MS" -v m="$W_MACHINE" -v s="$W_JVM" -v p="$W_PG" -v a="$W_AGENTS" \
		-v hz="$CLK_TCK" 'BEGIN {printf "%.2f", (m - s - p - a) / hz / (w / 1000)}'
}

# ---------------------------------------------------------------- one round
INVALID=0

# run_round MAX_RUNS INSTANCES ROUND
run_round() {
	local runs="$1" n="$2" round="$3"
	local tag="runs${runs}-n${n}-round${round}"
	local i port load1 due margin deadline line opened finished
	local -a pids=() ports=() environment=()
	say "round $round, $n instance(s), max $runs concurrent runs each"
	empty_tables
	curl -fsS -X POST "$AGENTS_URL/reset" >/dev/null
	load1="$(cut -d' ' -f1 /proc/loadavg)"

	for ((i = 1; i <= n; i++)); do
		port=$((SCHEDULER_PORT + i - 1))
		await_port_free "$port" || fail "port $port is already in use: stop what listens there or set BENCH_SCHEDULER_PORT"
		environment=(
			"SERVER_PORT=$port" "SCHEDULER_INSTANCE_ID=bench-$i" "SCHEDULER_MAX_CONCURRENT_RUNS=$runs"
			"DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
			"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=$REDIS_URL"
			"AGENT_SERVICE_URL=$AGENTS_URL" "AUTH_SERVICE_URL=$AGENTS_URL"
			"SERVICE_CLIENT_SCHEDULER_SECRET=$CLIENT_SECRET" "${EXTRA_ENV[@]}")
		# shellcheck disable=SC2086
		start_java "$tag-scheduler$i" "$SCHEDULER_JAR" "${environment[@]}" -- $JVM_OPTS -jar "$SCHEDULER_JAR"
		pids+=("$LAST_PID")
		ports+=("$port")
	done
	for ((i = 0; i < n; i++)); do
		wait_http "$tag-scheduler$((i + 1))" "http://127.0.0.1:${ports[i]}/actuator/health" "${pids[i]}" 240
	done
	say "  $n instance(s) up; inserting $SCHEDULES schedules"

	window_begin "$tag" "${pids[@]}"

	due=$(($(date +%s) + LEAD + 1))
	margin="$(insert_schedules "$due")"
	say "  due at $(date -u -d "@$due" +%H:%M:%SZ); the insert committed ${margin} ms before"
	echo -e "ms_since_due\topened\tfinished" >"$RESULTS/$tag-progress.tsv"
	deadline=$((due + TIMEOUT))
	finished=0
	while (($(date +%s) < deadline)); do
		read -r opened finished <<<"$(progress)"
		echo -e "$(($(date +%s%3N) - due * 1000))\t$opened\t$finished" >>"$RESULTS/$tag-progress.tsv"
		((finished >= SCHEDULES)) && break
		for pid in "${pids[@]}"; do
			kill -0 "$pid" 2>/dev/null || fail "a scheduler instance (pid $pid) died during $tag (logs $RESULTS/$tag-scheduler*.log)"
		done
		sleep 0.5
	done
	# CPU over the window from the insert until the last execution finished (the scheduler JVMs include their JIT
	# compiler and GC threads; the rest of the machine's busy time is PostgreSQL, this script's psql and any other load).
	window_end
	((finished >= SCHEDULES)) || say "  WARNING: only $finished of $SCHEDULES executions finished within ${TIMEOUT}s of the due second"
	# Late or repeated agent calls would still arrive: give them a moment before counting.
	sleep 2
	local agents rss="" split="" value
	agents="$(curl -fsS "$AGENTS_URL/stats")"
	echo "$agents" >"$RESULTS/$tag-agents.txt"
	for ((i = 0; i < n; i++)); do
		value="$(ps -o rss= -p "${pids[i]}" | awk '{printf "%.0f", $1 / 1024}')"
		rss+="${rss:+,}$value"
		value="$(prometheus_value "http://127.0.0.1:${ports[i]}" 'temponest_schedule_runs_total{status="completed"')"
		split+="${split:+,}$(awk -v v="$value" 'BEGIN {printf "%.0f", v}')"
		curl -fsS --max-time 5 "http://127.0.0.1:${ports[i]}/actuator/prometheus" 2>/dev/null |
			grep -E '^(temponest_|hikaricp_connections|jvm_memory_used_bytes|jvm_gc_pause_seconds_(count|sum))' \
				>"$RESULTS/$tag-scheduler$((i + 1))-metrics.txt" || true
	done
	for pid in "${pids[@]}"; do
		stop_pid "$pid"
	done
	# Means over all instances, from their timers: the agent call, waiting for a pooled connection, holding one.
	local timers
	timers="$(cat "$RESULTS/$tag"-scheduler*-metrics.txt | awk '
		function add(name) {if (index($0, name "_count") == 1) c[name] += $NF; if (index($0, name "_sum") == 1) s[name] += $NF}
		{add("temponest_agent_call_duration_seconds"); add("hikaricp_connections_acquire_seconds"); add("hikaricp_connections_usage_seconds")}
		function mean(name) {return (c[name] > 0) ? sprintf("%.1f", s[name] * 1000 / c[name]) : ""}
		END {printf "%s\t%s\t%s", mean("temponest_agent_call_duration_seconds"), mean("hikaricp_connections_acquire_seconds"), mean("hikaricp_connections_usage_seconds")}')"

	local xacts=$(($(db_xacts) - W_XACTS_BEFORE))
	local cpu per_execution other
	cpu="$(window_figures)"
	per_execution="$(window_per_execution "$xacts")"
	other="$(window_other_load)"
	line="$(measure "$due")"
	local -a m
	IFS=$'\t' read -r -a m <<<"$line"
	local runs_seen executions_seen repeats unkeyed valid=yes
	runs_seen="$(agent_field runs <<<"$agents")"
	executions_seen="$(agent_field executions <<<"$agents")"
	repeats="$(agent_field repeats <<<"$agents")"
	unkeyed="$(agent_field unkeyed <<<"$agents")"
	# m: schedules executions completed not_once reattempted not_advanced ...
	if [[ "${m[0]}" != "$SCHEDULES" || "${m[1]}" != "$SCHEDULES" || "${m[2]}" != "$SCHEDULES" || "${m[3]}" != 0 ||
		"${m[4]}" != 0 || "${m[5]}" != 0 || "$runs_seen" != "$SCHEDULES" || "$executions_seen" != "$SCHEDULES" ||
		"$repeats" != 0 || "$unkeyed" != 0 ]]; then
		valid=no
		INVALID=$((INVALID + 1))
		say "  ⚠ EXACTLY-ONCE CHECK FAILED in $tag: schedules=${m[0]} executions=${m[1]} completed=${m[2]} schedules_not_once=${m[3]} reattempted=${m[4]} not_advanced=${m[5]}; $agents"
		owner_psql -c "SELECT status, attempts, count(*), min(error_message) FROM scheduler.task_executions GROUP BY 1, 2 ORDER BY 1, 2" \
			>"$RESULTS/$tag-statuses.txt" 2>&1 || true
	fi
	if ((margin <= 0)); then
		valid=no
		INVALID=$((INVALID + 1))
		say "  ⚠ the insert committed after the due second: the round's timings are not measurements (raise --lead)"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$runs" "$n" "$round" "$valid" "$line" "$runs_seen" \
		"$executions_seen" "$repeats" "${split:-?}" "${rss:-?}" "$margin" "$load1" "$cpu" "$xacts" "$per_execution" "$timers" "$other" >>"$METRICS"
	say "  started all by +${m[8]} ms, completed all by +${m[9]} ms, lag p50/p99/max ${m[10]}/${m[12]}/${m[13]} ms, agent runs $runs_seen, per instance [$split], RSS [$rss] MB, CPU busy $(cut -f2 <<<"$cpu") cores over $(cut -f1 <<<"$cpu") s (scheduler JVMs $(cut -f3 <<<"$cpu") s, fake agents $(cut -f4 <<<"$cpu") s, bench database backends $(cut -f3 <<<"$per_execution") s; other load $other cores), $xacts DB transactions, exactly-once: $valid"
}

# ---------------------------------------------------------------- the peer's round (--peer db-scheduler)
peer_psql() { owner_psql -v schema="$PEER_SCHEMA" "$@"; }

# insert_peer_instances DUE_EPOCH: inserts the peer's one-time task instances peer-1 .. peer-N, all due at
# DUE_EPOCH, as db-scheduler's own schedule() would write them; prints how many ms before that second it committed.
insert_peer_instances() {
	peer_psql -v due="$1" -v n="$SCHEDULES" -tA >/dev/null <<-'SQL'
		INSERT INTO :"schema".scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version)
		SELECT 'bench-run', 'peer-' || g, NULL, to_timestamp(:due), false, 1 FROM generate_series(1, :n) AS g;
	SQL
	owner_value "SELECT round(extract(epoch FROM to_timestamp($1) - clock_timestamp()) * 1000)"
}

peer_field() { # key < PEER line
	awk -v k="$1" '/^PEER /{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == k) print a[2]}}'
}

# measure_peer DUE_EPOCH FILE: from the completions the peer dumped (instance, started_ms, completed_ms), one
# tab-separated line: completions, distinct completions, rows left in its table, first started, all started, all
# completed (ms since the due second), lag p50 / p90 / p99 / max (ms; started − due, as ours).
measure_peer() {
	{
		echo "CREATE TEMP TABLE peer_runs (instance text, started_ms bigint, completed_ms bigint);"
		echo "COPY peer_runs FROM STDIN;"
		cat "$2"
		echo '\.'
		cat <<-'SQL'
			WITH ms AS (SELECT started_ms - :due::bigint * 1000 AS lag, completed_ms - :due::bigint * 1000 AS done FROM peer_runs)
			SELECT
				(SELECT count(*) FROM peer_runs),
				(SELECT count(DISTINCT instance) FROM peer_runs),
				(SELECT count(*) FROM :"schema".scheduled_tasks),
				min(lag), max(lag), max(done),
				round(percentile_cont(0.5) WITHIN GROUP (ORDER BY lag)),
				round(percentile_cont(0.9) WITHIN GROUP (ORDER BY lag)),
				round(percentile_cont(0.99) WITHIN GROUP (ORDER BY lag)),
				max(lag)
			FROM ms;
		SQL
	} | peer_psql -v due="$1" -tA -F $'\t'
}

# run_peer_round ROUND: the same burst with db-scheduler (one fresh JVM, lock-and-fetch, PEER_THREADS threads,
# pool PEER_POOL) on the same database and the same fake, measured like ours.
run_peer_round() {
	local round="$1" tag="peer-round$1"
	local load1 due margin deadline completed=0 pid stats
	say "round $round, db-scheduler peer ($PEER_THREADS threads, pool $PEER_POOL, lock-and-fetch)"
	curl -fsS -X POST "$AGENTS_URL/reset" >/dev/null
	load1="$(cut -d' ' -f1 /proc/loadavg)"
	await_port_free "$PEER_PORT" || fail "port $PEER_PORT is already in use: stop what listens there or set BENCH_PEER_PORT"
	rm -f "$RESULTS/$tag-completions.tsv"
	# empty its table before it starts too: rows left by an aborted run would be due at once and run before the
	# burst (their completions would count as repeats)
	if [[ -n "$(owner_value "SELECT to_regclass('$PEER_SCHEMA.scheduled_tasks')")" ]]; then
		peer_psql >/dev/null <<<'TRUNCATE :"schema".scheduled_tasks'
	fi
	# shellcheck disable=SC2086
	start_java "$tag-peer" "$PEER_JAR" -- $JVM_OPTS -jar "$PEER_JAR" \
		"--db-url=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "--db-user=$OWNER_ROLE" "--db-password=$OWNER_PASSWORD" \
		"--agents-url=$AGENTS_URL" "--port=$PEER_PORT" "--out=$RESULTS/$tag-completions.tsv" \
		"--threads=$PEER_THREADS" "--pool=$PEER_POOL" "--schema=$PEER_SCHEMA"
	pid="$LAST_PID"
	wait_http "$tag-peer" "http://127.0.0.1:$PEER_PORT/health" "$pid" 120
	# its table exists once it has started (it creates it when missing): empty it again
	peer_psql >/dev/null <<<'TRUNCATE :"schema".scheduled_tasks'
	say "  peer up; inserting $SCHEDULES one-time task instances"
	window_begin "$tag" "$pid"
	due=$(($(date +%s) + LEAD + 1))
	margin="$(insert_peer_instances "$due")"
	say "  due at $(date -u -d "@$due" +%H:%M:%SZ); the insert committed ${margin} ms before"
	echo -e "ms_since_due\tcompleted" >"$RESULTS/$tag-progress.tsv"
	deadline=$((due + TIMEOUT))
	while (($(date +%s) < deadline)); do
		stats="$(curl -fsS --max-time 5 "http://127.0.0.1:$PEER_PORT/stats" || true)"
		completed="$(peer_field completed <<<"$stats")"
		completed="${completed:-0}"
		echo -e "$(($(date +%s%3N) - due * 1000))\t$completed" >>"$RESULTS/$tag-progress.tsv"
		((completed >= SCHEDULES)) && break
		kill -0 "$pid" 2>/dev/null || fail "the peer (pid $pid) died during $tag (log $RESULTS/$tag-peer.log)"
		sleep 0.5
	done
	window_end
	((completed >= SCHEDULES)) || say "  WARNING: the peer completed only $completed of $SCHEDULES within ${TIMEOUT}s of the due second"
	# db-scheduler deletes a one-time instance's row right after its execution: let the last deletes land and late
	# or repeated agent calls arrive before counting.
	sleep 2
	local agents rss
	agents="$(curl -fsS "$AGENTS_URL/stats")"
	echo "$agents" >"$RESULTS/$tag-agents.txt"
	rss="$(ps -o rss= -p "$pid" | awk '{printf "%.0f", $1 / 1024}')"
	curl -fsS --max-time 30 "http://127.0.0.1:$PEER_PORT/stats" >"$RESULTS/$tag-stats.txt" || true
	curl -fsS --max-time 30 -X POST "http://127.0.0.1:$PEER_PORT/dump" >>"$RESULTS/$tag-stats.txt" ||
		fail "the peer did not dump its completions (log $RESULTS/$tag-peer.log)"
	stop_pid "$pid"
	local xacts=$(($(db_xacts) - W_XACTS_BEFORE))
	local cpu per_execution other line
	cpu="$(window_figures)"
	per_execution="$(window_per_execution "$xacts")"
	other="$(window_other_load)"
	line="$(measure_peer "$due" "$RESULTS/$tag-completions.tsv")"
	local -a m
	IFS=$'\t' read -r -a m <<<"$line"
	local runs_seen executions_seen repeats unkeyed valid=yes
	runs_seen="$(agent_field runs <<<"$agents")"
	executions_seen="$(agent_field executions <<<"$agents")"
	repeats="$(agent_field repeats <<<"$agents")"
	unkeyed="$(agent_field unkeyed <<<"$agents")"
	# m: completions distinct rows_left ...: every instance completed once, its row removed, one agent call each
	if [[ "${m[0]}" != "$SCHEDULES" || "${m[1]}" != "$SCHEDULES" || "${m[2]}" != 0 || "$runs_seen" != "$SCHEDULES" ||
		"$executions_seen" != "$SCHEDULES" || "$repeats" != 0 || "$unkeyed" != 0 ]]; then
		valid=no
		INVALID=$((INVALID + 1))
		say "  ⚠ EXACTLY-ONCE CHECK FAILED in $tag: completions=${m[0]} distinct=${m[1]} rows_left=${m[2]}; $agents"
	fi
	if ((margin <= 0)); then
		valid=no
		INVALID=$((INVALID + 1))
		say "  ⚠ the insert committed after the due second: the round's timings are not measurements (raise --lead)"
	fi
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$valid" "$SCHEDULES" "$line" \
		"$runs_seen" "$executions_seen" "$repeats" "${rss:-?}" "$margin" "$load1" "$cpu" "$xacts" "$per_execution" \
		"$other" >>"$PEER_METRICS"
	say "  peer: started all by +${m[4]} ms, completed all by +${m[5]} ms, lag p50/p99/max ${m[6]}/${m[8]}/${m[9]} ms, agent runs $runs_seen, RSS $rss MB, CPU busy $(cut -f2 <<<"$cpu") cores over $(cut -f1 <<<"$cpu") s (peer JVM $(cut -f3 <<<"$cpu") s, fake agents $(cut -f4 <<<"$cpu") s, bench database backends $(cut -f3 <<<"$per_execution") s; other load $other cores), $xacts DB transactions, exactly-once: $valid"
}

# ---------------------------------------------------------------- rounds: instance counts (and the peer) interleaved
for runs in "${MAX_RUNS[@]}"; do
	for ((r = 1; r <= ROUNDS; r++)); do
		for n in "${INSTANCE_COUNTS[@]}"; do
			run_round "$runs" "$n" "$r"
		done
		if [[ -n "$PEER" && "$runs" == "${MAX_RUNS[0]}" ]]; then
			run_peer_round "$r"
		fi
	done
done

# ---------------------------------------------------------------- report
IDLE_AFTER="$(cpu_idle_pct 3)"
col() { # name: the column's index (1-based) in metrics.tsv
	local i
	for i in "${!METRIC_COLUMNS[@]}"; do
		[[ "${METRIC_COLUMNS[i]}" == "$1" ]] && { echo $((i + 1)); return; }
	done
	fail "no column $1"
}
values() { # max_runs instances column
	awk -F'\t' -v r="$1" -v n="$2" -v c="$(col "$3")" 'NR > 1 && $1 == r && $2 == n && $c != "" {print $c}' "$METRICS"
}
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
per_instance() { tr ',' '\n' | grep -E '^[0-9]+$' || true; }
fmt() { awk -v v="$1" -v f="$2" 'BEGIN {if (v == "") print "n/a"; else printf f, v}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b}'; }
BASE_N="${INSTANCE_COUNTS[0]}"

peer_col() { # name: the column's index (1-based) in peer-metrics.tsv
	local i
	for i in "${!PEER_COLUMNS[@]}"; do
		[[ "${PEER_COLUMNS[i]}" == "$1" ]] && { echo $((i + 1)); return; }
	done
	fail "no peer column $1"
}
peer_values() { # column
	awk -F'\t' -v c="$(peer_col "$1")" 'NR > 1 && $c != "" {print $c}' "$PEER_METRICS"
}
# Per round, ours (first max runs, first instance count) ÷ the peer's executions/s: peer all completed ÷ ours.
round_ratios() {
	awk -F'\t' -v r="${MAX_RUNS[0]}" -v n="$BASE_N" -v oc="$(col all_completed_ms)" -v pc="$(peer_col all_completed_ms)" \
		-v orc="$(col round)" -v prc="$(peer_col round)" '
		FNR == 1 {file++; next}
		file == 1 && $1 == r && $2 == n {ours[$orc] = $oc}
		file == 2 {peer[$prc] = $pc}
		END {for (k in ours) if ((k in peer) && ours[k] > 0) printf "%.3f\n", peer[k] / ours[k]}' "$METRICS" "$PEER_METRICS"
}
# peer_report: the side-by-side table of ours and the peer (medians over the rounds), the issue's targets, and the
# peer's rounds.
peer_report() {
	local runs0="${MAX_RUNS[0]}" spec label column scale o p ratios
	echo
	echo "### Same run: TempoNest scheduler (N=$BASE_N, max runs $runs0) and db-scheduler 16.12.0 (lock-and-fetch, $PEER_THREADS threads, pool $PEER_POOL)"
	echo
	echo "Each round ran ours, then the peer, on the same database and fake; every figure is the median over the $ROUNDS round(s)."
	echo
	echo "| median over $ROUNDS rounds | TempoNest | db-scheduler | TempoNest ÷ db-scheduler |"
	echo "|---|---:|---:|---:|"
	o="$(values "$runs0" "$BASE_N" all_completed_ms | median)"
	p="$(peer_values all_completed_ms | median)"
	ratios="$(round_ratios | sort -g)"
	printf '| executions/s (%s ÷ all completed) | %s | %s | %s (per round %s–%s) |\n' "$SCHEDULES" \
		"$(awk -v v="$o" -v s="$SCHEDULES" 'BEGIN {if (v > 0) printf "%.0f", s * 1000 / v; else print "n/a"}')" \
		"$(awk -v v="$p" -v s="$SCHEDULES" 'BEGIN {if (v > 0) printf "%.0f", s * 1000 / v; else print "n/a"}')" \
		"$(ratio "$p" "$o")" "$(fmt "$(head -n 1 <<<"$ratios")" %.2f)" "$(fmt "$(tail -n 1 <<<"$ratios")" %.2f)"
	for spec in "all completed (s):all_completed_ms:all_completed_ms:1000" \
		"all started (s):all_started_ms:all_started_ms:1000" "first started (s):first_started_ms:first_started_ms:1000" \
		"lag p50 (s):lag_p50_ms:lag_p50_ms:1000" "lag p90 (s):lag_p90_ms:lag_p90_ms:1000" \
		"lag p99 (s):lag_p99_ms:lag_p99_ms:1000" "lag max (s):lag_max_ms:lag_max_ms:1000" \
		"JVM CPU per execution (ms; fresh JVM, JIT and GC included):scheduler_cpu_ms_per_execution:peer_cpu_ms_per_execution:1" \
		"PostgreSQL backend CPU per execution (ms):pg_cpu_ms_per_execution:pg_cpu_ms_per_execution:1" \
		"DB transactions per execution:db_xacts_per_execution:db_xacts_per_execution:1" \
		"CPU busy from the insert to the last completion (cores):machine_busy_cores:machine_busy_cores:1" \
		"… of which not the bench's processes (other load, cores):other_load_cores:other_load_cores:1"; do
		IFS=: read -r label column pcolumn scale <<<"$spec"
		o="$(values "$runs0" "$BASE_N" "$column" | median)"
		p="$(peer_values "$pcolumn" | median)"
		printf '| %s | %s | %s | %s |\n' "$label" \
			"$(fmt "$(awk -v v="$o" -v s="$scale" 'BEGIN {if (v != "") print v / s}')" %.2f)" \
			"$(fmt "$(awk -v v="$p" -v s="$scale" 'BEGIN {if (v != "") print v / s}')" %.2f)" "$(ratio "$o" "$p")"
	done
	printf '| RSS at the end (MB) | %s | %s | |\n' \
		"$(fmt "$(values "$runs0" "$BASE_N" rss_mb_per_instance | per_instance | median)" %.0f)" \
		"$(fmt "$(peer_values rss_mb | median)" %.0f)"
	printf '| exactly-once (rounds passing) | %s/%s | %s/%s | |\n' \
		"$(values "$runs0" "$BASE_N" valid | grep -c '^yes$' || true)" "$(values "$runs0" "$BASE_N" valid | wc -l)" \
		"$(peer_values valid | grep -c '^yes$' || true)" "$(peer_values valid | wc -l)"
	echo
	echo "| target (issue 9) | value | met |"
	echo "|---|---:|---|"
	o="$(values "$runs0" "$BASE_N" all_completed_ms | median)"
	p="$(peer_values all_completed_ms | median)"
	printf '| executions/s ≥ 1.0 × db-scheduler in the same run | %s | %s |\n' "$(ratio "$p" "$o")" \
		"$(awk -v a="$p" -v b="$o" 'BEGIN {print (b > 0 && a / b >= 1.0) ? "yes" : "no"}')"
	o="$(values "$runs0" "$BASE_N" pg_cpu_ms_per_execution | median)"
	printf '| PostgreSQL CPU per execution ≤ 0.40 ms | %s ms | %s |\n' "$(fmt "$o" %.2f)" \
		"$(awk -v a="$o" 'BEGIN {print (a != "" && a <= 0.40) ? "yes" : "no"}')"
	o="$(values "$runs0" "$BASE_N" lag_p99_ms | median)"
	p="$(peer_values lag_p99_ms | median)"
	printf '| lag p99 ≤ db-scheduler'"'"'s | %s s vs %s s | %s |\n' "$(fmt "$(awk -v v="$o" 'BEGIN {if (v != "") print v / 1000}')" %.2f)" \
		"$(fmt "$(awk -v v="$p" 'BEGIN {if (v != "") print v / 1000}')" %.2f)" \
		"$(awk -v a="$o" -v b="$p" 'BEGIN {print (a != "" && b != "" && a <= b) ? "yes" : "no"}')"
	echo
	echo "Peer rounds:"
	echo
	echo "| round | started all (s) | completed all (s) | first started (s) | lag p50 / p90 / p99 / max (s) | completions (distinct, rows left) | agent calls (repeats) | RSS MB | CPU busy (cores) | peer / PostgreSQL / fake agents CPU (s) | other load (cores) | DB xacts per execution | load1 | exactly-once |"
	echo "|---:|---:|---:|---:|---|---|---:|---:|---:|---|---:|---:|---:|---|"
	awk -F'\t' 'NR > 1 {
		printf "| %s | %.2f | %.2f | %.2f | %.2f / %.2f / %.2f / %.2f | %s (%s, %s) | %s (%s) | %s | %s | %s / %s / %s | %s | %s | %s | %s |\n",
			$1, $8 / 1000, $9 / 1000, $7 / 1000, $10 / 1000, $11 / 1000, $12 / 1000, $13 / 1000, $4, $5, $6, $14, $16,
			$17, $21, $22, $27, $23, $29, $26, $19, ($2 == "yes") ? "yes" : "**NO**"
	}' "$PEER_METRICS"
}

{
	echo "# TempoNest scheduler benchmark — $STAMP"
	echo
	echo "- Machine: $(nproc) cores (nproc), CPU ${CPU_MODEL:-unknown}, JDK $JDK_DESC, PostgreSQL $PG_VERSION; load average at start $LOAD_AT_START; CPU idle before the first instance started ${IDLE_BEFORE}%, after the last round ${IDLE_AFTER}% (well below 90% means another workload shared the cores)"
	echo "- Scenario: $SCHEDULES interval schedules (3600 s, agent \`bench\`, max_retries 0, $TENANTS tenants) inserted as the owner role, all due at the same whole second ≥ ${LEAD} s after the insert; every instance a fresh JVM (JVM options: ${JVM_OPTS:-the defaults}) on the same database \`$DB_NAME\`; fake agents service answering at once${AGENT_DELAY_MS:+ (delay ${AGENT_DELAY_MS} ms)}; scheduler defaults (poll interval 1 s, batch 500) unless set here: ${EXTRA_ENV[*]:-none}"
	echo "- $ROUNDS round(s) per configuration, instance counts interleaved; each figure is the median over the rounds (times since the due second; lag = started_at − scheduled_for per execution, percentiles over all $SCHEDULES in SQL)"
	echo "- Raw outputs: \`bench/results/$STAMP/\`"
	for runs in "${MAX_RUNS[@]}"; do
		echo
		echo "### SCHEDULER_MAX_CONCURRENT_RUNS=$runs"
		echo
		printf '| median over %s rounds |' "$ROUNDS"
		for n in "${INSTANCE_COUNTS[@]}"; do printf ' N=%s |' "$n"; done
		for n in "${INSTANCE_COUNTS[@]:1}"; do printf ' N=%s ÷ N=%s |' "$n" "$BASE_N"; done
		echo
		printf '|---|'
		for _ in "${INSTANCE_COUNTS[@]}" "${INSTANCE_COUNTS[@]:1}"; do printf -- '---:|'; done
		echo
		for spec in "all started (s):all_started_ms:1000" "all completed (s):all_completed_ms:1000" \
			"first started (s):first_started_ms:1000" "all occurrences opened (s):all_opened_ms:1000" \
			"lag p50 (s):lag_p50_ms:1000" "lag p90 (s):lag_p90_ms:1000" "lag p99 (s):lag_p99_ms:1000" \
			"lag max (s):lag_max_ms:1000" "CPU busy from the insert to the last completion (cores):machine_busy_cores:1" \
			"… of which not the bench's processes (other load, cores):other_load_cores:1" \
			"scheduler JVM CPU per execution (ms, all instances):scheduler_cpu_ms_per_execution:1" \
			"PostgreSQL backend CPU per execution (ms):pg_cpu_ms_per_execution:1" \
			"DB transactions per execution:db_xacts_per_execution:1" \
			"agent call, mean (ms; the fake answers at once):agent_call_mean_ms:1" \
			"waiting for a pooled DB connection, mean (ms):connection_wait_mean_ms:1" \
			"holding a DB connection, mean (ms):connection_use_mean_ms:1"; do
			IFS=: read -r label column scale <<<"$spec"
			base="$(values "$runs" "$BASE_N" "$column" | median)"
			printf '| %s |' "$label"
			for n in "${INSTANCE_COUNTS[@]}"; do
				v="$(values "$runs" "$n" "$column" | median)"
				printf ' %s |' "$(fmt "$(awk -v v="$v" -v s="$scale" 'BEGIN {if (v != "") print v / s}')" %.2f)"
			done
			for n in "${INSTANCE_COUNTS[@]:1}"; do
				printf ' %s |' "$(ratio "$(values "$runs" "$n" "$column" | median)" "$base")"
			done
			echo
		done
		printf '| executions/s (%s ÷ all completed) |' "$SCHEDULES"
		base="$(values "$runs" "$BASE_N" all_completed_ms | median)"
		for n in "${INSTANCE_COUNTS[@]}"; do
			v="$(values "$runs" "$n" all_completed_ms | median)"
			printf ' %s |' "$(awk -v v="$v" -v s="$SCHEDULES" 'BEGIN {if (v > 0) printf "%.0f", s * 1000 / v; else print "n/a"}')"
		done
		for n in "${INSTANCE_COUNTS[@]:1}"; do
			printf ' %s |' "$(ratio "$base" "$(values "$runs" "$n" all_completed_ms | median)")"
		done
		echo
		printf '| RSS per instance at the end (MB) |'
		for n in "${INSTANCE_COUNTS[@]}"; do
			printf ' %s |' "$(fmt "$(values "$runs" "$n" rss_mb_per_instance | per_instance | median)" %.0f)"
		done
		for _ in "${INSTANCE_COUNTS[@]:1}"; do printf ' |'; done
		echo
		printf '| exactly-once (rounds passing) |'
		for n in "${INSTANCE_COUNTS[@]}"; do
			printf ' %s/%s |' "$(values "$runs" "$n" valid | grep -c '^yes$' || true)" "$(values "$runs" "$n" valid | wc -l)"
		done
		for _ in "${INSTANCE_COUNTS[@]:1}"; do printf ' |'; done
		echo
	done
	if [[ -n "$PEER" ]]; then peer_report; fi
	echo
	echo "### Per round"
	echo
	echo "| max runs | N | round | started all (s) | completed all (s) | first started (s) | opened all (s) | lag p50 / p90 / p99 / max (s) | executions | agent calls (repeats) | runs per instance | RSS MB | CPU busy (cores) | scheduler / PostgreSQL / fake agents CPU (s) | other load (cores) | DB xacts per execution | agent call / connection wait / connection hold, mean (ms) | load1 | exactly-once |"
	echo "|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|---|---:|---|---:|---:|---|---:|---|"
	awk -F'\t' 'NR > 1 {
		printf "| %s | %s | %s | %.2f | %.2f | %.2f | %.2f | %.2f / %.2f / %.2f / %.2f | %s | %s (%s) | %s | %s | %s | %s / %s / %s | %s | %s | %s / %s / %s | %s | %s |\n",
			$1, $2, $3, $13 / 1000, $14 / 1000, $11 / 1000, $12 / 1000, $15 / 1000, $16 / 1000, $17 / 1000, $18 / 1000,
			$6, $19, $21, $22, $23, $27, $28, $33, $29, $38, $32, $35, $36, $37, $25, ($4 == "yes") ? "yes" : "**NO**"
	}' "$METRICS"
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"

if ((INVALID > 0)); then
	say "WARNING: $INVALID round(s) failed the exactly-once check or were not measured (see the ⚠ lines above and $RESULTS)"
	exit 3
fi
say "done: $RESULTS"
