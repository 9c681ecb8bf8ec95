#!/usr/bin/env bash
# Fault campaign: runs the auth and scheduler services as processes on a private PostgreSQL cluster and breaks things
# under a fixed-rate load (bench/fault-load): the database stopped for a while, auth killed with kill -9, the scheduler
# killed with kill -9 while every-second cron schedules run. Prints a Markdown summary; raw outputs go to
# bench/results/<timestamp>/. --short is the CI version. See bench/README.md and docs/OPERATIONS.md "Fault campaign".
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/fault-campaign.sh [options]

  --short                 the CI version: 5 s database outage and one auth kill, fewer users (about 2 minutes)
  --skip-build            use the jars already built (services/*/target/*-service.jar, bench/*/target/*.jar)
  --users N               users of the load (default 10; --short 5)
  --rate N                requests per second of the load (default 20)
  --outage SECONDS        how long the database stays stopped (default 20; --short 5)
  --register N            accounts registered during the auth kill scenario (default 20; --short 6)
  --schedules N           every-second cron schedules of the scheduler kill scenario (default 20; not in --short)
  --recovery-limit S      a service that answers no 2xx within S seconds of its fault's end is a failure (default 30)
  --dev-key               let auth generate its temporary signing key (dev profile) instead of reading a key file made
                          for the run: then every token dies with the process, and the auth kill logs everyone out
  -h, --help              this help

Hard failures (exit 1): any HTTP 500, any account that answered 201 on registration and cannot log in afterwards,
a service that does not recover within the recovery limit (from the database's restart; for a killed service, from
its restarted process answering /actuator/health). Everything else is reported as a figure.

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_JVM_OPTS (JVM
options of the services; default none, with --short "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), BENCH_REDIS_HOST/BENCH_REDIS_PORT (the shared Redis, 127.0.0.1:6379: keys under a
prefix unique to the run, deleted at exit), PG_BINDIR (default: the newest /usr/lib/postgresql/*/bin).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

SHORT=false
SKIP_BUILD=false
DEV_KEY=false
USERS=""
RATE=20
OUTAGE=""
REGISTER=""
SCHEDULES=20
RECOVERY_LIMIT=30
JVM_OPTS="${BENCH_JVM_OPTS-}"
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
PASSWORD="FaultCampaign123"
ARGS_GIVEN="$*"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--short) SHORT=true ;;
	--skip-build) SKIP_BUILD=true ;;
	--users) USERS="$2"; shift ;;
	--rate) RATE="$2"; shift ;;
	--outage) OUTAGE="$2"; shift ;;
	--register) REGISTER="$2"; shift ;;
	--schedules) SCHEDULES="$2"; shift ;;
	--recovery-limit) RECOVERY_LIMIT="$2"; shift ;;
	--dev-key) DEV_KEY=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
SCHED_PRE=15 STUCK_AFTER=60
if $SHORT; then
	# CI checks correctness, not speed: C1 only and the serial collector start the JVMs faster on 2 busy cores.
	JVM_OPTS="${BENCH_JVM_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC}"
	USERS="${USERS:-5}" OUTAGE="${OUTAGE:-5}" REGISTER="${REGISTER:-6}"
	DB_PRE=5 DB_POST=15 AUTH_PRE=5 AUTH_POST=15
else
	USERS="${USERS:-10}" OUTAGE="${OUTAGE:-20}" REGISTER="${REGISTER:-20}"
	DB_PRE=10 DB_POST=30 AUTH_PRE=10 AUTH_POST=30
fi
for n in "$USERS" "$RATE" "$OUTAGE" "$REGISTER" "$SCHEDULES" "$RECOVERY_LIMIT"; do
	if ! [[ "$n" =~ ^[0-9]+$ ]] || ((n < 1)); then
		echo "Not a whole number >= 1: $n" >&2
		exit 64
	fi
done

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-fault"
mkdir -p "$RESULTS"
# say/fail, the processes started (stopped by pid on exit), kill9_pid, start_java, wait_http, pick_port, at_exit.
LIB_SAY_UP=true
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"
WALL_START=$SECONDS
HARD_FAILURES=()
hard_failure() {
	HARD_FAILURES+=("$*")
	say "HARD FAILURE: $*"
}

