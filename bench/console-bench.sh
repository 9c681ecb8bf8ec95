#!/usr/bin/env bash
# Benchmarks the console's reads in the agents service at 1,000,000 runs: seeds 10,000 projects × 100 runs (plus one
# big project per tenant for the deep keyset pages) with bench/console-load's seeder (COPY) into the tenants of
# freshly registered users, then times (1) project details (the project and its first page of runs), (2) a runs page
# deep in history (page 500 by keyset) against page 1, (3) the KPI tiles, (4) N dashboard users (KPIs + project list +
# a project page every few seconds) while the service's connection pool is sampled. Raw outputs go to
# bench/results/<timestamp>-console/. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/console-bench.sh [options]

  --quick                   a smoke run with tiny sizes (50 projects × 10 runs, a big project of 1,100 runs walked
                            to page 50, 5 dashboard users for 5 s); the figures are not measurements
  --skip-build              use the jars already built (no Maven)
  --tenants N               registered users, each the owner of a tenant that is seeded (default 4)
  --projects N              projects in all, shared out among the tenants (default 10000)
  --runs-per-project N      runs of each project (default 100)
  --big-project-runs N      runs of each tenant's first project, the deep mode's (default 20000; >= pages × 20)
  --seed N                  the seeder's seed (default 42)
  --jobs N                  the seeder's connections (default 1)
  --details N               measured project pages (default 5000) at --concurrency (default 8)
  --deep-pages N            the deep page (default 500) and --deep-rounds N (default 100)
  --kpi-requests N          measured KPI requests (default 5000) at 1 caller and at --concurrency; 400 uncached
  --users N                 dashboard users (default 100), --duration S (default 60), --warmup S (default 10),
                            --think-ms MIN-MAX (default 2000-5000)
  --modes LIST              which modes, comma-separated (default details,deep,kpis,dashboard)
  --no-kpis                 leave out the KPI tiles (GET /api/dashboard/kpis) even when the route exists
  --no-cards                leave out the agent cards (GET /api/agents/health) of the dashboard even when it exists
  --agents-arg KEY=VALUE    extra --KEY=VALUE for the agents service (repeatable)
  --keep-db                 do not drop the run's database at exit
  -h, --help                this help

Routes that the service does not have (404 to the first request) are left out with a note: the KPI mode and the
dashboard's KPI tiles and cards. Environment: JAVA_HOME, BENCH_AGENTS_JAR, BENCH_AUTH_JAR, BENCH_JVM_OPTS (the agents
service's JVM options; default @docker/jvm.options -XX:MaxRAM=1536m), BENCH_AGENTS_PORT, BENCH_AUTH_PORT (default: free
ports), BENCH_PSQL_URL, BENCH_DB_HOST, BENCH_DB_PORT, BENCH_DB_OWNER_PASSWORD, BENCH_DB_APP_PASSWORD,
BENCH_REDIS_HOST/BENCH_REDIS_PORT. The run's database, temponest_console_bench_<timestamp>_<pid>, is dropped at exit.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

QUICK=false
SKIP_BUILD=false
KEEP_DB=false
TENANTS=4
PROJECTS=""
RUNS_PER_PROJECT=""
BIG_PROJECT_RUNS=""
SEED=42
JOBS=1
DETAILS=""
CONCURRENCY=8
DEEP_PAGES=""
DEEP_ROUNDS=""
KPI_REQUESTS=""
USERS=""
DURATION=""
WARMUP=""
THINK_MS=""
MODES="details,deep,kpis,dashboard"
WANT_KPIS=true
WANT_CARDS=true
EXTRA_AGENTS_ARGS=()
AGENTS_PORT="${BENCH_AGENTS_PORT:-}"
AUTH_PORT="${BENCH_AUTH_PORT:-}"
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=1536m}"
AUTH_JVM_OPTS="@$ROOT/docker/jvm.options -XX:MaxRAM=512m"
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx512m"
PASSWORD="BenchPassword123"
ARGS_GIVEN="$*"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--quick) QUICK=true ;;
	--skip-build) SKIP_BUILD=true ;;
	--tenants) TENANTS="$2"; shift ;;
	--projects) PROJECTS="$2"; shift ;;
	--runs-per-project) RUNS_PER_PROJECT="$2"; shift ;;
	--big-project-runs) BIG_PROJECT_RUNS="$2"; shift ;;
	--seed) SEED="$2"; shift ;;
	--jobs) JOBS="$2"; shift ;;
	--details) DETAILS="$2"; shift ;;
	--concurrency) CONCURRENCY="$2"; shift ;;
	--deep-pages) DEEP_PAGES="$2"; shift ;;
	--deep-rounds) DEEP_ROUNDS="$2"; shift ;;
	--kpi-requests) KPI_REQUESTS="$2"; shift ;;
	--users) USERS="$2"; shift ;;
	--duration) DURATION="$2"; shift ;;
	--warmup) WARMUP="$2"; shift ;;
	--think-ms) THINK_MS="$2"; shift ;;
	--modes) MODES="$2"; shift ;;
	--no-kpis) WANT_KPIS=false ;;
	--no-cards) WANT_CARDS=false ;;
	--agents-arg) EXTRA_AGENTS_ARGS+=("--${2#--}"); shift ;;
	--keep-db) KEEP_DB=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
