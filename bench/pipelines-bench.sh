#!/usr/bin/env bash
# Pipelines benchmark (issue 15, "Tests and bench"): N project pipelines (default 200) started together on the
# workers service against fake agents must all reach their approval; then every approval is approved by two managers
# and every pipeline must complete. As real processes: a fake Ollama (bench/llm-fake), the auth, agents, workers and
# approval services (dev profiles), the workers' in-memory Temporal test server, on a database of the run's own on the
# machine's PostgreSQL and a Redis key prefix of its own. Reports the time of both phases, the decision calls' latency
# (p50/p95/p99; issue 15's target: p99 < 50 ms, reported, not judged), the resident memory of the approval and workers
# processes after each phase, and the counts. Exit 1 when a pipeline did not complete or a call failed. Raw outputs in
# bench/results/<timestamp>-pipelines/. See bench/README.md "Pipelines benchmark".
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/pipelines-bench.sh [options]

  --pipelines N           pipelines started together (default 200)
  --start-concurrency C   POST /api/workflows/pipelines calls in flight at once (default 32)
  --decide-concurrency C  approvals decided at once, each by manager A then manager B (default 16)
  --warmup N              pipelines taken through both phases first, not measured: the JVMs' warm-up (default: as
                          many as --pipelines, so that the decision and signal paths have run as often as they are
                          measured and the JIT has compiled them; 0: none, the figures then include the services'
                          first calls; the warm-up round's decision latency is reported too)
  --timeout S             how long each phase may take to reach its end state (default 600)
  --skip-build            use the jars already built (services/{auth,agents,workers,approval}/target/*-service.jar,
                          bench/llm-fake/target/llm-fake.jar)
  --keep-db               do not drop the run's database at exit (to look at it afterwards)
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_JVM_OPTS (JVM
options of the services; default @docker/jvm.options -XX:MaxRAM=512m: the heap the compose limit of 512 MB gives),
BENCH_PSQL_URL (postgresql://postgres@127.0.0.1:5432/postgres: the superuser, to create and drop the run's database),
BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT (5432), BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (default: the dev
profile's), BENCH_REDIS_HOST/BENCH_REDIS_PORT (127.0.0.1:6379; keys under a prefix unique to the run, deleted at exit).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
ARGS_GIVEN="$*"

PIPELINES=200
START_CONCURRENCY=32
DECIDE_CONCURRENCY=16
TIMEOUT=600
WARMUP=
SKIP_BUILD=false
KEEP_DB=false
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=512m}"
# The fake provider: a small, lean JVM of its own, not the services' options.
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"
MODEL="pipelines-bench-model"
PASSWORD="PipelinesBenchPassword123"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--pipelines) PIPELINES="$2"; shift ;;
	--start-concurrency) START_CONCURRENCY="$2"; shift ;;
	--decide-concurrency) DECIDE_CONCURRENCY="$2"; shift ;;
	--timeout) TIMEOUT="$2"; shift ;;
	--warmup) WARMUP="$2"; shift ;;
	--skip-build) SKIP_BUILD=true ;;
	--keep-db) KEEP_DB=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
for n in "$PIPELINES" "$START_CONCURRENCY" "$DECIDE_CONCURRENCY" "$TIMEOUT"; do
	if ! [[ "$n" =~ ^[0-9]+$ ]] || ((n < 1)); then
		echo "Not a whole number >= 1: $n" >&2
		exit 64
	fi
done
WARMUP="${WARMUP:-$PIPELINES}"
[[ "$WARMUP" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $WARMUP" >&2; exit 64; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-pipelines"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }
# say/fail, the processes started (stopped by pid on exit), start_java, wait_http, pick_port, the database set-up.
LIB_SAY_UP=true
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
# PSQL_URL, DB_HOST, DB_PORT, OWNER_ROLE, APP_ROLE, OWNER_PASSWORD, APP_PASSWORD from the BENCH_* environment.
db_settings
WALL_START=$SECONDS

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss jq psql xargs awk sort

AUTH_JAR="$ROOT/services/auth/target/auth-service.jar"
AGENTS_JAR="$ROOT/services/agents/target/agents-service.jar"
WORKERS_JAR="$ROOT/services/workers/target/workers-service.jar"
APPROVAL_JAR="$ROOT/services/approval/target/approval-service.jar"
FAKE_JAR="$BENCH/llm-fake/target/llm-fake.jar"

if ! $SKIP_BUILD; then
	mvnw_build "the services" "the services do not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/auth,services/agents,services/workers,services/approval -am
	mvnw_build "the fake provider" "bench/llm-fake does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl llm-fake
fi
for jar in "$AUTH_JAR" "$AGENTS_JAR" "$WORKERS_JAR" "$APPROVAL_JAR" "$FAKE_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

machine_facts
write_machine_txt "$STAMP" "$ARGS_GIVEN" "jvm options: $JVM_OPTS" \
	"postgresql: $(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"

# ---------------------------------------------------------------- database: the platform's roles, a database of the run
DB_NAME="temponest_pipelines_${STAMP,,}_$$"
db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD"
if $KEEP_DB; then
	at_exit say "kept the database $DB_NAME '(--keep-db)'"
else
	at_exit db_drop "$DB_NAME"
fi
db_create "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE" "$($KEEP_DB || echo ' (dropped at exit)')"
# The agents service's migrations need pgvector (its knowledge-base tables).
db_vector "$DB_NAME"

# ---------------------------------------------------------------- shared Redis, keys under this run's prefix
REDIS_PREFIX="pipelines-bench-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: fake provider, auth, agents, workers, approval
pick_port LLM_PORT
pick_port AUTH_PORT
pick_port AGENTS_PORT
pick_port WORKERS_PORT
pick_port APPROVAL_PORT
pick_port TEMPORAL_PORT
LLM_URL="http://127.0.0.1:$LLM_PORT"
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
WORKERS_URL="http://127.0.0.1:$WORKERS_PORT"
APPROVAL_URL="http://127.0.0.1:$APPROVAL_PORT"
TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"

# The fake answers at once: one whole answer, which holds no plan, so each pipeline goes straight from the overseer
# to its deployment approval (high risk, two approvers).
# shellcheck disable=SC2086
start_java llm-fake "$FAKE_JAR" -- $TOOL_JVM_OPTS -jar "$FAKE_JAR" --port "$LLM_PORT" --delay-ms 0 --chunks 1 \
	--chunk-gap-ms 0
FAKE_PID="$LAST_PID"

# Every service in the dev profile (whose token-exchange client secrets the auth, workers and approval profiles
# share), on the run's database and Redis prefix, without rate limits: one owner starts every pipeline, and the
# agents service allows a user 20 overseer runs a minute.
COMMON_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX" "AUTH_SERVICE_URL=$AUTH_URL" "EVENTS_PUBLISH_URL=$AGENTS_URL/internal/events")
COMMON_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO --platform.ratelimit.enabled=false)
# Auth: a signing key generated for this run (no file in the home directory).
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${COMMON_ENV[@]}" -- $JVM_OPTS -jar "$AUTH_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$AUTH_PORT" --temponest.auth.jwt.dev-key-location=
AUTH_PID="$LAST_PID"
# shellcheck disable=SC2086
start_java agents-service "$AGENTS_JAR" "${COMMON_ENV[@]}" "OLLAMA_BASE_URL=$LLM_URL" "LLM_DEFAULT_PROVIDER=ollama" \
	"LLM_DEFAULT_MODEL=$MODEL" -- $JVM_OPTS -jar "$AGENTS_JAR" "${COMMON_ARGS[@]}" "--server.port=$AGENTS_PORT"
AGENTS_PID="$LAST_PID"
# Workers first: nothing answers at TEMPORAL_ADDRESS, so its dev profile starts Temporal's in-memory Java test server
# there, in the workers' process (not a production Temporal; its memory counts in the workers' RSS).
# shellcheck disable=SC2086
start_java workers-service "$WORKERS_JAR" "${COMMON_ENV[@]}" "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS" \
	"AGENTS_URL=$AGENTS_URL" "APPROVAL_URL=$APPROVAL_URL" -- $JVM_OPTS -jar "$WORKERS_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$WORKERS_PORT"
WORKERS_PID="$LAST_PID"

wait_log llm-fake "$FAKE_PID" "FAKE-LLM listening" "the fake provider"
wait_http workers-service "$WORKERS_URL/actuator/health/readiness" "$WORKERS_PID" 240
# Approval once the Temporal server answers (its signals would retry until it does).
# shellcheck disable=SC2086
start_java approval-service "$APPROVAL_JAR" "${COMMON_ENV[@]}" "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS" -- \
	$JVM_OPTS -jar "$APPROVAL_JAR" "${COMMON_ARGS[@]}" "--server.port=$APPROVAL_PORT"
APPROVAL_PID="$LAST_PID"
wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 240
wait_http approval-service "$APPROVAL_URL/actuator/health/readiness" "$APPROVAL_PID" 240
STARTED_AT=$SECONDS
say "started llm-fake, auth, agents, workers (Temporal test server at $TEMPORAL_ADDRESS) and approval ($((STARTED_AT - WALL_START)) s; database $DB_NAME)"

# ---------------------------------------------------------------- measurements
# rss NAME PID: "NAME rss_mb=… hwm_mb=…" from /proc/PID/status (VmRSS, VmHWM).
rss() {
	awk -v n="$1" '/^VmRSS:/ {r = $2} /^VmHWM:/ {h = $2} END {printf "%s rss_mb=%.0f hwm_mb=%.0f", n, r / 1024, h / 1024}' \
		"/proc/$2/status" 2>/dev/null || echo "$1 gone"
}
MEMORY=()
# memory PHASE: the approval and workers processes' RSS now, kept for the report.
memory() {
	local line
	for line in "$(rss approval "$APPROVAL_PID")" "$(rss workers "$WORKERS_PID")"; do
		MEMORY+=("$1 $line")
		say "memory after $1: $line"
	done
}

# ---------------------------------------------------------------- HTTP helpers (call, expect, field: lib.sh)

# register NAME EMAIL [EXTRA-JSON-MEMBERS]: registers and logs in; the bearer header in RESULTS/NAME.headers (for
# curl -H @file: tokens stay off the command lines), TENANT_ID set.
register() {
	local name="$1" email="$2" extra="${3:-}"
	call "register-$name" POST "$AUTH_URL/auth/register" "" \
		"{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"full_name\":\"Pipelines Bench $name\"$extra}"
	expect "POST /auth/register ($name)" 201
	TENANT_ID="$(field .tenant_id)"
	call "login-$name" POST "$AUTH_URL/auth/login" "" "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}"
	expect "POST /auth/login ($name)" 200
	[[ -n "$TENANT_ID" && -n "$(field .access_token)" ]] || fail "no tenant id or token for $name"
	(umask 077 && echo "Authorization: Bearer $(field .access_token)" >"$RESULTS/$name.headers")
}

# ---------------------------------------------------------------- users: the owner (requester), two managers
EMAIL_BASE="pipelines-$STAMP-$$"
EMAIL_BASE="${EMAIL_BASE,,}"
register owner "$EMAIL_BASE-owner@example.com"
TENANT="$TENANT_ID"
for manager in manager-a manager-b; do
	call "invite-$manager" POST "$AUTH_URL/tenants/$TENANT/invitations" "$RESULTS/owner.headers" \
		"{\"email\":\"$EMAIL_BASE-$manager@example.com\",\"roles\":[\"manager\"]}"
	expect "POST /tenants/{id}/invitations ($manager)" 201
	register "$manager" "$EMAIL_BASE-$manager@example.com" \
		",\"tenant_id\":\"$TENANT\",\"invitation_token\":\"$(field .invitation_token)\""
	[[ "$TENANT_ID" == "$TENANT" ]] || fail "$manager joined tenant $TENANT_ID, not $TENANT"
done
say "the owner of tenant $TENANT starts the pipelines; manager-a and manager-b approve"
memory idle

# pending_total: how many approval requests of the tenant are pending (the approval service's count).
pending_total() {
	call pending GET "$APPROVAL_URL/api/approvals?status=pending&page=1&page_size=1" "$RESULTS/owner.headers"
	[[ "$CODE" == 200 ]] && field .total || echo -1
}
# workflow_counts DIR: "STATUS COUNT" lines of the pipelines listed in DIR/ids.txt (every page of GET /api/workflows,
# kept in DIR/workflows.tsv).
workflow_counts() {
	local dir="$1" cursor="" query
	: >"$dir/workflows.tsv"
	while :; do
		query="limit=100${cursor:+&cursor=$cursor}"
		call workflows GET "$WORKERS_URL/api/workflows?$query" "$RESULTS/owner.headers"
		[[ "$CODE" == 200 ]] || { echo "http_$CODE 1"; return 0; }
		jq -r '.workflows[] | [.workflow_id, .status, (.reason // "")] | @tsv' <<<"$BODY" >>"$dir/workflows.tsv"
		cursor="$(jq -r '.next_cursor // empty | @uri' <<<"$BODY")"
		[[ -n "$cursor" ]] || break
	done
	awk -F'\t' 'NR == FNR {ids[$1]; next} ($1 in ids) {print $2}' "$dir/ids.txt" "$dir/workflows.tsv" | sort | uniq -c |
		awk '{print $2, $1}'
}

# ---------------------------------------------------------------- a round: start, wait, approve, wait
# decide_all APPROVER IDS OUT: APPROVER approves every approval id in the file IDS, DECIDE_CONCURRENCY at once, from
# one curl process that keeps its connections (a client's session; a curl per call would spend the two cores on
# process starts during the very seconds it measures); appends one "id approver status seconds" line per call to OUT.
decide_all() {
	local approver="$1" ids="$2" out="$3" config="$RESULTS/$1.curl"
	awk -v base="$APPROVAL_URL" '{printf "url = \"%s/api/approvals/%s/approve\"\noutput = \"/dev/null\"\n", base, $1}' \
		"$ids" >"$config"
	curl -sS --parallel --parallel-immediate --parallel-max "$DECIDE_CONCURRENCY" --max-time 30 -X POST \
		-H "@$RESULTS/$approver.headers" -H 'Content-Type: application/json' -d '{"reason":"pipelines bench"}' \
		-w "%{url} $approver %{http_code} %{time_total}\n" -K "$config" 2>>"$RESULTS/curl.log" |
		sed -E 's#^.*/api/approvals/([^/]+)/approve #\1 #' >>"$out" || true
}
# cpu_snapshot: "name ticks" of each process of the run, now (cpu_ticks, postgres_ticks: lib.sh).
cpu_snapshot() {
	echo "approval $(cpu_ticks "$APPROVAL_PID")"
	echo "workers $(cpu_ticks "$WORKERS_PID")"
	echo "agents $(cpu_ticks "$AGENTS_PID")"
	echo "auth $(cpu_ticks "$AUTH_PID")"
	echo "llm-fake $(cpu_ticks "$FAKE_PID")"
	echo "postgres $(postgres_ticks)"
}