# ---------------------------------------------------------------- toolchain
require_jdk 21
require_tools curl ss awk psql redis-cli sort openssl
PG_BINDIR="${PG_BINDIR:-$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)}"
[[ -x "$PG_BINDIR/initdb" && -x "$PG_BINDIR/pg_ctl" ]] || fail "no initdb/pg_ctl under PG_BINDIR=$PG_BINDIR"

AUTH_JAR="$ROOT/services/auth/target/auth-service.jar"
SCHEDULER_JAR="$ROOT/services/scheduler/target/scheduler-service.jar"
AGENTS_JAR="$BENCH/scheduler-load/target/scheduler-load.jar"
LOAD_JAR="$BENCH/fault-load/target/fault-load.jar"

if ! $SKIP_BUILD; then
	mvnw_build "the services" "the reactor does not build; see $RESULTS/build.log" -q -B -DskipTests package
	mvnw_build "the bench modules" "the bench modules do not build; see $RESULTS/build.log" \
		-q -B -DskipTests -f bench/pom.xml package -pl scheduler-load,fault-load
fi
for jar in "$AUTH_JAR" "$SCHEDULER_JAR" "$AGENTS_JAR" "$LOAD_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done
BUILT_AT=$SECONDS

{
	echo "date: $STAMP"
	echo "nproc: $(nproc)"
	echo "cpu: $(lscpu 2>/dev/null | awk -F: '/^Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
	echo "memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
	echo "jdk: $("$JAVA" -version 2>&1 | head -n 1)"
	echo "postgresql: $("$PG_BINDIR/postgres" --version)"
	echo "loadavg at start: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "git: $(git_rev)"
	echo "args: $ARGS_GIVEN"
} >"$RESULTS/machine.txt"

# ---------------------------------------------------------------- private PostgreSQL cluster
# initdb refuses to run as root: as root, the cluster belongs to the postgres OS user.
as_pg() {
	if [[ "$(id -u)" == 0 ]]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}
PG_DIR="$(mktemp -d /tmp/temponest-fault.XXXXXX)"
PG_DATA="$PG_DIR/data"
PG_STARTED=false
[[ "$(id -u)" != 0 ]] || chown postgres: "$PG_DIR"
# On exit: stop the cluster this run started (its own pid file, never the shared server), then remove its directory.
stop_cluster() {
	if $PG_STARTED && [[ -f "$PG_DATA/postmaster.pid" ]]; then
		as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -m immediate -w stop >>"$RESULTS/postgres-ctl.log" 2>&1 || true
	fi
	rm -rf -- "$PG_DIR"
}
at_exit stop_cluster
PG_PORT=""
pick_port PG_PORT
pg_start() {
	as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/postgres.log" -w -t 60 \
		-o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c max_connections=100" start >>"$RESULTS/postgres-ctl.log" 2>&1
}
pg_stop() {
	as_pg "$PG_BINDIR/pg_ctl" -D "$PG_DATA" -m fast -w -t 60 stop >>"$RESULTS/postgres-ctl.log" 2>&1
}
super_psql() { psql -X -q -v ON_ERROR_STOP=1 -h "$PG_DIR" -p "$PG_PORT" -U postgres "$@"; }
db_value() { super_psql -d temponest -tA -F $'\t' -c "$1"; }

say "private PostgreSQL: initdb into $PG_DATA, port $PG_PORT"
as_pg "$PG_BINDIR/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 \
	>>"$RESULTS/postgres-ctl.log" 2>&1 || fail "initdb failed (see $RESULTS/postgres-ctl.log)"
PG_STARTED=true
pg_start || fail "the private PostgreSQL did not start (see $RESULTS/postgres-ctl.log and $PG_DIR/postgres.log)"
OWNER_PASSWORD="owner-$RANDOM$RANDOM" APP_PASSWORD="app-$RANDOM$RANDOM"
super_psql -d postgres -v owner_password="$OWNER_PASSWORD" -v app_password="$APP_PASSWORD" \
	-f "$ROOT/db/init/create-roles.sql" >>"$RESULTS/db-init.log" 2>&1 || fail "db/init/create-roles.sql failed (see $RESULTS/db-init.log)"