if $QUICK; then
	PROJECTS="${PROJECTS:-50}" RUNS_PER_PROJECT="${RUNS_PER_PROJECT:-10}" BIG_PROJECT_RUNS="${BIG_PROJECT_RUNS:-1100}"
	DETAILS="${DETAILS:-200}" DEEP_PAGES="${DEEP_PAGES:-50}" DEEP_ROUNDS="${DEEP_ROUNDS:-10}"
	KPI_REQUESTS="${KPI_REQUESTS:-200}" UNCACHED_REQUESTS=20 USERS="${USERS:-5}" DURATION="${DURATION:-5}" WARMUP="${WARMUP:-2}"
	THINK_MS="${THINK_MS:-200-500}" WARM_REQUESTS=50
else
	PROJECTS="${PROJECTS:-10000}" RUNS_PER_PROJECT="${RUNS_PER_PROJECT:-100}" BIG_PROJECT_RUNS="${BIG_PROJECT_RUNS:-20000}"
	DETAILS="${DETAILS:-5000}" DEEP_PAGES="${DEEP_PAGES:-500}" DEEP_ROUNDS="${DEEP_ROUNDS:-100}"
	KPI_REQUESTS="${KPI_REQUESTS:-5000}" UNCACHED_REQUESTS=400 USERS="${USERS:-100}" DURATION="${DURATION:-60}" WARMUP="${WARMUP:-10}"
	THINK_MS="${THINK_MS:-2000-5000}" WARM_REQUESTS=3000
