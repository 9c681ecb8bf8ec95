# shellcheck shell=bash
# What the bench scripts share (bench/auth-bench.sh, bench/scheduler-bench.sh, bench/agents-bench.sh,
# bench/ingestion-bench.sh, bench/console-bench.sh, bench/e2e-smoke.sh, bench/fault-campaign.sh,
# bench/pipelines-bench.sh). Source it after RESULTS is set (the results directory, which must exist):
#
#   source "$BENCH/lib.sh"
#
# It defines say/fail (to stderr and RESULTS/run.log), tracks the processes a script starts and stops them by pid
# on exit (never by name), and installs the EXIT/ERR/INT/TERM traps. Knobs, set before or after sourcing:
#   LIB_STOP_SECONDS   how long stop_pid waits after SIGTERM before SIGKILL (default 15)
#   LIB_POLL_SECONDS   how often wait_http polls (default 0.25)
#   LIB_SAY_UP         true: wait_http says "<name> is up" when the URL answers (default false)
#   JAVA, JVM_OPTS     the java binary and the options start_jar passes to it
#   PSQL_URL           the PostgreSQL superuser's URL, for superuser_psql and the db_* functions
# at_exit CMD... registers a command run on exit after the tracked processes are stopped (last registered, first
# run), e.g. to stop a database the script started.
# Set-up shared by the scripts (each documented where it is defined below):
#   wait_log NAME PID LINE WHAT [ON_FAILURE=fail]  waits for a tool's "listening" line in RESULTS/NAME.log
#   require_jdk [MIN_MAJOR=21]       JAVA_HOME (Temurin 25 when unset), JAVA, JAVA_MAJOR, JDK_DESC, MAVEN_OPTS
#   java_prop KEY                    a system property of $JAVA
#   require_tools TOOL...            fails unless every TOOL is on the PATH
#   mvnw_build WHAT FAILURE ARGS...  ./mvnw ARGS in the repository, output in RESULTS/build.log
#   superuser_psql ARGS...           psql as the superuser ($PSQL_URL), quiet, stopping at the first error
#   db_roles OWNER APP OWNER_PASSWORD APP_PASSWORD [OPTION]
#                                    the platform's roles: db/init/create-roles.sql only when both are missing
#   db_create NAME OWNER APP [NOTE]  a database owned by OWNER that APP may connect to
#   db_ensure NAME OWNER APP         db_create unless the database exists
#   db_vector NAME                   pgvector in the database NAME (as the superuser: it is not a trusted extension)
#   db_drop NAME                     DROP DATABASE NAME WITH (FORCE), e.g. from an at_exit hook
#   bench_session AUTH_URL PREFIX PASSWORD  registers PREFIX-<n>@example.com as the owner of a new tenant and logs in:
#                                    BENCH_TOKEN (exported) and BENCH_EMAIL
#   json_field FIELD < JSON          a top-level string field of a JSON object (jq when installed)
#   summary_field FILE PREFIX KEY    a key=value of a load client's summary line starting with PREFIX
#   percentiles FILE COLUMN          "n=… p50_ms=… p95_ms=… p99_ms=… max_ms=…" of the seconds in COLUMN of FILE
#   statuses FILE COLUMN             "code:count …" of the HTTP statuses in COLUMN of FILE
#   clean_redis_at_exit HOST PORT PREFIX  deletes the Redis keys under PREFIX on exit (when redis-cli is there)
#   db_settings                      PSQL_URL, DB_HOST, DB_PORT, the roles and their passwords from BENCH_*
#   machine_facts                    IDLE_BEFORE, CPU_MODEL, LOAD_AT_START for RESULTS/machine.txt and the reports
#   write_machine_txt STAMP ARGS [LINE...]  RESULTS/machine.txt from machine_facts, the JDK and LINEs
#   git_rev                          the checkout's short commit, with " (dirty)" when it has changes

: "${RESULTS:?set RESULTS (the results directory) before sourcing bench/lib.sh}"
LIB_STOP_SECONDS="${LIB_STOP_SECONDS:-15}"
LIB_POLL_SECONDS="${LIB_POLL_SECONDS:-0.25}"
LIB_SAY_UP="${LIB_SAY_UP:-false}"
# The repository's root (this file is bench/lib.sh).
LIB_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

say() { echo "[bench] $*" | tee -a "$RESULTS/run.log" >&2; }
fail() {
	echo "[bench] FAILED: $*" | tee -a "$RESULTS/run.log" >&2
	exit 1
}