# ---------------------------------------------------------------- shared Redis, keys under this run's prefix
REDIS_PREFIX="fault-$STAMP-$$:"
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 || fail "Redis at $REDIS_HOST:$REDIS_PORT does not answer"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- services
DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/temponest"
AUTH_PORT="" SCHEDULER_PORT="" AGENTS_PORT=""
pick_port AUTH_PORT
pick_port SCHEDULER_PORT
pick_port AGENTS_PORT
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
SCHEDULER_URL="http://127.0.0.1:$SCHEDULER_PORT"
AGENTS_URL="http://127.0.0.1:$AGENTS_PORT"
# The scheduler's token-exchange client secret, one for the run: auth (dev profile) and the scheduler (no profile,
# which has no default) both read SERVICE_CLIENT_SCHEDULER_SECRET.
CLIENT_SECRET="$(openssl rand -hex 32)" || fail "openssl could not generate the client secret"
COMMON_ENV=("DB_URL=$DB_URL" "DB_USER=temponest_app" "DB_PASSWORD=$APP_PASSWORD" "DB_OWNER_USER=temponest_owner"
	"DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0" "PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX"
	"SERVICE_CLIENT_SCHEDULER_SECRET=$CLIENT_SECRET")

# The signing key, as in production a file that outlives the process (unless --dev-key).
AUTH_ENV=()
if ! $DEV_KEY; then
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$PG_DIR/jwt-key.pem" 2>>"$RESULTS/run.log" ||
		fail "openssl could not generate the signing key"
	chmod 644 "$PG_DIR/jwt-key.pem"
	AUTH_ENV=("JWT_PRIVATE_KEY_FILE=$PG_DIR/jwt-key.pem" "JWT_KEY_ID=fault-$STAMP")
fi

start_auth() {
	# The dev profile (bootstrap superuser), INFO logging, the per-IP limits of login, refresh and register raised:
	# the load comes from one address.
	# shellcheck disable=SC2086
	start_java auth "$AUTH_JAR" "${COMMON_ENV[@]}" "${AUTH_ENV[@]}" -- $JVM_OPTS -jar "$AUTH_JAR" --spring.profiles.active=dev \
		"--server.port=$AUTH_PORT" --logging.level.io.temponest=INFO \
		--platform.ratelimit.routes.login.limit=1000000 --platform.ratelimit.routes.refresh.limit=1000000 \
		--platform.ratelimit.routes.register.limit=1000000
	AUTH_PID="$LAST_PID"
}
start_scheduler() {
	# shellcheck disable=SC2086
	start_java scheduler "$SCHEDULER_JAR" "${COMMON_ENV[@]}" "AUTH_SERVICE_URL=$AUTH_URL" "AGENT_SERVICE_URL=$AGENTS_URL" \
		"SCHEDULER_INSTANCE_ID=fault-$$" RATE_LIMIT_SCHEDULE_CREATE=100000 -- $JVM_OPTS -jar "$SCHEDULER_JAR" \
		"--server.port=$SCHEDULER_PORT" --logging.level.io.temponest=INFO
	SCHEDULER_PID="$LAST_PID"
}

start_java fake-agents "$AGENTS_JAR" -- -jar "$AGENTS_JAR" "$AGENTS_PORT" 0 0
AGENTS_PID="$LAST_PID"
# Side by side: each migrates its own schema, and the scheduler fetches auth's keys on first use.
start_auth
start_scheduler
wait_http auth "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http scheduler "$SCHEDULER_URL/actuator/health" "$SCHEDULER_PID" 240
wait_http fake-agents "$AGENTS_URL/stats" "$AGENTS_PID" 60
STARTED_AT=$SECONDS

# ---------------------------------------------------------------- load
# start_load NAME REGISTRATIONS REGISTER-OVER-SECONDS: runs the load client in the background (LOAD_PID) until
# stop_load (at most 10 minutes); waits for its "LOAD started" line and sets LOAD_T0 (epoch ms).
start_load() {
	local name="$1" registrations="$2" over="$3" _
	LOAD_STOP="$RESULTS/.stop-$name"
	start_java "load-$name" "$LOAD_JAR" -- -jar "$LOAD_JAR" load --auth "$AUTH_URL" --scheduler "$SCHEDULER_URL" \
		--users "$USERS" --rate "$RATE" --duration 600 --stop-file "$LOAD_STOP" --register "$registrations" \
		--register-over "$over" --prefix "fault-$STAMP-$name" --password "$PASSWORD" --out "$RESULTS/requests-$name.tsv"
	LOAD_PID="$LAST_PID"
	for _ in $(seq 1 480); do
		grep -q '^LOAD started' "$RESULTS/load-$name.log" && break
		kill -0 "$LOAD_PID" 2>/dev/null || { cat "$RESULTS/load-$name.log" >&2; fail "the load client exited during its set-up"; }
		sleep 0.25
	done
	LOAD_T0="$(sed -n 's/^LOAD started t0=\([0-9]*\).*/\1/p' "$RESULTS/load-$name.log")"
	[[ -n "$LOAD_T0" ]] || fail "the load client did not start within 120 s (log $RESULTS/load-$name.log)"
}