fi
for n in "$TENANTS" "$PROJECTS" "$RUNS_PER_PROJECT" "$BIG_PROJECT_RUNS" "$SEED" "$JOBS" "$DETAILS" "$CONCURRENCY" \
	"$DEEP_PAGES" "$DEEP_ROUNDS" "$KPI_REQUESTS" "$USERS" "$DURATION" "$WARMUP"; do
	[[ "$n" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $n" >&2; exit 64; }
done
[[ "$THINK_MS" =~ ^[0-9]+-[0-9]+$ ]] || { echo "--think-ms takes MIN-MAX in milliseconds: $THINK_MS" >&2; exit 64; }
((TENANTS >= 1 && PROJECTS >= TENANTS && RUNS_PER_PROJECT >= 1 && DETAILS >= 1 && CONCURRENCY >= 1 && USERS >= 1 &&
	DURATION >= 1 && DEEP_PAGES >= 2 && DEEP_ROUNDS >= 1)) ||
	{ echo "tenants, runs, requests, users, duration >= 1, projects >= tenants, deep pages >= 2" >&2; exit 64; }
((BIG_PROJECT_RUNS >= DEEP_PAGES * 20)) ||
	{ echo "--big-project-runs must be at least --deep-pages × 20 (the page size)" >&2; exit 64; }
has_mode() { [[ ",$MODES," == *",$1,"* ]]; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-console"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }

# say/fail, the processes started (stopped by pid on exit), start_java, wait_http, pick_port, the database set-up,
# bench_session, summary_field.
LIB_SAY_UP=true
LIB_POLL_SECONDS=0.5
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
# PSQL_URL, DB_HOST, DB_PORT, OWNER_ROLE, APP_ROLE, OWNER_PASSWORD, APP_PASSWORD from the BENCH_* environment.
db_settings

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss awk psql timeout

AGENTS_JAR="${BENCH_AGENTS_JAR:-$ROOT/services/agents/target/agents-service.jar}"
AUTH_JAR="${BENCH_AUTH_JAR:-$ROOT/services/auth/target/auth-service.jar}"
LOAD_JAR="$BENCH/console-load/target/console-load.jar"

# ---------------------------------------------------------------- build
if ! $SKIP_BUILD; then
	mvnw_build "the agents and auth services" "services/agents or services/auth does not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/agents,services/auth -am
	mvnw_build "the seeder and load client" "bench/console-load does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl console-load
fi
for jar in "$AGENTS_JAR" "$AUTH_JAR" "$LOAD_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

# ---------------------------------------------------------------- machine
machine_facts
PG_VERSION="$(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"
write_machine_txt "$STAMP" "$ARGS_GIVEN" "postgresql: $PG_VERSION"

# ---------------------------------------------------------------- database: the platform's roles, a database of the run
DB_NAME="temponest_console_bench_${STAMP,,}_$$"
db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD"
if $KEEP_DB; then
	at_exit say "kept the database $DB_NAME '(--keep-db)'"
else
	at_exit db_drop "$DB_NAME"
fi
db_create "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE" "$($KEEP_DB || echo ' (dropped at exit)')"

REDIS_PREFIX="console-bench-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: auth, agents
[[ -n "$AUTH_PORT" ]] || pick_port AUTH_PORT
[[ -n "$AGENTS_PORT" ]] || pick_port AGENTS_PORT
for port in "$AUTH_PORT" "$AGENTS_PORT"; do
	port_free "$port" || fail "port $port is already in use (set BENCH_AUTH_PORT, BENCH_AGENTS_PORT)"
done
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
DB_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX")
# The auth service only issues the users' tokens: dev profile, its own schema in the run's database, a signing key
# generated for this run, no rate limits (register is limited to 3/h per address).
AUTH_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO "--server.port=$AUTH_PORT"
	--temponest.auth.jwt.dev-key-location= --platform.ratelimit.enabled=false)
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${DB_ENV[@]}" -- $AUTH_JVM_OPTS -jar "$AUTH_JAR" "${AUTH_ARGS[@]}"
AUTH_PID="$LAST_PID"
# The agents service as in production (no profile), without rate limits; its Flyway creates the agents schema.
AGENTS_ARGS=("--server.port=$AGENTS_PORT" --platform.ratelimit.enabled=false "${EXTRA_AGENTS_ARGS[@]}")
# shellcheck disable=SC2086
start_java agents-service "$AGENTS_JAR" "${DB_ENV[@]}" "AUTH_SERVICE_URL=$AUTH_URL" -- $JVM_OPTS -jar "$AGENTS_JAR" \
	"${AGENTS_ARGS[@]}"
AGENTS_PID="$LAST_PID"
wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http agents-service "$AGENTS_URL/actuator/health" "$AGENTS_PID" 240

# ---------------------------------------------------------------- users: one per tenant, their tokens and tenant ids
TOKENS=()
TENANT_IDS=()
for ((i = 1; i <= TENANTS; i++)); do
	bench_session "$AUTH_URL" "console-bench-$STAMP-$i" "$PASSWORD"
	mv "$RESULTS/register.json" "$RESULTS/register-$i.json"
	mv "$RESULTS/login.json" "$RESULTS/login-$i.json"
	tenant="$(json_field tenant_id <"$RESULTS/register-$i.json")"
	[[ "$tenant" =~ ^[0-9a-f-]{36}$ ]] || fail "POST /auth/register returned no tenant_id (see $RESULTS/register-$i.json)"
	TOKENS+=("$BENCH_TOKEN")
	TENANT_IDS+=("$tenant")
done
BENCH_TOKENS="$(IFS=,; echo "${TOKENS[*]}")"
export BENCH_TOKENS

# client TAG COMMAND ARGS...: runs bench/console-load (in the background, waited for, so that a signal is handled at
# once), output in RESULTS/TAG.txt; fails unless it exits 0 or 3 (3: a request failed, reported below).
CLIENT_STATUS=0
client() {
	local tag="$1"
	shift
	# shellcheck disable=SC2086
	timeout 7200 "$JAVA" $TOOL_JVM_OPTS -jar "$LOAD_JAR" "$@" >"$RESULTS/$tag.txt" 2>"$RESULTS/$tag.err" &
	track "$!" "$LOAD_JAR"
	CLIENT_STATUS=0
	wait "$!" || CLIENT_STATUS=$?
	if [[ "$CLIENT_STATUS" != 0 && "$CLIENT_STATUS" != 3 ]]; then
		cat "$RESULTS/$tag.txt" "$RESULTS/$tag.err" >&2
		fail "console-load failed in $tag (exit $CLIENT_STATUS; output $RESULTS/$tag.txt, $RESULTS/$tag.err)"
	fi
}

# ---------------------------------------------------------------- seed (as the owner role: COPY bypasses RLS)
say "seeding $PROJECTS projects × $RUNS_PER_PROJECT runs (+ one project of $BIG_PROJECT_RUNS runs per tenant) into $TENANTS tenants"
BENCH_DB_PASSWORD="$OWNER_PASSWORD" client seed seed --db-url "jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" \
	--db-user "$OWNER_ROLE" --tenant-ids "$(IFS=,; echo "${TENANT_IDS[*]}")" --projects "$PROJECTS" \
	--runs-per-project "$RUNS_PER_PROJECT" --big-project-runs "$BIG_PROJECT_RUNS" --seed "$SEED" --jobs "$JOBS"
[[ "$CLIENT_STATUS" == 0 ]] || fail "the seeder failed (see $RESULTS/seed.err)"
say "  $(grep '^SEED' "$RESULTS/seed.txt")"
BIG_SLUG="$(summary_field "$RESULTS/seed.txt" TENANT big_slug)"
[[ -n "$BIG_SLUG" ]] || fail "the seeder printed no big project (see $RESULTS/seed.txt)"

# ---------------------------------------------------------------- which routes exist (checked once)
# The KPI tiles: the first request of every tenant, before anything else asked for them (uncached), is also the check
# that the route exists.
HAVE_KPIS=false
HAVE_CARDS=false
NOTES=()
if $WANT_KPIS; then
	say "KPI tiles: the first request of each tenant (uncached)"
	client kpis-cold kpis --url "$AGENTS_URL" --requests 0 --concurrency 1
	statuses="$(summary_field "$RESULTS/kpis-cold.txt" CONSOLE first_statuses)"
	case "$statuses" in
	"200:$TENANTS") HAVE_KPIS=true ;;
	"404:$TENANTS") NOTES+=("GET /api/dashboard/kpis answered 404: the KPI mode and the dashboard's KPI tiles were left out") ;;
	*) fail "GET /api/dashboard/kpis answered $statuses (see $RESULTS/kpis-cold.txt)" ;;
	esac