# ---------------------------------------------------------------- processes we start (stopped by pid on exit)
PIDS=()
declare -A PID_MARKER=()
LAST_PID=""
EXIT_HOOKS=()

# stop_pid PID: SIGTERM, then SIGKILL after LIB_STOP_SECONDS, if PID is still the process we started.
stop_pid() {
	local pid="$1" marker="${PID_MARKER[$1]:-}"
	kill -0 "$pid" 2>/dev/null || return 0
	# Only signal the pid if it is still the process we started (guards against pid reuse).
	if [[ -n "$marker" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || return 0
	local tick
	for ((tick = 0; tick < LIB_STOP_SECONDS * 4; tick++)); do
		kill -0 "$pid" 2>/dev/null || return 0
		sleep 0.25
	done
	kill -KILL "$pid" 2>/dev/null || true
}

# kill9_pid PID: SIGKILL at once, if PID is still the process we started; waits until it is gone.
kill9_pid() {
	local pid="$1" marker="${PID_MARKER[$1]:-}"
	kill -0 "$pid" 2>/dev/null || return 0
	if [[ -n "$marker" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker"; then
		return 0
	fi
	kill -KILL "$pid" 2>/dev/null || return 0
	wait "$pid" 2>/dev/null || true
}

at_exit() {
	local IFS=' '
	EXIT_HOOKS+=("$*")
}

cleanup() {
	local rc=$? i
	trap - EXIT
	for pid in "${PIDS[@]}"; do
		stop_pid "$pid"
	done
	for ((i = ${#EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
		eval "${EXIT_HOOKS[i]}" || true
	done
	exit "$rc"
}
trap cleanup EXIT
trap 'echo "[bench] FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

# track PID MARKER: the process is stopped on exit if its command line still contains MARKER.
track() {
	PIDS+=("$1")
	PID_MARKER[$1]="$2"
}

# start_jar NAME JAR ARGS...: starts `java $JVM_OPTS -jar JAR ARGS` in the background, output in RESULTS/NAME.log
# (appended to, so that a restarted service keeps one log); its pid lands in LAST_PID and is stopped on exit.
start_jar() {
	local name="$1" jar="$2"
	shift 2
	# shellcheck disable=SC2086
	"$JAVA" ${JVM_OPTS:-} -jar "$jar" "$@" >>"$RESULTS/$name.log" 2>&1 &
	LAST_PID=$!
	track "$LAST_PID" "$jar"
	echo "$LAST_PID" >"$RESULTS/$name.pid"
	say "started $name (pid $LAST_PID), log $RESULTS/$name.log"
}

# start_java NAME MARKER ENV... -- JAVA-ARGS...: starts java in the background with the given environment, output in
# RESULTS/NAME.log (appended to); its pid lands in LAST_PID and is stopped on exit.
start_java() {
	local name="$1" marker="$2"
	shift 2
	local -a environment=()
	while [[ $# -gt 0 && "$1" != -- ]]; do
		environment+=("$1")
		shift
	done
	shift
	env "${environment[@]}" "$JAVA" "$@" >>"$RESULTS/$name.log" 2>&1 &
	LAST_PID=$!
	track "$LAST_PID" "$marker"
	echo "$LAST_PID" >"$RESULTS/$name.pid"
	say "started $name (pid $LAST_PID), log $RESULTS/$name.log"
}

# wait_http NAME URL PID [SECONDS=180]: waits until URL answers 2xx; fails when PID exits or time runs out.
wait_http() {
	local name="$1" url="$2" pid="$3" seconds="${4:-180}"
	local deadline=$((SECONDS + seconds))
	while ((SECONDS < deadline)); do
		if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
			if [[ "$LIB_SAY_UP" == true ]]; then say "$name is up ($url)"; fi
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			tail -n 40 "$RESULTS/$name.log" >&2 || true
			fail "$name exited while starting (full log: $RESULTS/$name.log)"
		fi
		sleep "$LIB_POLL_SECONDS"
	done
	tail -n 40 "$RESULTS/$name.log" >&2 || true
	curl -sS --max-time 2 "$url" >&2 || true
	fail "$name did not answer 2xx on $url within ${seconds}s (log: $RESULTS/$name.log)"
}

# wait_log NAME PID LINE WHAT [ON_FAILURE=fail]: waits up to 60 s until RESULTS/NAME.log has a line starting with
# LINE (a tool's "listening" line); when PID exits first (its log goes to stderr) or time runs out, calls ON_FAILURE
# with a message naming WHAT.
wait_log() {
	local name="$1" pid="$2" line="$3" what="$4" on_failure="${5:-fail}" log="$RESULTS/$1.log" _
	for _ in $(seq 1 240); do
		grep -q "^$line" "$log" && return 0
		kill -0 "$pid" 2>/dev/null || {
			cat "$log" >&2
			"$on_failure" "$what exited while starting"
		}
		sleep 0.25
	done
	grep -q "^$line" "$log" || "$on_failure" "$what did not start within 60 s (log $log)"
}

# Percentage of CPU time (all cores) spent idle over the next $1 seconds, from /proc/stat.
cpu_idle_pct() {
	local -a a b
	local i total=0 idle
	read -r -a a </proc/stat
	sleep "$1"
	read -r -a b </proc/stat
	for i in 1 2 3 4 5 6 7 8; do
		total=$((total + b[i] - a[i]))
	done
	idle=$((b[4] - a[4] + b[5] - a[5]))
	awk -v i="$idle" -v t="$total" 'BEGIN {printf "%.0f", (t > 0) ? 100 * i / t : 0}'
}

port_free() {
	[[ -z "$(ss -ltnH "( sport = :$1 )" 2>/dev/null)" ]]
}

# Waits up to 10 s for a port to be free (a stopped instance's socket, or a short-lived listener of someone else).
await_port_free() {
	local tries
	for tries in $(seq 1 40); do
		port_free "$1" && return 0
		((tries == 1)) && say "  port $1 is in use; waiting up to 10 s: $(ss -ltnpH "( sport = :$1 )" 2>/dev/null | head -n 1)"
		sleep 0.25
	done
	return 1
}

# pick_port VAR: sets VAR to a port in 20000-32767 that nothing listens on and that this script has not picked yet
# (below the kernel's ephemeral range, where an outgoing connection may hold a port nothing listens on).
LIB_PORTS_PICKED=" "
pick_port() {
	local port _
	for _ in $(seq 1 200); do
		port=$((20000 + RANDOM % 12768))
		if [[ "$LIB_PORTS_PICKED" != *" $port "* ]] && port_free "$port"; then
			LIB_PORTS_PICKED+="$port "
			printf -v "$1" '%s' "$port"
			return 0
		fi
	done
	fail "no free port found"
}

# ---------------------------------------------------------------- toolchain
# java_prop KEY: the system property KEY of $JAVA (from -XshowSettings:properties), or nothing.
java_prop() { "$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' -v k="$1" '$1 ~ "^ *" k "$" {print $2; exit}'; }

# require_jdk [MIN_MAJOR=21]: JAVA_HOME defaults to Temurin 25 when unset and installed; sets JAVA (the java binary),
# JAVA_MAJOR (its specification version, failing below MIN_MAJOR) and JDK_DESC ("vendor runtime-version"), and exports
# MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow when MAVEN_OPTS is unset and the JDK is 24 or later (Maven's
# libraries still use sun.misc.Unsafe; older JDKs do not know the option).
require_jdk() {
	local min="${1:-21}"
	if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
		export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
	fi
	JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
	command -v "$JAVA" >/dev/null || fail "no java found (set JAVA_HOME to a JDK >= $min)"
	JAVA_MAJOR="$(java_prop java.specification.version)"
	if ! [[ "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || ((JAVA_MAJOR < min)); then
		fail "JDK $JAVA_MAJOR found at $JAVA; a JDK >= $min is needed (set JAVA_HOME)"
	fi
	if [[ -z "${MAVEN_OPTS:-}" ]] && ((JAVA_MAJOR >= 24)); then
		export MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
	fi
	# shellcheck disable=SC2034 # read by the scripts (RESULTS/machine.txt, the reports)
	JDK_DESC="$(java_prop java.vm.vendor) $(java_prop java.runtime.version)"
}

# require_tools TOOL...: fails with "TOOL is required" for the first TOOL that is not on the PATH.
require_tools() {
	local tool
	for tool in "$@"; do
		command -v "$tool" >/dev/null || fail "$tool is required"
	done
}

# mvnw_build WHAT FAILURE ARGS...: says "building WHAT: ./mvnw ARGS" (naming the log the first time), runs ./mvnw ARGS
# in the repository's root with its output appended to RESULTS/build.log, and on failure prints the log's last 40
# lines and fails with FAILURE.
mvnw_build() {
	local what="$1" failure="$2" log="$RESULTS/build.log" note=""
	shift 2
	[[ -e "$log" ]] || note=" (log $log)"
	say "building $what: ./mvnw $*$note"
	(cd "$LIB_ROOT" && ./mvnw "$@") >>"$log" 2>&1 || {
		tail -n 40 "$log" >&2
		fail "$failure"
	}
}

# ---------------------------------------------------------------- the bench database on the machine's PostgreSQL
# db_settings: the connection settings the scripts share, from the environment (see the scripts' --help): PSQL_URL
# (BENCH_PSQL_URL, the superuser), DB_HOST and DB_PORT (BENCH_DB_HOST, BENCH_DB_PORT: where the services connect),
# OWNER_ROLE and APP_ROLE (the platform's roles), OWNER_PASSWORD and APP_PASSWORD (BENCH_DB_OWNER_PASSWORD,
# BENCH_DB_APP_PASSWORD; default the dev profile's).
# shellcheck disable=SC2034 # read by the scripts
db_settings() {
	PSQL_URL="${BENCH_PSQL_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
	DB_HOST="${BENCH_DB_HOST:-127.0.0.1}"
	DB_PORT="${BENCH_DB_PORT:-5432}"
	OWNER_ROLE=temponest_owner
	APP_ROLE=temponest_app
	OWNER_PASSWORD="${BENCH_DB_OWNER_PASSWORD:-temponest_owner}"
	APP_PASSWORD="${BENCH_DB_APP_PASSWORD:-temponest_app}"
}

# Every step logs to RESULTS/db-init.log.
superuser_psql() { psql "$PSQL_URL" -X -q -v ON_ERROR_STOP=1 "$@"; }

# db_roles OWNER APP OWNER_PASSWORD APP_PASSWORD [OPTION]: makes sure the platform's roles exist: db/init/create-roles.sql
# (with the passwords) when both are missing; when both exist it is not re-run (that would reset the passwords other
# users of this PostgreSQL rely on); one alone is an error. OPTION: the script's option to skip the set-up, named in
# the failures (e.g. --no-db-init).
db_roles() {
	local owner="$1" app="$2" owner_password="$3" app_password="$4" option="${5:-}" roles
	roles="$(superuser_psql -tAc "SELECT count(*) FROM pg_roles WHERE rolname IN ('$owner', '$app')" 2>>"$RESULTS/db-init.log")" ||
		fail "cannot reach PostgreSQL as the superuser at $PSQL_URL (see $RESULTS/db-init.log; set BENCH_PSQL_URL${option:+ or pass $option})"
	case "$roles" in
	2) say "database set-up: roles $owner and $app exist; db/init/create-roles.sql not re-run" ;;
	0)
		say "database set-up: psql -f db/init/create-roles.sql (creates $owner, $app and the temponest database; log $RESULTS/db-init.log)"
		superuser_psql -v owner_password="$owner_password" -v app_password="$app_password" \
			-f "$LIB_ROOT/db/init/create-roles.sql" >>"$RESULTS/db-init.log" 2>&1 ||
			fail "db/init/create-roles.sql failed (see $RESULTS/db-init.log)"
		;;
	*) fail "only one of the roles $owner and $app exists: create the other yourself (db/init/create-roles.sql would reset the existing one's password)${option:+ and pass $option}" ;;
	esac
}

# db_create NAME OWNER APP [NOTE]: creates the database NAME owned by OWNER, with the platform's grants: only APP
# may connect (and create temporary tables), nobody may create in its public schema. NOTE is added to the message.
db_create() {
	local name="$1" owner="$2" app="$3" note="${4:-}"
	say "database set-up: creating the database $name owned by $owner$note"
	superuser_psql >>"$RESULTS/db-init.log" 2>&1 <<-SQL || fail "could not create the database $name (see $RESULTS/db-init.log)"
		CREATE DATABASE $name OWNER $owner;
		REVOKE ALL ON DATABASE $name FROM PUBLIC;
		GRANT CONNECT, TEMPORARY ON DATABASE $name TO $app;
		\connect $name
		REVOKE CREATE ON SCHEMA public FROM PUBLIC;
	SQL
}

# db_ensure NAME OWNER APP: db_create when the database NAME does not exist yet.
db_ensure() {
	if [[ "$(superuser_psql -tAc "SELECT count(*) FROM pg_database WHERE datname = '$1'")" == 0 ]]; then
		db_create "$1" "$2" "$3"
	else
		say "database set-up: the database $1 exists"
	fi
}

# db_vector NAME: installs pgvector into the database NAME as the superuser (the ingestion service's migration needs
# it and may not create it: vector is not a trusted extension), as db/init/create-roles.sql does for temponest.
db_vector() {
	local name="$1" available
	available="$(superuser_psql -tAc "SELECT count(*) FROM pg_available_extensions WHERE name = 'vector'")" ||
		fail "cannot reach PostgreSQL as the superuser at $PSQL_URL"
	[[ "$available" == 1 ]] ||
		fail "pgvector is not installed on this PostgreSQL server (scripts/ensure-pgvector.sh builds it)"
	say "database set-up: CREATE EXTENSION vector in $name"
	printf '\\connect %s\nCREATE EXTENSION IF NOT EXISTS vector SCHEMA public;\n' "$name" |
		superuser_psql >>"$RESULTS/db-init.log" 2>&1 || fail "could not create the extension vector in $name (see $RESULTS/db-init.log)"
}

# db_drop NAME: drops the database NAME, closing its connections; a failure is only reported.
db_drop() {
	superuser_psql -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" >>"$RESULTS/db-init.log" 2>&1 ||
		say "WARNING: could not drop the database $1 (see $RESULTS/db-init.log)"
}

# ---------------------------------------------------------------- a user of the auth service, and the answers' fields
# json_field FIELD < JSON: the string value of a top-level FIELD (jq when installed, else a sed match).
json_field() {
	if command -v jq >/dev/null; then
		jq -r --arg f "$1" '.[$f] // empty' 2>/dev/null || true
	else
		sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
	fi
}

# summary_field FILE PREFIX KEY: the value of KEY=value on FILE's line whose first word is PREFIX (a load client's
# summary line, e.g. "QUERIES requests=500 ok=500 p50_ms=..."), or nothing.
summary_field() {
	awk -v p="$2" -v k="$3" '$1 == p {for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == k) {print a[2]; exit}}}' "$1"
}

# bench_session AUTH_URL PREFIX PASSWORD: POST /auth/register of PREFIX-<random>@example.com (lower-cased; the owner
# of a new tenant, so its token carries every agents:* permission), then POST /auth/login; exports BENCH_TOKEN (the
# access token) and sets BENCH_EMAIL. The answers are kept in RESULTS/register.json and RESULTS/login.json. The
# auth service must run without its per-address rate limits (register is limited to 3/h).
bench_session() {
	local auth="$1" prefix="$2" password="$3" code
	BENCH_EMAIL="$prefix-$RANDOM@example.com"
	BENCH_EMAIL="${BENCH_EMAIL,,}"
	say "registering $BENCH_EMAIL (owner of a new tenant)"
	code="$(curl -sS -o "$RESULTS/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$password\",\"full_name\":\"Bench User\"}" "$auth/auth/register")"
	[[ "$code" == 200 || "$code" == 201 ]] || fail "POST /auth/register answered $code: $(head -c 500 "$RESULTS/register.json")"
	code="$(curl -sS -o "$RESULTS/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$password\"}" "$auth/auth/login")"
	[[ "$code" == 200 ]] || fail "POST /auth/login answered $code: $(head -c 500 "$RESULTS/login.json")"
	BENCH_TOKEN="$(json_field access_token <"$RESULTS/login.json")"
	[[ -n "$BENCH_TOKEN" ]] || fail "POST /auth/login returned no access_token"
	export BENCH_TOKEN
}

# ---------------------------------------------------------------- shared Redis
# clean_redis HOST PORT PREFIX: deletes the keys under PREFIX.
clean_redis() {
	redis-cli -h "$1" -p "$2" --scan --pattern "$3*" 2>/dev/null |
		xargs -r -n 100 redis-cli -h "$1" -p "$2" del >/dev/null 2>&1 || true
}

# clean_redis_at_exit HOST PORT PREFIX: clean_redis on exit, when redis-cli is installed.
clean_redis_at_exit() {
	if command -v redis-cli >/dev/null; then
		at_exit clean_redis "$(printf '%q %q %q' "$1" "$2" "$3")"
	fi
}

# ---------------------------------------------------------------- the machine, for RESULTS/machine.txt
# machine_facts: sets IDLE_BEFORE (cpu_idle_pct over 3 s), CPU_MODEL (lscpu's model name) and LOAD_AT_START.
# shellcheck disable=SC2034 # read by the scripts
machine_facts() {
	IDLE_BEFORE="$(cpu_idle_pct 3)"
	CPU_MODEL="$(lscpu 2>/dev/null | awk -F: '/^Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
	LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
}

# git_rev: the short commit of the checkout, or "unknown", followed by " (dirty)" when it has uncommitted changes.
git_rev() {
	echo "$(cd "$LIB_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$LIB_ROOT" && [[ -n "$(git status --porcelain 2>/dev/null)" ]] && echo ' (dirty)')"
}

# write_machine_txt STAMP ARGS [LINE...]: writes RESULTS/machine.txt (date STAMP, cores, CPU, memory, the JDK, each
# LINE, kernel, load and idle at start, the commit, the script's arguments ARGS); call machine_facts and require_jdk
# first.
write_machine_txt() {
	local stamp="$1" args="$2" line
	shift 2
	{
		echo "date: $stamp"
		echo "nproc: $(nproc)"
		echo "cpu: ${CPU_MODEL:-unknown}"
		echo "memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
		echo "jdk: $JDK_DESC ($JAVA)"
		for line in "$@"; do echo "$line"; done
		echo "kernel: $(uname -r)"
		echo "loadavg at start: $LOAD_AT_START"
		echo "cpu idle over 3 s before start: ${IDLE_BEFORE}%"
		echo "git: $(git_rev)"
		echo "args: $args"
	} >"$RESULTS/machine.txt"
}

# ---------------------------------------------------------------- latency and status summaries of a load run
# percentiles FILE COLUMN: "n=… p50_ms=… p95_ms=… p99_ms=… max_ms=…" of the seconds in COLUMN of FILE (nearest rank).
percentiles() {
	awk -v c="$2" '{print $c * 1000}' "$1" | sort -n | awk '
		{v[NR] = $1}
		function rank(p) {i = int(NR * p / 100 + 0.999999); if (i < 1) i = 1; return v[i]}
		END {
			if (NR == 0) {print "n=0"; exit}
			printf "n=%d p50_ms=%.1f p95_ms=%.1f p99_ms=%.1f max_ms=%.1f\n", NR, rank(50), rank(95), rank(99), v[NR]
		}'
}
# statuses FILE COLUMN: "code:count …" of the HTTP statuses in COLUMN of FILE.
statuses() { awk -v c="$2" '{n[$c]++} END {for (s in n) printf "%s:%d ", s, n[s]}' "$1" | sed 's/ $//'; }

# ---------------------------------------------------------------- JSON calls of a harness (curl; tokens in header files)
CODE=""
BODY=""
# call NAME METHOD URL [HEADERS-FILE] [JSON]: the answer's status in CODE and its body in BODY (also RESULTS/NAME.json).
# HEADERS-FILE holds headers for curl -H @file (a bearer token stays off the command line).
call() {
	local name="$1" method="$2" url="$3" headers="${4:-}" data="${5:-}"
	local -a args=(-sS -o "$RESULTS/$name.json" -w '%{http_code}' --max-time 30 -X "$method" -H 'Accept: application/json')
	[[ -n "$headers" ]] && args+=(-H "@$headers")
	[[ -n "$data" ]] && args+=(-H 'Content-Type: application/json' -d "$data")
	CODE="$(curl "${args[@]}" "$url" 2>>"$RESULTS/curl.log")" || CODE="000"
	BODY="$(cat "$RESULTS/$name.json" 2>/dev/null || true)"
}
# expect WHAT CODES...: fails unless the last call answered one of CODES.
expect() {
	local what="$1" code
	shift
	for code in "$@"; do [[ "$CODE" == "$code" ]] && return 0; done
	fail "$what answered $CODE, expected $*: $(head -c 400 <<<"$BODY")"
}
# field JQ-PATH: that member of the last call's body, empty when absent.
field() { jq -r "$1 // empty" <<<"$BODY" 2>/dev/null || true; }
# now_ms: the wall clock in milliseconds.
now_ms() { date +%s%3N; }

# ---------------------------------------------------------------- CPU time of processes (where the cores went)
# cpu_ticks PID: user + system clock ticks the process has used so far (0 when it is gone).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# postgres_ticks: the same, summed over every PostgreSQL process (the run's connections and the server's own).
postgres_ticks() {
	local pid total=0
	for pid in $(pgrep -x postgres 2>/dev/null); do
		total=$((total + $(cpu_ticks "$pid")))
	done
	echo "$total"
}
# cpu_used BEFORE AFTER: "name=seconds" of CPU each process used between two snapshots.
cpu_used() {
	awk -v hz="$(getconf CLK_TCK)" 'NR == FNR {b[$1] = $2; next} {printf "%s=%.1f ", $1, ($2 - b[$1]) / hz}' "$1" "$2" |
		sed 's/ $//'
}