# stop_load EPOCH_MS: ends the load at that time and waits for its last requests.
stop_load() {
	sleep_until "$1"
	touch "$LOAD_STOP"
	wait "$LOAD_PID" || true
	rm -f "$LOAD_STOP"
}

# sleep_until EPOCH_MS
sleep_until() {
	local ms=$(($1 - $(now_ms)))
	((ms <= 0)) || sleep "$(awk -v m="$ms" 'BEGIN {printf "%.3f", m / 1000}')"
}

# stats FILE FROM_MS TO_MS ENDPOINT-REGEX: for requests sent in [FROM, TO): "n 2xx 4xx 503 500 other none max_ms p99_ms".
stats() {
	awk -F'\t' -v from="$2" -v to="$3" -v re="$4" '
		$1 >= from && $1 < to && $2 ~ re {
			n++; s = $3 + 0
			if (s >= 200 && s < 300) ok++; else if (s == 503) u++; else if (s == 500) e++
			else if (s >= 400 && s < 500) c++; else if (s == 0) none++; else other++
			print $4 > "/dev/stderr"
		}
		END { printf "%d %d %d %d %d %d %d", n, ok, c, u, e, other, none }' "$1" 2>"$RESULTS/.lat"
	if [[ -s "$RESULTS/.lat" ]]; then
		sort -n "$RESULTS/.lat" | awk '{a[NR] = $1} END {i = int(NR * 0.99 + 0.999); if (i < 1) i = 1; printf " %d %d\n", a[NR], a[i]}'
	else
		echo " - -"
	fi
}

# first_ok FILE FROM_MS ENDPOINT-REGEX: ms from FROM to the completion of the first 2xx sent at or after FROM ("-": none).
first_ok() {
	awk -F'\t' -v from="$2" -v re="$3" '$1 >= from && $2 ~ re && $3 >= 200 && $3 < 300 {
		t = $1 + $4 - from; if (best == "" || t < best) best = t } END { print (best == "") ? "-" : best }' "$1"
}

# count_status FILE STATUS: requests of the whole run (set-up included) that answered STATUS.
count_status() { awk -F'\t' -v s="$2" '$3 == s {n++} END {print n + 0}' "$1"; }

# log_state NAME: "lines stack_frames events" of a service log so far (an event: a line that starts with a timestamp).
log_state() { awk '{n++} /^[[:space:]]+at [a-zA-Z]/ {f++} /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/ {e++} END {printf "%d %d %d", n, f, e}' "$RESULTS/$1.log"; }

secs() { awk -v m="$1" 'BEGIN {if (m == "-" || m == "") print "—"; else printf "%.1f", m / 1000}'; }

SUMMARY="$RESULTS/summary.md"
: >"$SUMMARY"
row() { echo "$*" >>"$SUMMARY"; }