fi
route_status() { curl -sS -o "$RESULTS/check-$1.json" -w '%{http_code}' -H "Authorization: Bearer ${TOKENS[0]}" "$AGENTS_URL$2"; }
if $WANT_CARDS; then
	code="$(route_status cards /api/agents/health)"
	case "$code" in
	200) HAVE_CARDS=true ;;
	404) NOTES+=("GET /api/agents/health answered 404: the dashboard's agent cards were left out") ;;
	*) fail "GET /api/agents/health answered $code: $(head -c 500 "$RESULTS/check-cards.json")" ;;
	esac
fi
for note in "${NOTES[@]}"; do say "$note"; done
code="$(route_status project "/api/projects/$BIG_SLUG")"
[[ "$code" == 200 ]] || fail "GET /api/projects/$BIG_SLUG answered $code (see $RESULTS/check-project.json)"

# ---------------------------------------------------------------- warm-up (JIT, pools, the tables' pages), unmeasured
say "warm-up: $WARM_REQUESTS project pages"
client warmup details --url "$AGENTS_URL" --requests "$WARM_REQUESTS" --concurrency "$CONCURRENCY"
$HAVE_KPIS && client warmup-kpis kpis --url "$AGENTS_URL" --requests "$WARM_REQUESTS" --concurrency "$CONCURRENCY"