# round TAG COUNT: phase 1 and phase 2 with COUNT pipelines, raw outputs in RESULTS/TAG/; the figures in the globals
# the report reads (the last round's). Only the round's own pipelines and approvals are counted (a warm-up round ran
# before in the same tenant).
round() {
	local tag="$1" count="$2" dir="$RESULTS/$1" base deadline next_look skip
	mkdir -p "$dir/start"
	# ---- phase 1: start COUNT pipelines together
	say "$tag phase 1: starting $count pipelines, $START_CONCURRENCY calls at once"
	base="$(pending_total)"
	PHASE1_START="$(now_ms)"
	seq 1 "$count" | xargs -P "$START_CONCURRENCY" -I{} curl -sS -o "$dir/start/{}.json" \
		-w '{} %{http_code} %{time_total}\n' --max-time 60 -H "@$RESULTS/owner.headers" -H 'Content-Type: application/json' \
		-d "{\"goal\":\"Pipelines bench $STAMP: $tag project {}\",\"context\":{\"bench\":\"pipelines\",\"index\":{}},\"idempotency_key\":\"pipelines-bench-$STAMP-$tag-{}\"}" \
		"$WORKERS_URL/api/workflows/pipelines" >"$dir/start.tsv" 2>>"$RESULTS/curl.log" || true
	STARTS_SENT_MS=$(($(now_ms) - PHASE1_START))
	cat "$dir"/start/*.json 2>/dev/null | jq -r '.workflow_id // empty' 2>/dev/null | sort -u >"$dir/ids.txt" || true
	STARTED="$(awk '$2 == 201' "$dir/start.tsv" | wc -l)"
	START_STATUSES="$(statuses "$dir/start.tsv" 2)"
	START_LATENCY="$(percentiles "$dir/start.tsv" 3)"
	say "  $STARTED of $count started in $STARTS_SENT_MS ms (statuses $START_STATUSES; start calls $START_LATENCY)"

	# Until every started pipeline waits for its approval (the approval service's pending count, less those pending
	# before), or has ended before it (looked at every 2 s: a failed overseer call ends a pipeline).
	deadline=$((SECONDS + TIMEOUT))
	PENDING=0
	EARLY=0
	next_look=$((SECONDS + 2))
	while ((SECONDS < deadline)); do
		PENDING=$(($(pending_total) - base))
		((PENDING >= STARTED)) && break
		if ((SECONDS >= next_look)); then
			EARLY="$(workflow_counts "$dir" | awk '$1 != "running" {n += $2} END {print n + 0}')"
			((PENDING + EARLY >= STARTED)) && break
			next_look=$((SECONDS + 2))
		fi
		sleep 0.25
	done
	PHASE1_MS=$(($(now_ms) - PHASE1_START))
	say "  $PENDING approvals pending after $PHASE1_MS ms ($EARLY pipelines ended before)"
	[[ "$tag" == warmup ]] || memory phase-1

	# The round's pending approvals: ids and workflows (skip/limit pages of 100).
	: >"$dir/pending.tsv"
	skip=0
	while :; do
		call approvals GET "$APPROVAL_URL/api/approvals?status=pending&skip=$skip&limit=100" "$RESULTS/owner.headers"
		expect "GET /api/approvals?status=pending" 200
		[[ "$(jq length <<<"$BODY")" -gt 0 ]] || break
		jq -r '.[] | [.id, .workflow_id, .risk_level, .required_approvers] | @tsv' <<<"$BODY" >>"$dir/pending.tsv"
		skip=$((skip + 100))
	done
	awk -F'\t' 'NR == FNR {ids[$1]; next} ($2 in ids)' "$dir/ids.txt" "$dir/pending.tsv" >"$dir/approvals.tsv"
	APPROVALS="$(wc -l <"$dir/approvals.tsv")"
	REACHED="$(cut -f2 "$dir/approvals.tsv" | sort -u | wc -l)"
	say "  $REACHED pipelines wait for an approval ($APPROVALS pending; risk/approvers: $(cut -f3,4 "$dir/approvals.tsv" | sort | uniq -c | awk '{printf "%s×%s/%s ", $1, $2, $3}'))"

	# ---- phase 2: two managers approve every approval
	say "$tag phase 2: approving $APPROVALS approvals (manager A all, then manager B all), $DECIDE_CONCURRENCY at once"
	cut -f1 "$dir/approvals.tsv" >"$dir/approval-ids.txt"
	: >"$dir/decisions.tsv"
	cpu_snapshot >"$dir/cpu-before.txt"
	PHASE2_START="$(now_ms)"
	decide_all manager-a "$dir/approval-ids.txt" "$dir/decisions.tsv"
	FIRST_SENT_MS=$(($(now_ms) - PHASE2_START))
	cpu_snapshot >"$dir/cpu-first.txt"
	decide_all manager-b "$dir/approval-ids.txt" "$dir/decisions.tsv"
	DECISIONS_SENT_MS=$(($(now_ms) - PHASE2_START))
	cpu_snapshot >"$dir/cpu-decided.txt"
	CPU_FIRST="$(cpu_used "$dir/cpu-before.txt" "$dir/cpu-first.txt")"
	CPU_SECOND="$(cpu_used "$dir/cpu-first.txt" "$dir/cpu-decided.txt")"
	DECISION_STATUSES="$(statuses "$dir/decisions.tsv" 3)"
	DECISION_LATENCY="$(percentiles "$dir/decisions.tsv" 4)"
	awk '$2 == "manager-a"' "$dir/decisions.tsv" >"$dir/decisions-first.tsv"
	awk '$2 == "manager-b"' "$dir/decisions.tsv" >"$dir/decisions-second.tsv"
	FIRST_LATENCY="$(percentiles "$dir/decisions-first.tsv" 4)"
	FIRST_STATUSES="$(statuses "$dir/decisions-first.tsv" 3)"
	SECOND_LATENCY="$(percentiles "$dir/decisions-second.tsv" 4)"
	SECOND_STATUSES="$(statuses "$dir/decisions-second.tsv" 3)"
	say "  decisions sent in $DECISIONS_SENT_MS ms (statuses $DECISION_STATUSES; $DECISION_LATENCY)"

	# Until every started pipeline has ended (completed, or another final status).
	deadline=$((SECONDS + TIMEOUT))
	COMPLETED=0
	ENDED=0
	while ((SECONDS < deadline)); do
		COUNTS="$(workflow_counts "$dir")"
		COMPLETED="$(awk '$1 == "completed" {n += $2} END {print n + 0}' <<<"$COUNTS")"
		ENDED="$(awk '$1 != "running" {n += $2} END {print n + 0}' <<<"$COUNTS")"
		((ENDED >= STARTED)) && break
		sleep 0.5
	done
	PHASE2_MS=$(($(now_ms) - PHASE2_START))
	cpu_snapshot >"$dir/cpu-after.txt"
	CPU_PHASE2="$(cpu_used "$dir/cpu-before.txt" "$dir/cpu-after.txt")"
	say "  $COMPLETED pipelines completed after $PHASE2_MS ms (statuses: $(tr '\n' ' ' <<<"$COUNTS"))"
	say "  CPU seconds: first approvals ($FIRST_SENT_MS ms) $CPU_FIRST; second approvals $CPU_SECOND; whole phase $CPU_PHASE2"
	[[ "$tag" == warmup ]] || memory phase-2
	BAD_DECISIONS="$(awk '$3 != 200' "$dir/decisions.tsv" | wc -l)"
}

if ((WARMUP > 0)); then
	round warmup "$WARMUP"
	WARMUP_DECISION_LATENCY="$DECISION_LATENCY"
	((COMPLETED == WARMUP && BAD_DECISIONS == 0)) ||
		say "WARNING: warm-up: $COMPLETED of $WARMUP completed, $BAD_DECISIONS decision calls failed (see $RESULTS/warmup)"
	memory warm-up
fi
round run "$PIPELINES"
call approved GET "$APPROVAL_URL/api/approvals?status=approved&page=1&page_size=1" "$RESULTS/owner.headers"
APPROVED="$(field .total)"

# ---------------------------------------------------------------- report
P99="$(sed -n 's/.*p99_ms=\([0-9.]*\).*/\1/p' <<<"$DECISION_LATENCY")"
P99_VERDICT="$(awk -v p="${P99:-999999}" 'BEGIN {print (p < 50) ? "yes" : "no"}')"
PROBLEMS=()
((STARTED == PIPELINES)) || PROBLEMS+=("$((PIPELINES - STARTED)) start calls did not answer 201 ($START_STATUSES)")
((REACHED == STARTED)) || PROBLEMS+=("$((STARTED - REACHED)) started pipelines never waited for an approval")
((BAD_DECISIONS == 0)) || PROBLEMS+=("$BAD_DECISIONS decision calls did not answer 200 ($DECISION_STATUSES)")
((COMPLETED == PIPELINES)) || PROBLEMS+=("$((PIPELINES - COMPLETED)) of $PIPELINES pipelines did not complete")
{
	echo "# Pipelines benchmark $STAMP"
	echo
	echo "$PIPELINES pipelines started together ($START_CONCURRENCY calls at once) by a tenant's owner on the workers"
	echo "service (Temporal: the SDK's in-memory test server in the workers' process, not a production Temporal), against"
	echo "agents on a fake LLM that answers at once with no plan: each pipeline waits for its deployment approval (high"
	echo "risk, 2 approvers); then manager A approves each, then manager B ($DECIDE_CONCURRENCY calls at once, one curl"
	echo "process per manager on kept connections)."
	echo "Measured after a warm-up round of $WARMUP pipelines through both phases (raw outputs: warmup/, run/)."
	echo "Machine: $(nproc) cores, $CPU_MODEL, load at start $LOAD_AT_START, idle before ${IDLE_BEFORE}%; JVM options: $JVM_OPTS."
	echo
	echo "| phase | time | counts |"
	echo "|---|---|---|"
	echo "| 1. start → every pipeline waits for an approval | $PHASE1_MS ms (start calls sent in $STARTS_SENT_MS ms) | started $STARTED/$PIPELINES, waiting $REACHED, pending approvals $APPROVALS |"
	echo "| 2. approve all → every pipeline ended | $PHASE2_MS ms (decisions sent in $DECISIONS_SENT_MS ms) | completed $COMPLETED, ended $ENDED, approvals approved ${APPROVED:-?} (with the warm-up's) |"
	echo
	echo "| calls | latency | HTTP statuses |"
	echo "|---|---|---|"
	echo "| POST /api/workflows/pipelines | $START_LATENCY | $START_STATUSES |"
	echo "| POST /api/approvals/{id}/approve, all | $DECISION_LATENCY | $DECISION_STATUSES |"
	echo "| … first approver (stays pending) | $FIRST_LATENCY | $FIRST_STATUSES |"
	echo "| … second approver (approves, queues the signal) | $SECOND_LATENCY | $SECOND_STATUSES |"
	echo "| the warm-up round's decisions (JIT still compiling) | ${WARMUP_DECISION_LATENCY:-no warm-up} | |"
	echo
	echo "Decision latency p99 < 50 ms (issue 15's target, not judged here): **$P99_VERDICT** (p99 ${P99:-?} ms)."
	echo
	echo "CPU seconds used by each process (2 cores: twice the wall time is all there is):"
	echo
	echo "| while | wall | CPU seconds |"
	echo "|---|---|---|"
	echo "| manager A's approvals | $FIRST_SENT_MS ms | $CPU_FIRST |"
	echo "| manager B's approvals | $((DECISIONS_SENT_MS - FIRST_SENT_MS)) ms | $CPU_SECOND |"
	echo "| phase 2, to every pipeline ended | $PHASE2_MS ms | $CPU_PHASE2 |"
	echo
	echo "| after | process | RSS |"
	echo "|---|---|---|"
	for line in "${MEMORY[@]}"; do
		read -r phase process values <<<"$line"
		echo "| $phase | $process | $values |"
	done
	echo
	echo "Pipelines' final statuses: $(tr '\n' ' ' <<<"$COUNTS")"
	echo
	if ((${#PROBLEMS[@]} == 0)); then
		echo "Result: every pipeline completed, no call failed."
	else
		echo "Result: FAILED"
		for line in "${PROBLEMS[@]}"; do echo "- $line"; done
	fi
} >"$RESULTS/report.md"
cat "$RESULTS/report.md"
say "results in $RESULTS; $((SECONDS - WALL_START)) s in all ($((STARTED_AT - WALL_START)) s to start the services)"
((${#PROBLEMS[@]} == 0)) || exit 1