# ---------------------------------------------------------------- scenario 1: the database stopped under load
scenario_db() {
	local file="$RESULTS/requests-db.tsv" f0 f1 stopped back a0 s0 a1 s1 ep
	say "scenario 1: database stopped for ${OUTAGE}s under ${RATE} req/s"
	start_load db 0 1
	sleep_until $((LOAD_T0 + DB_PRE * 1000))
	local auth_frames0 sched_frames0 auth_events0 sched_events0
	read -r a0 auth_frames0 auth_events0 <<<"$(log_state auth)"
	read -r s0 sched_frames0 sched_events0 <<<"$(log_state scheduler)"
	f0="$(now_ms)"
	pg_stop || fail "pg_ctl stop failed (see $RESULTS/postgres-ctl.log)"
	stopped="$(now_ms)"
	sleep_until $((f0 + OUTAGE * 1000))
	f1="$(now_ms)"
	pg_start || fail "the private PostgreSQL did not start again (see $RESULTS/postgres-ctl.log)"
	back="$(now_ms)"
	a1="$(log_state auth)"
	s1="$(log_state scheduler)"
	say "  database stopped in $((stopped - f0)) ms, restarted at +$(secs $((f1 - f0))) s, accepting connections at +$(secs $((back - f0))) s"
	stop_load $((back + DB_POST * 1000))
	{
		echo "outage_start_ms $f0"
		echo "stopped_ms $stopped"
		echo "restart_issued_ms $f1"
		echo "accepting_ms $back"
	} >"$RESULTS/db-timeline.txt"

	row "### 1. Database stopped for ${OUTAGE} s (\`pg_ctl stop -m fast\`, then \`start\`) under ${RATE} req/s, ${USERS} users"
	row ""
	row "| endpoint | requests while down | 2xx | 4xx | 503 | 500 | other | no answer | max latency while down (ms) | p99 while down (ms) | restart → first 2xx (s) | non-2xx after restart |"
	row "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for ep in me refresh schedules; do
		local -a st
		read -r -a st <<<"$(stats "$file" "$f0" "$back" "^$ep\$")"
		local rec after
		rec="$(first_ok "$file" "$back" "^$ep\$")"
		after="$(stats "$file" "$back" 99999999999999 "^$ep\$" | awk '{print $1 - $2}')"
		row "| $ep | ${st[0]} | ${st[1]} | ${st[2]} | ${st[3]} | ${st[4]} | ${st[5]} | ${st[6]} | ${st[7]} | ${st[8]} | $(secs "$rec") | $after |"
		if [[ "$rec" == "-" ]] || ((rec > RECOVERY_LIMIT * 1000)); then
			hard_failure "database outage: $ep answered no 2xx within ${RECOVERY_LIMIT}s of the database accepting connections again (first 2xx: $(secs "$rec") s)"
		fi
	done
	row ""
	row "Log written while the database was down: auth $(($(cut -d' ' -f1 <<<"$a1") - a0)) lines ($(($(cut -d' ' -f3 <<<"$a1") - auth_events0)) events, $(($(cut -d' ' -f2 <<<"$a1") - auth_frames0)) stack-trace frames), scheduler $(($(cut -d' ' -f1 <<<"$s1") - s0)) lines ($(($(cut -d' ' -f3 <<<"$s1") - sched_events0)) events, $(($(cut -d' ' -f2 <<<"$s1") - sched_frames0)) stack-trace frames)."
	row ""
}