# ---------------------------------------------------------------- modes
ERRORS=0
LINES=()
measure() { # tag args...: one mode, its CONSOLE line kept
	local tag="$1"
	shift
	say "mode $tag: console-load $*"
	client "$tag" "$@"
	local line
	line="$(grep '^CONSOLE' "$RESULTS/$tag.txt" || true)"
	[[ -n "$line" ]] || fail "console-load printed no CONSOLE line in $tag (see $RESULTS/$tag.txt)"
	say "  $line"
	LINES+=("$line")
	ERRORS=$((ERRORS + $(summary_field "$RESULTS/$tag.txt" CONSOLE errors)))
}
# Latency at one caller (the targets), throughput at --concurrency callers (2 cores shared with the load client and
# PostgreSQL: there, the figures are mostly queueing).
if has_mode details; then
	measure details-1 details --url "$AGENTS_URL" --requests "$DETAILS" --concurrency 1
	measure details details --url "$AGENTS_URL" --requests "$DETAILS" --concurrency "$CONCURRENCY"
fi
has_mode deep && measure deep deep --url "$AGENTS_URL" --slug "$BIG_SLUG" --pages "$DEEP_PAGES" --rounds "$DEEP_ROUNDS"
if has_mode kpis; then
	if $HAVE_KPIS; then
		measure kpis-1 kpis --url "$AGENTS_URL" --requests "$KPI_REQUESTS" --concurrency 1
		measure floor floor --url "$AGENTS_URL" --requests "$KPI_REQUESTS"
		measure kpis kpis --url "$AGENTS_URL" --requests "$KPI_REQUESTS" --concurrency "$CONCURRENCY"
		measure kpis-uncached kpis-uncached --url "$AGENTS_URL" --requests "$UNCACHED_REQUESTS"
	else
		say "mode kpis: skipped (no route)"
	fi
fi

