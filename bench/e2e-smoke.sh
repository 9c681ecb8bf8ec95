#!/usr/bin/env bash
# End-to-end smoke test of the scheduler → auth (token exchange) → agents path, of the knowledge base behind the
# agents service and of a project pipeline waiting for two people (workers → Temporal ← approval), as real processes:
# a fake Ollama (bench/llm-fake), the auth, agents, scheduler, ingestion, workers and approval
# services (dev profiles) on a database of their own on the machine's PostgreSQL (with pgvector). A user's triggered
# schedule must run on the agents service on that user's behalf (one execution in the user's tenant, one cost row);
# once the creator of a schedule is deactivated, a triggered run must fail at once with the creator-refused reason and
# no retry. Then, through the agents service's /rag/* as the Python SDK calls it, a document uploaded to a collection
# must be found by a query and cited by a run of an agent that names the collection, and stay invisible to another
# tenant. One line per check (E2E ok … / E2E FAIL …), exit 1 on any failure. Raw
# outputs go to bench/results/<timestamp>-e2e/. See bench/README.md "End-to-end smoke test".
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/e2e-smoke.sh [options]

  --skip-build            use the jars already built (services/{auth,agents,scheduler,ingestion}/target/*-service.jar,
                          bench/llm-fake/target/llm-fake.jar)
  --timeout S             how long a triggered run may take to reach its final status (default 30)
  --keep-db               do not drop the run's database at exit (to look at it afterwards)
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_JVM_OPTS (JVM
options of the services; default @docker/jvm.options), BENCH_PSQL_URL (postgresql://postgres@127.0.0.1:5432/postgres:
the superuser, to create and drop the run's database and count its rows), BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT
(5432), BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (default: the dev profile's), BENCH_REDIS_HOST/BENCH_REDIS_PORT
(127.0.0.1:6379; keys under a prefix unique to the run, deleted at exit).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

SKIP_BUILD=false
KEEP_DB=false
TIMEOUT=30
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options}"
# The fake provider: a small, lean JVM of its own, not the services' options.
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx128m -XX:TieredStopAtLevel=1"
MODEL="e2e-model"
PASSWORD="E2eSmokePassword123"
REFUSED_PREFIX="The user this run acts for may not run agents any more: "

while [[ $# -gt 0 ]]; do
	case "$1" in
	--skip-build) SKIP_BUILD=true ;;
	--timeout) TIMEOUT="$2"; shift ;;
	--keep-db) KEEP_DB=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
if ! [[ "$TIMEOUT" =~ ^[0-9]+$ ]] || ((TIMEOUT < 1)); then
	echo "Not a whole number >= 1: $TIMEOUT" >&2
	exit 64
fi

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-e2e"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }
# say/fail, the processes started (stopped by pid on exit), start_java, wait_http, pick_port, at_exit.
LIB_SAY_UP=true
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
# PSQL_URL, DB_HOST, DB_PORT, OWNER_ROLE, APP_ROLE, OWNER_PASSWORD, APP_PASSWORD from the BENCH_* environment.
db_settings
WALL_START=$SECONDS

# ---------------------------------------------------------------- checks: one line each on stdout
FAILURES=0
ok() { echo "E2E ok $*" | tee -a "$RESULTS/checks.log"; }
bad() {
	echo "E2E FAIL $*" | tee -a "$RESULTS/checks.log"
	FAILURES=$((FAILURES + 1))
}
# check DESCRIPTION ACTUAL EXPECTED: ok when equal, else FAIL with both values.
check() {
	if [[ "$2" == "$3" ]]; then ok "$1"; else bad "$1 (got '$2', expected '$3')"; fi
}
# fatal DESCRIPTION: a FAIL after which the rest cannot run.
fatal() {
	bad "$*"
	fail "$*"
}

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss jq psql

AUTH_JAR="$ROOT/services/auth/target/auth-service.jar"
AGENTS_JAR="$ROOT/services/agents/target/agents-service.jar"
SCHEDULER_JAR="$ROOT/services/scheduler/target/scheduler-service.jar"
INGESTION_JAR="$ROOT/services/ingestion/target/ingestion-service.jar"
APPROVAL_JAR="$ROOT/services/approval/target/approval-service.jar"
WORKERS_JAR="$ROOT/services/workers/target/workers-service.jar"
FAKE_JAR="$BENCH/llm-fake/target/llm-fake.jar"

if ! $SKIP_BUILD; then
	mvnw_build "the services" "the services do not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/auth,services/agents,services/scheduler,services/ingestion,services/approval,services/workers -am
	mvnw_build "the fake provider" "bench/llm-fake does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl llm-fake
fi
for jar in "$AUTH_JAR" "$AGENTS_JAR" "$SCHEDULER_JAR" "$INGESTION_JAR" "$APPROVAL_JAR" "$WORKERS_JAR" "$FAKE_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done
BUILT_AT=$SECONDS

# ---------------------------------------------------------------- database: the platform's roles, a database of the run
DB_NAME="temponest_e2e_${STAMP,,}_$$"
# db_value SQL: one query as the superuser in the run's database (row-level security does not apply to it).
db_value() { printf '\\connect %s\n%s\n' "$DB_NAME" "$1" | superuser_psql -tA -F ' '; }

# The roles as the other bench scripts make them (db/init/create-roles.sql only when both are missing).
db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD"
drop_db() {
	if $KEEP_DB; then
		say "kept the database $DB_NAME (--keep-db)"
	else
		superuser_psql -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >>"$RESULTS/db-init.log" 2>&1 ||
			say "WARNING: could not drop the database $DB_NAME (see $RESULTS/db-init.log)"
	fi
}
at_exit drop_db
db_create "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE" " (dropped at exit)"
db_vector "$DB_NAME"

# ---------------------------------------------------------------- shared Redis, keys under this run's prefix
REDIS_PREFIX="e2e-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: the fake provider, auth, agents, scheduler
pick_port LLM_PORT
pick_port AUTH_PORT
pick_port AGENTS_PORT
pick_port SCHEDULER_PORT
pick_port INGESTION_PORT
pick_port APPROVAL_PORT
pick_port WORKERS_PORT
pick_port TEMPORAL_PORT
LLM_URL="http://127.0.0.1:$LLM_PORT"
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
SCHEDULER_URL="http://127.0.0.1:$SCHEDULER_PORT"
INGESTION_URL="http://127.0.0.1:$INGESTION_PORT"
APPROVAL_URL="http://127.0.0.1:$APPROVAL_PORT"
WORKERS_URL="http://127.0.0.1:$WORKERS_PORT"

# The fake answers at once: one whole answer (the developer role asks without streaming).
# shellcheck disable=SC2086
start_java llm-fake "$FAKE_JAR" -- $TOOL_JVM_OPTS -jar "$FAKE_JAR" --port "$LLM_PORT" --delay-ms 0 --chunks 1 \
	--chunk-gap-ms 0
FAKE_PID="$LAST_PID"

# Every service in the dev profile (whose token-exchange client secret the auth and scheduler profiles share), on the
# run's database and Redis prefix.
COMMON_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX" "AUTH_SERVICE_URL=$AUTH_URL")
COMMON_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO)
# Auth: a signing key generated for this run (no file in the home directory), no rate limits (register is limited to
# 3/h per address and CI may run this more often).
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${COMMON_ENV[@]}" "EVENTS_PUBLISH_URL=$AGENTS_URL/internal/events" -- \
	$JVM_OPTS -jar "$AUTH_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$AUTH_PORT" --temponest.auth.jwt.dev-key-location= --platform.ratelimit.enabled=false
AUTH_PID="$LAST_PID"
# shellcheck disable=SC2086
start_java agents-service "$AGENTS_JAR" "${COMMON_ENV[@]}" "OLLAMA_BASE_URL=$LLM_URL" "LLM_DEFAULT_PROVIDER=ollama" \
	"LLM_DEFAULT_MODEL=$MODEL" "INGESTION_SERVICE_URL=$INGESTION_URL" -- $JVM_OPTS -jar "$AGENTS_JAR" \
	"${COMMON_ARGS[@]}" "--server.port=$AGENTS_PORT"
AGENTS_PID="$LAST_PID"
# shellcheck disable=SC2086
start_java scheduler-service "$SCHEDULER_JAR" "${COMMON_ENV[@]}" "AGENT_SERVICE_URL=$AGENTS_URL" \
	"SCHEDULER_INSTANCE_ID=e2e-$$" -- $JVM_OPTS -jar "$SCHEDULER_JAR" "${COMMON_ARGS[@]}" "--server.port=$SCHEDULER_PORT"
SCHEDULER_PID="$LAST_PID"
# The knowledge base: the in-process embedding model, its files in the run's results directory, no watched folder.
# shellcheck disable=SC2086
start_java ingestion-service "$INGESTION_JAR" "${COMMON_ENV[@]}" -- $JVM_OPTS -jar "$INGESTION_JAR" \
	"${COMMON_ARGS[@]}" "--server.port=$INGESTION_PORT" "--temponest.ingestion.embedding.model-directory=$RESULTS/models"
INGESTION_PID="$LAST_PID"
# Project pipelines: the workers' dev profile starts the Temporal SDK's in-memory test server on TEMPORAL_ADDRESS (no
# Temporal answers there), which the approval service signals.
# shellcheck disable=SC2086
start_java workers-service "$WORKERS_JAR" "${COMMON_ENV[@]}" "AGENTS_URL=$AGENTS_URL" "APPROVAL_URL=$APPROVAL_URL" \
	"TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT" -- $JVM_OPTS -jar "$WORKERS_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$WORKERS_PORT"
WORKERS_PID="$LAST_PID"
# shellcheck disable=SC2086
start_java approval-service "$APPROVAL_JAR" "${COMMON_ENV[@]}" "AGENT_SERVICE_URL=$AGENTS_URL" \
	"TEMPORAL_ADDRESS=127.0.0.1:$TEMPORAL_PORT" -- $JVM_OPTS -jar "$APPROVAL_JAR" "${COMMON_ARGS[@]}" \
	"--server.port=$APPROVAL_PORT"
APPROVAL_PID="$LAST_PID"

wait_log llm-fake "$FAKE_PID" "FAKE-LLM listening" "the fake provider" fatal
wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 180
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 180
wait_http scheduler-service "$SCHEDULER_URL/actuator/health/readiness" "$SCHEDULER_PID" 180
wait_http ingestion-service "$INGESTION_URL/actuator/health" "$INGESTION_PID" 180
wait_http workers-service "$WORKERS_URL/actuator/health/readiness" "$WORKERS_PID" 180
wait_http approval-service "$APPROVAL_URL/actuator/health" "$APPROVAL_PID" 180
STARTED_AT=$SECONDS
ok "started llm-fake, auth, agents, scheduler, ingestion, workers and approval ($((STARTED_AT - BUILT_AT)) s; database $DB_NAME)"

# ---------------------------------------------------------------- HTTP helpers
CODE=""
BODY=""
# call NAME METHOD URL [TOKEN] [JSON]: the answer's status in CODE and its body in BODY (also RESULTS/NAME.json).
call() {
	local name="$1" method="$2" url="$3" token="${4:-}" data="${5:-}"
	local -a args=(-sS -o "$RESULTS/$name.json" -w '%{http_code}' --max-time 30 -X "$method" -H 'Accept: application/json')
	[[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
	[[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' -d "$data")
	CODE="$(curl "${args[@]}" "$url" 2>>"$RESULTS/curl.log")" || CODE="000"
	BODY="$(cat "$RESULTS/$name.json" 2>/dev/null || true)"
}
# expect NAME CODES...: fatal unless the last call answered one of CODES.
expect() {
	local name="$1" code
	shift
	for code in "$@"; do [[ "$CODE" == "$code" ]] && return 0; done
	fatal "$name answered $CODE, expected $*: $(head -c 400 <<<"$BODY")"
}
field() { jq -r "$1 // empty" <<<"$BODY" 2>/dev/null || true; }

# register NAME EMAIL [EXTRA-JSON-MEMBERS]: registers and logs in; sets USER_ID, TENANT_ID, TOKEN.
register() {
	local name="$1" email="$2" extra="${3:-}"
	call "register-$name" POST "$AUTH_URL/auth/register" "" \
		"{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"full_name\":\"E2E User\"$extra}"
	expect "POST /auth/register ($name)" 201
	USER_ID="$(field .id)"
	TENANT_ID="$(field .tenant_id)"
	call "login-$name" POST "$AUTH_URL/auth/login" "" "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}"
	expect "POST /auth/login ($name)" 200
	TOKEN="$(field .access_token)"
	[[ -n "$USER_ID" && -n "$TENANT_ID" && -n "$TOKEN" ]] || fatal "no user id, tenant id or token for $name"
}

# create_schedule NAME TOKEN TASK: a cron schedule of the developer role that is not due before 1 January (only the
# trigger runs it), 3 retries 1 s apart; its id in SCHEDULE_ID.
create_schedule() {
	local name="$1" token="$2" task="$3"
	call "schedule-$name" POST "$SCHEDULER_URL/schedules" "$token" "$(jq -nc --arg n "e2e $name" --arg t "$task" \
		'{name: $n, schedule_type: "cron", cron_expression: "0 0 0 1 1 *", agent_name: "developer",
			task_payload: {task: $t}, max_retries: 3, retry_delay_seconds: 1}')"
	expect "POST /schedules ($name)" 201
	SCHEDULE_ID="$(field .id)"
	[[ -n "$SCHEDULE_ID" ]] || fatal "POST /schedules ($name) returned no id"
}

# trigger NAME TOKEN SCHEDULE: POST /schedules/{id}/trigger; the queued execution's id in EXECUTION_ID.
trigger() {
	local name="$1" token="$2" schedule="$3"
	call "trigger-$name" POST "$SCHEDULER_URL/schedules/$schedule/trigger" "$token"
	expect "POST /schedules/{id}/trigger ($name)" 202
	EXECUTION_ID="$(field .execution_id)"
	[[ -n "$EXECUTION_ID" ]] || fatal "the trigger ($name) returned no execution_id"
}

# wait_execution NAME TOKEN SCHEDULE SELECTOR: polls the schedule's history until the oldest execution that the jq
# SELECTOR picks has a final status (completed or failed), at most TIMEOUT s; that execution in EXECUTION (JSON), the
# seconds waited in TOOK.
wait_execution() {
	local name="$1" token="$2" schedule="$3" selector="$4" status="" start=$SECONDS
	local deadline=$((SECONDS + TIMEOUT))
	EXECUTION=""
	while ((SECONDS < deadline)); do
		call "executions-$name" GET "$SCHEDULER_URL/schedules/$schedule/executions" "$token"
		if [[ "$CODE" == 200 ]]; then
			EXECUTION="$(jq -c "[.[] | select($selector)] | last // empty" <<<"$BODY" 2>/dev/null || true)"
			status="$(jq -r '.status // empty' <<<"$EXECUTION" 2>/dev/null || true)"
			[[ "$status" == completed || "$status" == failed ]] && break
		fi
		sleep 0.25
	done
	TOOK=$((SECONDS - start))
	[[ "$status" == completed || "$status" == failed ]] ||
		fatal "the execution ($name) did not reach a final status within ${TIMEOUT} s (last: ${status:-none}; HTTP $CODE)"
	jq . <<<"$EXECUTION" >"$RESULTS/execution-$name.json"
}
exec_field() { jq -r "$1 // empty" <<<"$EXECUTION"; }

# ---------------------------------------------------------------- 1. a user's schedule runs on the user's behalf
EMAIL_A="e2e-$STAMP-$$-a@example.com"
register owner "${EMAIL_A,,}"
OWNER_ID="$USER_ID" OWNER_TENANT="$TENANT_ID" OWNER_TOKEN="$TOKEN"
ok "registered and logged in a user who owns a new tenant ($OWNER_TENANT)"

TASK="E2E smoke $STAMP: write a function that returns 42"
create_schedule owner "$OWNER_TOKEN" "$TASK"
OWNER_SCHEDULE="$SCHEDULE_ID"
ok "created a developer schedule ($OWNER_SCHEDULE, cron not due before 1 January)"

trigger owner "$OWNER_TOKEN" "$OWNER_SCHEDULE"
wait_execution owner "$OWNER_TOKEN" "$OWNER_SCHEDULE" ".id == \"$EXECUTION_ID\""
check "the triggered run completed (took ${TOOK} s)$(e="$(exec_field .error_message)"; [[ -n "$e" ]] && echo "; error: $e")" \
	"$(exec_field .status)" completed
AGENT_TASK_ID="$(exec_field .agent_task_id)"
check "the run was one attempt (retry_count)" "$(exec_field .retry_count)" 0
if [[ -n "$AGENT_TASK_ID" ]]; then
	ok "the scheduler recorded the agents service's task id ($AGENT_TASK_ID)"
else
	bad "the scheduler recorded no agent_task_id"
fi

call executions-owner-agents GET "$AGENTS_URL/executions/" "$OWNER_TOKEN"
if [[ "$CODE" != 200 ]]; then
	bad "GET /executions/ at the agents service as the user answered $CODE: $(head -c 300 <<<"$BODY")"
else
	check "the agents service lists exactly one execution for the user's tenant" "$(jq length <<<"$BODY")" 1
	RUN="$(jq -c '.[0] // {}' <<<"$BODY")"
	check "that execution is the scheduler's run (id = agent_task_id)" "$(jq -r .id <<<"$RUN")" "$AGENT_TASK_ID"
	check "that execution is in the user's tenant" "$(jq -r .tenant_id <<<"$RUN")" "$OWNER_TENANT"
	check "that execution's agent is developer" "$(jq -r .agent_name <<<"$RUN")" developer
	check "that execution's user_message is the schedule's task" "$(jq -r .user_message <<<"$RUN")" "$TASK"
	check "that execution completed on the fake provider's model" \
		"$(jq -r '[.status, .provider, .model] | join(" ")' <<<"$RUN")" "completed ollama $MODEL"
fi

COST="$(db_value "SELECT count(*), count(*) FILTER (WHERE tenant_id = '$OWNER_TENANT' AND user_id = '$OWNER_ID'
	AND task_id = '$AGENT_TASK_ID' AND agent_name = 'developer') FROM agents.cost_tracking" 2>>"$RESULTS/db-init.log" ||
	echo "error")"
check "agents.cost_tracking holds one row, for that run, the user and the tenant (rows, matching)" "$COST" "1 1"
FAKE_CHATS="$(curl -fsS --max-time 5 "$LLM_URL/stats" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^chats=/) {sub("chats=", "", $i); print $i}}' || true)"
check "the fake provider answered exactly one chat" "$FAKE_CHATS" 1

# Another tenant sees none of it.
EMAIL_C="e2e-$STAMP-$$-c@example.com"
register stranger "${EMAIL_C,,}"
STRANGER_TOKEN="$TOKEN"
call executions-stranger-agents GET "$AGENTS_URL/executions/" "$STRANGER_TOKEN"
check "a user of another tenant lists no execution at the agents service (HTTP status, count)" \
	"$CODE $(jq length <<<"$BODY" 2>/dev/null)" "200 0"

# ---------------------------------------------------------------- 2. a deactivated user's runs fail at once
# A member invited with the developer role (agents:execute, schedules:write) creates an every-second schedule, paused;
# the tenant's admin deactivates the member. The member's access token stays valid until it expires (deactivation
# revokes refresh tokens), so the member can still trigger the schedule: that run acts for the member, and auth must
# refuse the exchange. Then the admin resumes the schedule: its occurrences act for their creator, the member, and
# must be refused alike. (A trigger acts for the caller: the admin's trigger would run on the admin's behalf.)
EMAIL_B="e2e-$STAMP-$$-b@example.com"
EMAIL_B="${EMAIL_B,,}"
call invite POST "$AUTH_URL/tenants/$OWNER_TENANT/invitations" "$OWNER_TOKEN" \
	"{\"email\":\"$EMAIL_B\",\"roles\":[\"developer\"]}"
expect "POST /tenants/{id}/invitations" 201
INVITATION="$(field .invitation_token)"
register member "$EMAIL_B" ",\"tenant_id\":\"$OWNER_TENANT\",\"invitation_token\":\"$INVITATION\""
MEMBER_ID="$USER_ID" MEMBER_TOKEN="$TOKEN"
check "an invited developer joined the user's tenant" "$TENANT_ID" "$OWNER_TENANT"
call schedule-member POST "$SCHEDULER_URL/schedules" "$MEMBER_TOKEN" "$(jq -nc --arg t "E2E smoke $STAMP: refused" \
	'{name: "e2e member", schedule_type: "cron", cron_expression: "* * * * * *", agent_name: "developer",
		task_payload: {task: $t}, max_retries: 3, retry_delay_seconds: 1, is_paused: true}')"
expect "POST /schedules (member, paused)" 201
MEMBER_SCHEDULE="$(field .id)"
call deactivate POST "$AUTH_URL/tenants/$OWNER_TENANT/members/$MEMBER_ID/deactivate" "$OWNER_TOKEN"
check "the admin deactivated the member (HTTP status, is_active)" "$CODE $(jq -r .is_active <<<"$BODY" 2>/dev/null)" \
	"200 false"

# check_refused WHAT: the execution in EXECUTION failed with the creator-refused reason and is not retried.
check_refused() {
	local error
	error="$(exec_field .error_message)"
	check "$1 failed (took ${TOOK} s)" "$(exec_field .status)" failed
	if [[ "$error" == "$REFUSED_PREFIX"* ]]; then
		ok "$1 failed with the creator-refused reason: $error"
	else
		bad "$1 did not fail with the creator-refused reason: $error"
	fi
	check "$1 is not retried (retry_count, max_retries, next_attempt_at)" \
		"$(exec_field '[.retry_count, .max_retries, (.next_attempt_at // "none")] | map(tostring) | join(" ")')" "0 3 none"
}

trigger member "$MEMBER_TOKEN" "$MEMBER_SCHEDULE"
MANUAL_ID="$EXECUTION_ID"
wait_execution member "$MEMBER_TOKEN" "$MEMBER_SCHEDULE" ".id == \"$MANUAL_ID\""
check_refused "the deactivated member's triggered run"

call resume POST "$SCHEDULER_URL/schedules/$MEMBER_SCHEDULE/resume" "$OWNER_TOKEN"
expect "POST /schedules/{id}/resume" 200
wait_execution member-scheduled "$OWNER_TOKEN" "$MEMBER_SCHEDULE" '.triggered_by == "schedule"'
call pause POST "$SCHEDULER_URL/schedules/$MEMBER_SCHEDULE/pause" "$OWNER_TOKEN"
expect "POST /schedules/{id}/pause" 200
check_refused "the deactivated creator's scheduled occurrence"

FAKE_CHATS="$(curl -fsS --max-time 5 "$LLM_URL/stats" | awk '{for (i = 1; i <= NF; i++) if ($i ~ /^chats=/) {sub("chats=", "", $i); print $i}}' || true)"
call executions-owner-agents-after GET "$AGENTS_URL/executions/" "$OWNER_TOKEN"
check "the refused runs did not call the agents service (its executions, the fake's chats)" \
	"$(jq length <<<"$BODY" 2>/dev/null) $FAKE_CHATS" "1 1"
# A retry would be due after retry_delay_seconds (1 s): the triggered run is unchanged 3 s later.
sleep 3
call executions-member-later GET "$SCHEDULER_URL/schedules/$MEMBER_SCHEDULE/executions" "$OWNER_TOKEN"
check "3 s later the triggered run is still failed with no retry (status, retry_count)" \
	"$(jq -r --arg id "$MANUAL_ID" '.[] | select(.id == $id) | [.status, .retry_count] | map(tostring) | join(" ")' \
		<<<"$BODY" 2>/dev/null)" "failed 0"

# ---------------------------------------------------------------- 3. knowledge: upload, query and cite through agents
# As the Python SDK calls it: one base URL (the agents service), trailing slashes, full model dumps (nulls and the
# SDK's default embedding model included), the file part typed application/octet-stream, metadata as a Python repr.
NOTE="The E2E smoke test's deploy window for $STAMP is Thursday at 14:00 UTC, announced in the release channel."
call rag-collection POST "$AGENTS_URL/rag/collections/" "$OWNER_TOKEN" \
	'{"name":"e2e handbook","description":null,"embedding_model":"nomic-embed-text","chunk_size":1000,"chunk_overlap":200}'
expect "POST /rag/collections/ (through agents)" 201
COLLECTION_ID="$(field .id)"
check "the collection echoes the SDK's model name and says which model embeds it (embedding_model, embedder)" \
	"$(field .embedding_model) $(field .embedder)" "nomic-embed-text all-minilm-l6-v2"
printf '%s\n' "$NOTE" >"$RESULTS/deploy-window.txt"
CODE="$(curl -sS -o "$RESULTS/rag-upload.json" -w '%{http_code}' --max-time 30 -X POST \
	-H "Authorization: Bearer $OWNER_TOKEN" -F "file=@$RESULTS/deploy-window.txt;type=application/octet-stream" \
	-F "metadata={'team': 'release', 'reviewed': True}" "$AGENTS_URL/rag/collections/$COLLECTION_ID/documents" \
	2>>"$RESULTS/curl.log")" || CODE="000"
BODY="$(cat "$RESULTS/rag-upload.json" 2>/dev/null || true)"
expect "POST /rag/collections/{id}/documents (through agents)" 202
DOCUMENT_ID="$(field .id)"
DOCUMENT_STATUS=""
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
	call rag-document GET "$AGENTS_URL/rag/documents/$DOCUMENT_ID" "$OWNER_TOKEN"
	DOCUMENT_STATUS="$(field .status)"
	[[ "$DOCUMENT_STATUS" == ready || "$DOCUMENT_STATUS" == failed ]] && break
	sleep 0.25
done
check "the uploaded document was processed (status)" "$DOCUMENT_STATUS" ready
check "its metadata came through as an object (team)" "$(field .metadata.team)" release
call rag-query POST "$AGENTS_URL/rag/collections/$COLLECTION_ID/query" "$OWNER_TOKEN" \
	'{"query":"When is the deploy window?","top_k":5,"filter":null}'
expect "POST /rag/collections/{id}/query (through agents)" 200
check "the query finds the document (total_results, source of the first chunk)" \
	"$(field .total_results) $(jq -r '.chunks[0].source // empty' <<<"$BODY")" "1 deploy-window.txt"
call rag-agent POST "$AGENTS_URL/agents/" "$OWNER_TOKEN" "$(jq -nc --arg c "$COLLECTION_ID" \
	'{name: "e2e release helper", model: "e2e-model", provider: "ollama", rag_collection_ids: [$c]}')"
expect "POST /agents/ (with a collection)" 201
RAG_AGENT="$(field .id)"
call rag-run POST "$AGENTS_URL/agents/$RAG_AGENT/run" "$OWNER_TOKEN" "$(jq -nc --arg t "$NOTE" '{task: $t}')"
expect "POST /agents/{id}/run (agent with a collection)" 200
check "the run cites the document (citations, first source)" \
	"$(jq -r '[(.citations | length > 0), (.citations[0].source // "none")] | map(tostring) | join(" ")' <<<"$BODY")" \
	"true deploy-window.txt"
call rag-stranger GET "$AGENTS_URL/rag/collections/$COLLECTION_ID" "$STRANGER_TOKEN"
check "a user of another tenant does not see the collection (HTTP status)" "$CODE" 404
call rag-stranger-query POST "$INGESTION_URL/rag/collections/$COLLECTION_ID/query" "$STRANGER_TOKEN" \
	'{"query":"deploy window"}'
check "nor can query it at the ingestion service itself (HTTP status)" "$CODE" 404

# ---------------------------------------------------------------- 4. the console's data and the platform's activity
call project POST "$AGENTS_URL/api/projects" "$OWNER_TOKEN" '{"name":"E2E Console","slug":"e2e-console"}'
expect "POST /api/projects" 201
call project-run POST "$AGENTS_URL/api/projects/e2e-console/runs" "$OWNER_TOKEN" '{"step":"Developer: build"}'
expect "POST /api/projects/{slug}/runs" 201
call kpis GET "$AGENTS_URL/api/dashboard/kpis" "$OWNER_TOKEN"
expect "GET /api/dashboard/kpis" 200
check "the KPI tiles count the project and its waiting run (projects_total, queue_depth, agents_total)" \
	"$(field .projects_total) $(field .queue_depth) $(field .agents_total)" "1 1 8"
call cards GET "$AGENTS_URL/api/agents/health" "$OWNER_TOKEN"
expect "GET /api/agents/health" 200
call metrics GET "$AGENTS_URL/api/observability/metrics" "$OWNER_TOKEN"
expect "GET /api/observability/metrics" 200
check "the observability metrics see the waiting run (summary.queueDepth)" "$(field .summary.queueDepth)" 1
# activity SERVICE ACTION: polls the owner's log (events of other services arrive through their outboxes) until a row
# of SERVICE with ACTION shows, for at most 30 s; ACTIVITY is the last page read.
activity() {
	local service="$1" action="$2" deadline=$((SECONDS + 30))
	while ((SECONDS < deadline)); do
		call "logs-$service" GET "$AGENTS_URL/api/observability/logs?service=$service&limit=200" "$OWNER_TOKEN"
		ACTIVITY="$(jq -r --arg a "$action" '[.logs[] | select(.action == $a)] | length' <<<"$BODY" 2>/dev/null || echo 0)"
		[[ "$ACTIVITY" != 0 ]] && return 0
		sleep 0.25
	done
}
activity agents run.created
check "the log shows the run created here (agents run.created)" "$ACTIVITY" 1
activity auth user.registered
check "the log shows the owner's registration, relayed from auth (auth user.registered)" "$ACTIVITY" 1
activity scheduler schedule.created
check "the log shows a schedule created, relayed from the scheduler (scheduler schedule.created)" \
	"$([[ "$ACTIVITY" -ge 1 ]] && echo yes)" yes
call stranger-logs GET "$AGENTS_URL/api/observability/logs?limit=200" "$STRANGER_TOKEN"
check "a user of another tenant sees none of it (rows of the owner's services)" \
	"$(jq -r '[.logs[] | select(.action == "run.created" or .action == "schedule.created")] | length' <<<"$BODY")" 0

# ---------------------------------------------------------------- 5. a project pipeline waits for two people
# The owner starts a pipeline on the workers service; the overseer's plan (the fake provider's answer holds none) leaves
# only the deployment, a high-risk step: the workflow asks the approval service, as the owner, for two approvals. The
# owner may not decide its own request; two invited managers approve; the approval service signals the workflow
# through Temporal; the deployment is recorded and its event reaches the owner's activity log.
for manager in 1 2; do
	email="e2e-$STAMP-$$-m$manager@example.com"
	call "invite-manager-$manager" POST "$AUTH_URL/tenants/$OWNER_TENANT/invitations" "$OWNER_TOKEN" \
		"{\"email\":\"${email,,}\",\"roles\":[\"manager\"]}"
	expect "POST /tenants/{id}/invitations (manager $manager)" 201
	INVITATION="$(field .invitation_token)"
	register "manager-$manager" "${email,,}" ",\"tenant_id\":\"$OWNER_TENANT\",\"invitation_token\":\"$INVITATION\""
	printf -v "MANAGER_${manager}_TOKEN" '%s' "$TOKEN"
done
call pipeline POST "$WORKERS_URL/api/workflows/pipelines" "$OWNER_TOKEN" \
	"{\"goal\":\"E2E smoke $STAMP: ship the answer service\",\"context\":{},\"idempotency_key\":\"e2e-$STAMP-$$\"}"
expect "POST /api/workflows/pipelines" 201
WORKFLOW_ID="$(field .workflow_id)"
APPROVAL_ID=""
deadline=$((SECONDS + TIMEOUT))
while ((SECONDS < deadline)); do
	call pipeline-state GET "$WORKERS_URL/api/workflows/$WORKFLOW_ID" "$OWNER_TOKEN"
	APPROVAL_ID="$(jq -r '.pending_approval_ids[0] // empty' <<<"$BODY" 2>/dev/null || true)"
	[[ -n "$APPROVAL_ID" ]] && break
	sleep 0.25
done
check "the pipeline waits for an approval (pending approval id)" "$([[ -n "$APPROVAL_ID" ]] && echo yes)" yes
call approval GET "$APPROVAL_URL/api/approvals/$APPROVAL_ID" "$OWNER_TOKEN"
expect "GET /api/approvals/{id}" 200
check "the approval is the high-risk deployment step, asked as the owner (risk_level, required_approvers, status)" \
	"$(field .risk_level) $(field .required_approvers) $(field .status)" "high 2 pending"
call approve-own POST "$APPROVAL_URL/api/approvals/$APPROVAL_ID/approve" "$OWNER_TOKEN" '{}'
check "the requester may not approve its own request (HTTP status)" "$CODE" 403
call approve-1 POST "$APPROVAL_URL/api/approvals/$APPROVAL_ID/approve" "$MANAGER_1_TOKEN" '{"reason":"looks right"}'
expect "POST /api/approvals/{id}/approve (manager 1)" 200
check "one approval of two leaves the request pending (status)" "$(field .status)" pending
call approve-1-again POST "$APPROVAL_URL/api/approvals/$APPROVAL_ID/approve" "$MANAGER_1_TOKEN" '{}'
check "the same person cannot approve twice (HTTP status)" "$CODE" 409
call approve-2 POST "$APPROVAL_URL/api/approvals/$APPROVAL_ID/approve" "$MANAGER_2_TOKEN" '{"reason":"go"}'
expect "POST /api/approvals/{id}/approve (manager 2)" 200
check "the second approval approves the request (status)" "$(field .status)" approved
PIPELINE_STATUS=""
deadline=$((SECONDS + TIMEOUT))
while ((SECONDS < deadline)); do
	call pipeline-done GET "$WORKERS_URL/api/workflows/$WORKFLOW_ID" "$OWNER_TOKEN"
	PIPELINE_STATUS="$(field .status)"
	[[ "$PIPELINE_STATUS" != running && -n "$PIPELINE_STATUS" ]] && break
	sleep 0.25
done
check "the signalled pipeline completes (status)" "$PIPELINE_STATUS" completed
check "the deployment is recorded for an external CD system (one workers.deployments row)" \
	"$(db_value "SELECT count(*) FROM workers.deployments")" 1
activity workers project.deployment.approved
check "the log shows the deployment approved, relayed from the workers (workers project.deployment.approved)" \
	"$ACTIVITY" 1
call stranger-pipeline GET "$WORKERS_URL/api/workflows/$WORKFLOW_ID" "$STRANGER_TOKEN"
check "a user of another tenant does not see the pipeline (HTTP status)" "$CODE" 404

# ---------------------------------------------------------------- result
say "results in $RESULTS; $((SECONDS - WALL_START)) s in all ($((STARTED_AT - BUILT_AT)) s to start the services)"
if ((FAILURES > 0)); then
	echo "E2E FAIL $FAILURES check(s) failed ($((SECONDS - WALL_START)) s; logs in $RESULTS)"
	exit 1
fi
echo "E2E ok all checks passed ($((SECONDS - WALL_START)) s)"