# ---------------------------------------------------------------- scenario 2: auth killed under the refresh load
scenario_auth() {
	local file="$RESULTS/requests-auth.tsv" f0 ready ep
	say "scenario 2: kill -9 of auth under ${RATE} req/s, ${REGISTER} registrations, then restart"
	# The registrations are spread over the seconds before the kill and the first two after it.
	start_load auth "$REGISTER" $((AUTH_PRE + 2))
	sleep_until $((LOAD_T0 + AUTH_PRE * 1000))
	f0="$(now_ms)"
	kill9_pid "$AUTH_PID"
	start_auth
	wait_http auth "$AUTH_URL/actuator/health" "$AUTH_PID" 240
	ready="$(now_ms)"
	say "  auth killed and restarted: answering /actuator/health $(secs $((ready - f0))) s after the kill"
	stop_load $((ready + AUTH_POST * 1000))
	printf 'kill_ms %s\nready_ms %s\n' "$f0" "$ready" >"$RESULTS/auth-timeline.txt"

	local in_flight logged_out rejected registered
	in_flight="$(awk -F'\t' -v k="$f0" '$2 == "refresh" && $1 <= k && ($1 + $4 >= k || $3 == 0) {n++} END {print n + 0}' "$file")"
	logged_out="$(awk -F'\t' '$2 == "refresh" && $3 == 401 {u[$5] = 1} END {print length(u)}' "$file")"
	rejected="$(awk -F'\t' -v r="$ready" '$1 >= r && ($2 == "me" || $2 == "schedules") && $3 == 401 {n++} END {print n + 0}' "$file")"
	awk -F'\t' '$2 == "register" && $3 == 201 {print $5}' "$file" >"$RESULTS/accounts-registered.txt"
	registered="$(wc -l <"$RESULTS/accounts-registered.txt")"
	"$JAVA" -jar "$LOAD_JAR" check-accounts --auth "$AUTH_URL" --password "$PASSWORD" \
		--emails "$RESULTS/accounts-registered.txt" --out "$RESULTS/requests-accounts.tsv" >"$RESULTS/accounts-check.log" 2>&1 ||
		fail "the account check failed (see $RESULTS/accounts-check.log)"
	local lost
	lost="$(sed -n 's/^ACCOUNTS .* lost=\([0-9]*\).*/\1/p' "$RESULTS/accounts-check.log")"
	[[ -n "$lost" ]] || fail "the account check printed no result (see $RESULTS/accounts-check.log)"
	((lost == 0)) || hard_failure "$lost of $registered accounts that answered 201 cannot log in after the restart (see $RESULTS/accounts-check.log)"

	row "### 2. \`kill -9\` of auth under ${RATE} req/s (a third of them refreshes), restarted at once"
	row ""
	row "| endpoint | requests kill → ready | 2xx | 4xx | 503 | 500 | other | no answer | ready → first 2xx (s) | non-2xx after ready |"
	row "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
	for ep in me refresh register schedules; do
		local -a st
		read -r -a st <<<"$(stats "$file" "$f0" "$ready" "^$ep\$")"
		local rec after
		rec="$(first_ok "$file" "$ready" "^$ep\$")"
		after="$(stats "$file" "$ready" 99999999999999 "^$ep\$" | awk '{print $1 - $2}')"
		row "| $ep | ${st[0]} | ${st[1]} | ${st[2]} | ${st[3]} | ${st[4]} | ${st[5]} | ${st[6]} | $(secs "$rec") | $after |"
	done
	# Recovered: some /auth/me or /auth/refresh answered 2xx (a logged-out user's 401 is a right answer).
	local rec_any
	rec_any="$(first_ok "$file" "$ready" '^(me|refresh)$')"
	if [[ "$rec_any" == "-" ]] || ((rec_any > RECOVERY_LIMIT * 1000)); then
		hard_failure "auth kill: neither /auth/me nor /auth/refresh answered 2xx within ${RECOVERY_LIMIT}s of auth being ready again"
	fi
	row ""
	row "- kill → restarted auth answering \`/actuator/health\`: $(secs $((ready - f0))) s (JVM start on this machine); signing key: $($DEV_KEY && echo 'generated at start (dev profile, --dev-key)' || echo 'a PEM file kept across the restart')"
	row "- refreshes in flight at the kill: $in_flight; users logged out (a refresh answered 401, their token family revoked): **$logged_out of $USERS**"
	row "- access tokens rejected after the restart (\`/auth/me\` or \`/schedules\` answered 401, then refreshed): $rejected"
	row "- accounts registered during the load (201): $registered; cannot log in after the restart: **$lost**"
	row ""
}