# The pool of the agents service, every second while the dashboard users run: active, pending, timeouts.
pool_sample() {
	curl -fsS --max-time 2 "$AGENTS_URL/actuator/prometheus" 2>/dev/null | awk -v t="$(date +%s)" '
		/^hikaricp_connections_active\{/ {a = $2} /^hikaricp_connections_pending\{/ {p = $2}
		/^hikaricp_connections_timeout_total\{/ {o = $2} /^hikaricp_connections_max\{/ {m = $2}
		END {printf "%s\t%s\t%s\t%s\t%s\n", t, a, p, o, m}'
}
if has_mode dashboard; then
	echo -e "epoch_s\tactive\tpending\ttimeouts_total\tmax" >"$RESULTS/pool.tsv"
	pool_sample >>"$RESULTS/pool.tsv"
	(while sleep 1; do pool_sample >>"$RESULTS/pool.tsv"; done) &
	SAMPLER_PID=$!
	track "$SAMPLER_PID" console-bench.sh
	measure dashboard dashboard --url "$AGENTS_URL" --users "$USERS" --duration "$DURATION" --warmup "$WARMUP" \
		--think-ms "$THINK_MS" --kpis "$HAVE_KPIS" --cards "$HAVE_CARDS"
	kill "$SAMPLER_PID" 2>/dev/null || true
	wait "$SAMPLER_PID" 2>/dev/null || true
	pool_sample >>"$RESULTS/pool.tsv"
	POOL_MAX_ACTIVE="$(awk -F'\t' 'NR > 1 && $2 != "" && $2 + 0 > m {m = $2 + 0} END {print m + 0}' "$RESULTS/pool.tsv")"
	POOL_MAX_PENDING="$(awk -F'\t' 'NR > 1 && $3 != "" && $3 + 0 > m {m = $3 + 0} END {print m + 0}' "$RESULTS/pool.tsv")"
	POOL_TIMEOUTS="$(awk -F'\t' 'NR == 2 {first = $4 + 0} NR > 1 && $4 != "" {last = $4 + 0} END {print last - first}' "$RESULTS/pool.tsv")"
	POOL_SIZE="$(awk -F'\t' 'NR > 1 && $5 != "" {m = $5} END {print m}' "$RESULTS/pool.tsv")"
fi

# ---------------------------------------------------------------- report
IDLE_AFTER="$(cpu_idle_pct 3)"
field() { summary_field "$RESULTS/$1.txt" CONSOLE "$2" 2>/dev/null || true; }
meets() { # value op threshold
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {if (v == "") {print "—"; exit}
		ok = (op == "<=") ? v <= t : v < t; print ok ? "yes" : "**no**"}'
}
QUICK_NOTE=""
$QUICK && QUICK_NOTE=" **--quick: a smoke run, not a measurement.**"
{
	echo "# TempoNest console reads benchmark — $STAMP"
	echo
	echo "- Machine: $(nproc) cores, CPU ${CPU_MODEL:-unknown}, JDK $JDK_DESC, PostgreSQL $PG_VERSION; load average at start $LOAD_AT_START; CPU idle before ${IDLE_BEFORE}%, after ${IDLE_AFTER}%.$QUICK_NOTE"
	echo "- Agents service: \`java ${JVM_OPTS:+$JVM_OPTS }-jar ${AGENTS_JAR#"$ROOT"/} ${AGENTS_ARGS[*]}\` (database \`$DB_NAME\`)"
	echo "- Seed: $(grep '^SEED' "$RESULTS/seed.txt")"
	echo "- Load: bench/console-load (JDK HttpClient, HTTP/1.1, virtual threads), $TENANTS tenant(s), one token each; raw outputs \`bench/results/${RESULTS##*/}/\`"
	for note in "${NOTES[@]}"; do echo "- $note"; done
	echo
	echo "| target | value | target | met |"
	echo "|---|---:|---|---|"
	if has_mode details; then
		v="$(field details-1 p95_ms)"
		echo "| project details (project + first runs page), p95 at 1 caller | $v ms | < 10 ms | $(meets "$v" '<' 10) |"
		echo "| the same at $CONCURRENCY callers, p95 (pages/s) | $(field details p95_ms) ms ($(field details pages_per_s)) | — | — |"
	fi
	if has_mode deep; then
		v="$(field deep deep_over_first_p50)"
		echo "| runs page $DEEP_PAGES by keyset ÷ page 1, p50 ($(field deep deep_p50_ms) ÷ $(field deep first_p50_ms) ms) | $v | ≤ 2 | $(meets "$v" '<=' 2) |"
	fi
	if has_mode kpis && $HAVE_KPIS; then
		v="$(field kpis-1 p95_ms)"
		echo "| KPI tiles cached, p95 at 1 caller | $v ms | < 5 ms | $(meets "$v" '<' 5) |"
		echo "| floor: \`GET /actuator/health/liveness\` (no token, no database), p50 / p95 at 1 caller, right after | $(field floor p50_ms) / $(field floor p95_ms) ms | — | — |"
		echo "| the same at $CONCURRENCY callers, p95 (req/s) | $(field kpis p95_ms) ms ($(field kpis rps)) | — | — |"
		v="$(field kpis-uncached p95_ms)"
		echo "| KPI tiles uncached (each read after a run write evicted them), p95 at 1 caller | $v ms | < 50 ms | $(meets "$v" '<' 50) |"
		echo "| KPI tiles, first request of each tenant (cold JVM and cache), max of $TENANTS | $(field kpis-cold first_max_ms) ms | — | — |"
	fi
	if has_mode dashboard; then
		v="$(field dashboard p99_ms)"
		echo "| $USERS dashboard users, every request, p99 | $v ms | < 50 ms | $(meets "$v" '<' 50) |"
		echo "| dashboard errors | $(field dashboard errors) | 0 | $(meets "$(field dashboard errors)" '<=' 0) |"
		echo "| pool: connection timeouts during the dashboard (max active / size, max pending) | $POOL_TIMEOUTS ($POOL_MAX_ACTIVE / $POOL_SIZE, $POOL_MAX_PENDING) | 0 | $(meets "$POOL_TIMEOUTS" '<=' 0) |"
	fi
	echo
	echo '```'
	for line in "${LINES[@]}"; do echo "$line"; done
	echo '```'
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"
if ((ERRORS > 0)); then
	say "WARNING: $ERRORS failed request(s) (see $RESULTS): the figures are not valid measurements"
	exit 3
fi
say "done: $RESULTS"