# ---------------------------------------------------------------- scenario 3: the scheduler killed while cron schedules run
scenario_scheduler() {
	local file="$RESULTS/requests-scheduler.tsv" token email code i created f0 ready
	say "scenario 3: $SCHEDULES every-second cron schedules, kill -9 of the scheduler, restart"
	email="fault-$STAMP-owner@example.com"
	code="$(curl -sS -o "$RESULTS/owner-register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"email\":\"$email\",\"password\":\"$PASSWORD\",\"full_name\":\"Fault Campaign\"}" "$AUTH_URL/auth/register")"
	[[ "$code" == 201 ]] || fail "POST /auth/register answered $code"
	token="$(curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$email\",\"password\":\"$PASSWORD\"}" \
		"$AUTH_URL/auth/login" | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')"
	[[ -n "$token" ]] || fail "no access token for the schedule owner"
	curl -fsS -X POST "$AGENTS_URL/reset" >/dev/null
	for ((i = 1; i <= SCHEDULES; i++)); do
		code="$(curl -sS -o "$RESULTS/schedule-$i.json" -w '%{http_code}' -H "Authorization: Bearer $token" \
			-H 'Content-Type: application/json' \
			-d "{\"name\":\"fault-$i\",\"cron_expression\":\"* * * * * *\",\"agent_name\":\"bench\",\"task_payload\":{},\"max_retries\":0,\"timeout_seconds\":30}" \
			"$SCHEDULER_URL/schedules")"
		[[ "$code" == 201 ]] || fail "POST /schedules answered $code: $(head -c 400 "$RESULTS/schedule-$i.json")"
	done
	created="$(now_ms)"
	start_load scheduler 0 1
	sleep_until $((LOAD_T0 + SCHED_PRE * 1000))
	f0="$(now_ms)"
	kill9_pid "$SCHEDULER_PID"
	start_scheduler
	wait_http scheduler "$SCHEDULER_URL/actuator/health" "$SCHEDULER_PID" 240
	ready="$(now_ms)"
	say "  scheduler killed and restarted: answering /actuator/health $(secs $((ready - f0))) s after the kill; waiting ${STUCK_AFTER}s"
	sleep_until $((ready + STUCK_AFTER * 1000))
	local measured
	measured="$(now_ms)"
	stop_load "$measured"
	printf 'created_ms %s\nkill_ms %s\nready_ms %s\nmeasured_ms %s\n' "$created" "$f0" "$ready" "$measured" >"$RESULTS/scheduler-timeline.txt"
	sleep 2
	local agents repeats
	agents="$(curl -fsS "$AGENTS_URL/stats")"
	echo "$agents" >"$RESULTS/scheduler-agents.txt"
	repeats="$(awk '{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == "repeats") print a[2]}}' <<<"$agents")"
	db_value "SELECT status, count(*) FROM scheduler.task_executions GROUP BY 1 ORDER BY 1" >"$RESULTS/scheduler-statuses.txt"
	# Whole seconds from 3 s after the creation to 3 s before the measurement: every schedule is due every second.
	local w0=$((created / 1000 + 3)) w1=$((measured / 1000 - 3)) k0=$((f0 / 1000)) r0=$((ready / 1000))
	local -a q
	IFS=$'\t' read -r -a q <<<"$(db_value "
		WITH w AS (SELECT DISTINCT scheduled_task_id, scheduled_for FROM scheduler.task_executions
			WHERE scheduled_for >= to_timestamp($w0) AND scheduled_for < to_timestamp($w1))
		SELECT
			(SELECT count(*) FROM scheduler.task_executions
				WHERE status IN ('running', 'pending') AND coalesce(started_at, created_at) < to_timestamp($measured / 1000.0) - interval '60 seconds'),
			(SELECT count(*) FROM w),
			(SELECT count(*) FROM w WHERE scheduled_for >= to_timestamp($k0) AND scheduled_for < to_timestamp($r0)),
			(SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM scheduler.task_executions
				GROUP BY scheduled_task_id, scheduled_for HAVING count(*) > 1) d),
			(SELECT round(extract(epoch FROM min(started_at) - to_timestamp($f0 / 1000.0)) * 1000)
				FROM scheduler.task_executions WHERE started_at > to_timestamp($f0 / 1000.0)),
			(SELECT count(*) FROM scheduler.task_executions WHERE status = 'running' AND started_at < to_timestamp($f0 / 1000.0)),
			(SELECT count(*) FROM scheduler.task_executions WHERE attempts > 1)")"
	local expected=$(((w1 - w0) * SCHEDULES)) expected_down=$(((r0 - k0) * SCHEDULES))
	local stuck="${q[0]}" seen="${q[1]}" seen_down="${q[2]}" dup_rows="${q[3]}" resume="${q[4]}" orphaned="${q[5]}" reattempted="${q[6]}"
	local -a st
	read -r -a st <<<"$(stats "$file" "$f0" "$ready" '^schedules$')"
	local rec
	rec="$(first_ok "$file" "$ready" '^schedules$')"
	if [[ "$rec" == "-" ]] || ((rec > RECOVERY_LIMIT * 1000)); then
		hard_failure "scheduler kill: /schedules answered no 2xx within ${RECOVERY_LIMIT}s of the scheduler being ready again"
	fi

	row "### 3. \`kill -9\` of the scheduler while $SCHEDULES every-second cron schedules run, restarted at once"
	row ""
	row "| figure | value |"
	row "|---|---:|"
	row "| kill → restarted scheduler answering \`/actuator/health\` (s) | $(secs $((ready - f0))) |"
	row "| kill → first execution started after the kill (s) | $(secs "${resume:--}") |"
	row "| \`GET /schedules\` kill → ready: requests / 2xx / no answer / 500 | ${st[0]} / ${st[1]} / ${st[6]} / ${st[4]} |"
	row "| \`GET /schedules\` ready → first 2xx (s) | $(secs "$rec") |"
	row "| executions started before the kill and still \`running\` at the end | $orphaned |"
	row "| executions attempted more than once | $reattempted |"
	row "| executions still \`running\`/\`pending\` ${STUCK_AFTER} s after the restart (older than 60 s) | **$stuck** |"
	row "| repeated agent calls (fake agents \`repeats\`) | **$repeats** |"
	row "| duplicate executions of one occurrence (rows) | $dup_rows |"
	row "| occurrences due in the ${SCHEDULES} × $((w1 - w0)) s window / executed | $expected / $seen |"
	row "| skipped occurrences (whole window) | **$((expected - seen))** |"
	row "| … of which due between the kill and the restart ($((r0 - k0)) s) | $((expected_down - seen_down)) of $expected_down |"
	row ""
	row "Executions by status at the end: $(tr '\t\n' ' ;' <"$RESULTS/scheduler-statuses.txt")"
	row ""
}

# ---------------------------------------------------------------- run
scenario_db
scenario_auth
$SHORT || scenario_scheduler

TOTAL_500=0
for f in "$RESULTS"/requests-*.tsv; do
	TOTAL_500=$((TOTAL_500 + $(count_status "$f" 500)))
done
((TOTAL_500 == 0)) || hard_failure "$TOTAL_500 request(s) answered 500 (grep -P '\\t500\\t' $RESULTS/requests-*.tsv)"
TOTAL_REQUESTS="$(cat "$RESULTS"/requests-*.tsv | wc -l)"
TOTAL_FAILED="$(cat "$RESULTS"/requests-*.tsv | awk -F'\t' '!($3 >= 200 && $3 < 300) {n++} END {print n + 0}')"

{
	echo "# TempoNest fault campaign — $STAMP$($SHORT && echo ' (--short)')"
	echo
	echo "- Command: \`bench/fault-campaign.sh $ARGS_GIVEN\`; machine: $(nproc) cores, $(awk -F': ' '/^cpu:/ {print $2}' "$RESULTS/machine.txt"), $(awk -F': ' '/^memory:/ {print $2}' "$RESULTS/machine.txt"), $(awk -F': ' '/^postgresql:/ {print $2}' "$RESULTS/machine.txt"), load average at start $(awk -F': ' '/^loadavg/ {print $2}' "$RESULTS/machine.txt"); git $(awk -F': ' '/^git:/ {print $2}' "$RESULTS/machine.txt")"
	echo "- Services as processes (auth dev profile, scheduler, fake agents) on a private PostgreSQL cluster (port $PG_PORT), shared Redis under the key prefix \`$REDIS_PREFIX\`; service JVM options: \`${JVM_OPTS:-none}\`; load: bench/fault-load, ${RATE} req/s over ${USERS} users (\`GET /auth/me\`, \`POST /auth/refresh\` with the newest refresh token, \`GET /schedules\`)"
	echo "- All requests: $TOTAL_REQUESTS, not 2xx: $TOTAL_FAILED, **500: $TOTAL_500**; wall time $((SECONDS - WALL_START)) s (build $((BUILT_AT - WALL_START)) s, start-up $((STARTED_AT - BUILT_AT)) s)"
	echo "- Raw outputs: \`bench/results/$STAMP-fault/\` (requests-*.tsv: epoch_ms endpoint status latency_ms user error)"
	echo
	cat "$SUMMARY"
	if ((${#HARD_FAILURES[@]} > 0)); then
		echo "**Hard failures:**"
		echo
		for f in "${HARD_FAILURES[@]}"; do echo "- $f"; done
	else
		echo "No hard failure (no 500, no lost account, every service answered 2xx within ${RECOVERY_LIMIT} s of its fault's end)."
	fi
} >"$RESULTS/report.md"
cat "$RESULTS/report.md"
rm -f "$RESULTS/.lat"
((${#HARD_FAILURES[@]} == 0)) || exit 1
say "done in $((SECONDS - WALL_START)) s: $RESULTS"
