#!/usr/bin/env bash
# Benchmarks the TempoNest auth service (GET /auth/me, POST /auth/login, a login storm) against framework floors
# (bench/floor-app) and raw bcrypt (bench/bcrypt-timer) measured in the same run, and prints a Markdown table of
# medians and ratios. Raw wrk outputs go to bench/results/<timestamp>/. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/auth-bench.sh [options]

  --floor-only            run only the floors (/floor, /floor/secured) and the bcrypt timer; no auth service
  --skip-build            use the jars already built (no Maven)
  --duration SECONDS      measured length of every wrk run (default 20, env BENCH_DURATION)
  --warmup SECONDS        unrecorded warm-up per endpoint before round 1 (default 10, env BENCH_WARMUP)
  --rounds N              interleaved rounds per scenario; the table shows medians (default 3, env BENCH_ROUNDS)
  --login-connections N   connections of the login-latency run (default 1, env BENCH_LOGIN_CONNECTIONS)
  --storm-logins N        concurrent logins during the storm (default 50, env BENCH_STORM_LOGINS)
  --auth-arg KEY=VALUE    extra --KEY=VALUE for the auth service jar (repeatable), e.g. --auth-arg spring.datasource.url=...
  --no-db-init            do not run db/init/create-roles.sql before starting the auth service
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_AUTH_JAR (default
services/auth/target/auth-service.jar, e.g. to compare another build), BENCH_JVM_OPTS (JVM options
for both the floor app and the auth service), BENCH_FLOOR_PORT (9190), BENCH_AUTH_PORT (9002),
BENCH_PSQL_URL (postgresql://postgres@127.0.0.1:5432/postgres, used for db/init only), BENCH_DB_OWNER_PASSWORD and
BENCH_DB_APP_PASSWORD (only needed when the temponest database and roles do not exist yet: passed to
db/init/create-roles.sql and to the service as spring.flyway.password / spring.datasource.password).
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
WRK_DIR="$BENCH/wrk"

DURATION="${BENCH_DURATION:-20}"
WARMUP="${BENCH_WARMUP:-10}"
ROUNDS="${BENCH_ROUNDS:-3}"
CONNECTIONS=64
THREADS=2
LOGIN_CONNECTIONS="${BENCH_LOGIN_CONNECTIONS:-1}"
STORM_LOGINS="${BENCH_STORM_LOGINS:-50}"
STORM_LEAD=3
FLOOR_PORT="${BENCH_FLOOR_PORT:-9190}"
AUTH_PORT="${BENCH_AUTH_PORT:-9002}"
PSQL_URL="${BENCH_PSQL_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
JVM_OPTS="${BENCH_JVM_OPTS:-}"
FLOOR_ONLY=false
SKIP_BUILD=false
DB_INIT=true
EXTRA_AUTH_ARGS=()
RATE_LIMIT_ARGS=()
PASSWORD="BenchPassword123"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--floor-only) FLOOR_ONLY=true ;;
	--skip-build) SKIP_BUILD=true ;;
	--duration) DURATION="$2"; shift ;;
	--warmup) WARMUP="$2"; shift ;;
	--rounds) ROUNDS="$2"; shift ;;
	--login-connections) LOGIN_CONNECTIONS="$2"; shift ;;
	--storm-logins) STORM_LOGINS="$2"; shift ;;
	--auth-arg) EXTRA_AUTH_ARGS+=("--${2#--}"); shift ;;
	--no-db-init) DB_INIT=false ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
for n in "$DURATION" "$WARMUP" "$ROUNDS" "$LOGIN_CONNECTIONS" "$STORM_LOGINS"; do
	[[ "$n" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $n" >&2; exit 64; }
done
((ROUNDS >= 1 && DURATION >= 1 && LOGIN_CONNECTIONS >= 1 && STORM_LOGINS >= 1)) || { echo "rounds, duration and connections must be >= 1" >&2; exit 64; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP"
mkdir -p "$RESULTS"
METRICS="$RESULTS/metrics.tsv"
printf 'scenario\tround\trps\tp50_ms\tp99_ms\tsocket_errors\tstatus_errors\trequests\n' >"$METRICS"

# say/fail, the processes started (stopped by pid on exit), start_jar, wait_http, cpu_idle_pct, port_free.
LIB_SAY_UP=true
LIB_POLL_SECONDS=0.5
# shellcheck source=lib.sh source-path=SCRIPTDIR
source "$BENCH/lib.sh"

json_field() { # field < json
	if command -v jq >/dev/null; then
		jq -r --arg f "$1" '.[$f] // empty' 2>/dev/null || true
	else
		sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
	fi
}

# ---------------------------------------------------------------- auth service configuration and database
# Prints the auth service's packaged configuration files (from the jar, else from the source tree), each line
# prefixed with its file name.
auth_config() {
	local f
	if command -v unzip >/dev/null && [[ -f "$AUTH_JAR" ]]; then
		for f in $(unzip -Z1 "$AUTH_JAR" 2>/dev/null | grep -E '^BOOT-INF/classes/application[^/]*\.(ya?ml|properties)$' || true); do
			unzip -p "$AUTH_JAR" "$f" | sed "s|^|${f##*/}\t|"
		done
	else
		for f in "$ROOT"/services/auth/src/main/resources/application*.{yml,yaml,properties}; do
			[[ -f "$f" ]] && sed "s|^|${f##*/}\t|" "$f"
		done
	fi
	return 0
}

# Prints the id of the platform.ratelimit route whose path is $1, read from the auth service's configuration
# (YAML block style or properties), or nothing.
route_id_for() {
	cut -f2- "$RESULTS/auth-config.txt" | awk -v p="$1" '
		{ sub(/\r$/, "") }
		match($0, /^platform\.ratelimit\.routes\.[^.]+\.path *[=:] */) {
			v = substr($0, RLENGTH + 1); gsub(/["\047 ]/, "", v); sub(/\/$/, "", v)
			if (v == p) { split($0, k, "."); print k[4]; exit }
			next
		}
		{
			match($0, /^ */); ind = RLENGTH
			line = $0; sub(/^ +/, "", line); sub(/ +#.*$/, "", line)
			if (line ~ /^[A-Za-z0-9_.-]+: *$/) {
				for (i in key) if (i + 0 >= ind) delete key[i]
				sub(/: *$/, "", line); key[ind] = line
			} else if (line ~ /^path: */) {
				v = line; sub(/^path: */, "", v); gsub(/["\047 ]/, "", v); sub(/\/$/, "", v)
				if (v == p) {
					best = -1
					for (i in key) if (i + 0 < ind && i + 0 > best) best = i + 0
					if (best >= 0) { print key[best]; exit }
				}
			}
		}'
}

psql_value() { psql "$PSQL_URL" -tAqc "$1" 2>>"$RESULTS/db-init.log"; }

# Runs db/init/create-roles.sql unless the temponest database and roles exist already (re-running it would reset
# the role passwords that other users of this PostgreSQL rely on).
db_init() {
	local sql="$ROOT/db/init/create-roles.sql"
	[[ -f "$sql" ]] || return 0
	command -v psql >/dev/null || fail "psql is needed for db/init/create-roles.sql (or pass --no-db-init)"
	local roles db
	roles="$(psql_value "SELECT count(*) FROM pg_roles WHERE rolname IN ('temponest_owner', 'temponest_app')")" ||
		fail "cannot reach PostgreSQL at $PSQL_URL (see $RESULTS/db-init.log; set BENCH_PSQL_URL or pass --no-db-init)"
	db="$(psql_value "SELECT count(*) FROM pg_database WHERE datname = 'temponest'")"
	if [[ "$roles" == 2 && "$db" == 1 ]]; then
		say "database set-up: the temponest database and roles exist; db/init/create-roles.sql not re-run"
		return 0
	fi
	[[ -n "${BENCH_DB_OWNER_PASSWORD:-}" && -n "${BENCH_DB_APP_PASSWORD:-}" ]] ||
		fail "the temponest database or roles are missing: set BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (the passwords the auth service's dev profile expects) so that db/init/create-roles.sql can create them, or set the database up yourself and pass --no-db-init"
	say "database set-up: psql -f db/init/create-roles.sql (log $RESULTS/db-init.log)"
	psql "$PSQL_URL" -v owner_password="$BENCH_DB_OWNER_PASSWORD" -v app_password="$BENCH_DB_APP_PASSWORD" \
		-f "$sql" >>"$RESULTS/db-init.log" 2>&1 || fail "db/init/create-roles.sql failed (see $RESULTS/db-init.log)"
}

# ---------------------------------------------------------------- wrk runs and their numbers
bench_field() { # file key
	awk -v k="$2" '/^BENCH /{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == k) print a[2]}}' "$1"
}

# run_wrk NAME CONNECTIONS THREADS SECONDS TIMEOUT SCRIPT URL: runs in the foreground, output in RESULTS/NAME.txt.
run_wrk() {
	local name="$1" conns="$2" threads="$3" secs="$4" timeout="$5" script="$6" url="$7"
	say "wrk $name: ${conns} connections, ${threads} threads, ${secs}s -> $url"
	# In the background, so that a signal to this script is handled at once (bash defers traps while a foreground
	# child runs); the pid is stopped on exit like the apps.
	wrk -t "$threads" -c "$conns" -d "${secs}s" --timeout "$timeout" --latency -s "$WRK_DIR/$script" "$url" \
		>"$RESULTS/$name.txt" 2>&1 &
	track "$!" "$WRK_DIR/$script"
	wait "$!" || true
	check_wrk "$name"
}

check_wrk() {
	grep -q '^BENCH ' "$RESULTS/$1.txt" || {
		cat "$RESULTS/$1.txt" >&2
		fail "wrk run $1 produced no result (output: $RESULTS/$1.txt)"
	}
}

# record SCENARIO ROUND NAME: appends one line of the wrk run NAME to metrics.tsv.
record() {
	local f="$RESULTS/$3.txt"
	local socket=$(($(bench_field "$f" connect_errors) + $(bench_field "$f" read_errors) + $(bench_field "$f" write_errors) + $(bench_field "$f" timeouts)))
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$(bench_field "$f" rps)" "$(bench_field "$f" p50_ms)" \
		"$(bench_field "$f" p99_ms)" "$socket" "$(bench_field "$f" status_errors)" "$(bench_field "$f" requests)" >>"$METRICS"
}

# ---------------------------------------------------------------- toolchain
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
	export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
command -v "$JAVA" >/dev/null || fail "no java found (set JAVA_HOME to a JDK >= 21)"
java_prop() { "$JAVA" -XshowSettings:properties -version 2>&1 | awk -F' = ' -v k="$1" '$1 ~ "^ *" k "$" {print $2; exit}'; }
JAVA_MAJOR="$(java_prop java.specification.version)"
if ! [[ "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || ((JAVA_MAJOR < 21)); then
	fail "JDK $JAVA_MAJOR found at $JAVA; a JDK >= 21 is needed (set JAVA_HOME)"
fi
if [[ -z "${MAVEN_OPTS:-}" ]] && ((JAVA_MAJOR >= 24)); then
	export MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow
fi
JDK_DESC="$(java_prop java.vm.vendor) $(java_prop java.runtime.version)"

if ! command -v wrk >/dev/null; then
	say "wrk not found: installing Debian's package (apt-get install -y wrk)"
	SUDO=""
	[[ "$(id -u)" -eq 0 ]] || SUDO="sudo"
	$SUDO apt-get install -y wrk >>"$RESULTS/run.log" 2>&1 ||
		{ $SUDO apt-get update >>"$RESULTS/run.log" 2>&1 && $SUDO apt-get install -y wrk >>"$RESULTS/run.log" 2>&1; } ||
		fail "could not install wrk (see $RESULTS/run.log)"
fi
for tool in curl ss awk; do
	command -v "$tool" >/dev/null || fail "$tool is required"
done

FLOOR_JAR="$BENCH/floor-app/target/floor-app.jar"
BCRYPT_JAR="$BENCH/bcrypt-timer/target/bcrypt-timer.jar"
AUTH_JAR="${BENCH_AUTH_JAR:-$ROOT/services/auth/target/auth-service.jar}"

# ---------------------------------------------------------------- (a) build
if ! $SKIP_BUILD; then
	if ! $FLOOR_ONLY; then
		say "building the reactor: ./mvnw -q -B -DskipTests install (log $RESULTS/build.log)"
		(cd "$ROOT" && ./mvnw -q -B -DskipTests install) >>"$RESULTS/build.log" 2>&1 || {
			tail -n 40 "$RESULTS/build.log" >&2
			fail "the reactor (with services/auth) does not build; see $RESULTS/build.log. bench/auth-bench.sh --floor-only measures the floors alone"
		}
	fi
	say "building the bench modules: ./mvnw -q -B -DskipTests -f bench/pom.xml package"
	(cd "$ROOT" && ./mvnw -q -B -DskipTests -f bench/pom.xml package) >>"$RESULTS/build.log" 2>&1 || {
		tail -n 40 "$RESULTS/build.log" >&2
		fail "the bench modules do not build; see $RESULTS/build.log"
	}
fi
for jar in "$FLOOR_JAR" "$BCRYPT_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done
if ! $FLOOR_ONLY; then
	[[ -f "$AUTH_JAR" ]] || fail "$AUTH_JAR is missing: the auth service is not built yet. bench/auth-bench.sh --floor-only measures the floors alone"
fi

# ---------------------------------------------------------------- machine
IDLE_BEFORE="$(cpu_idle_pct 3)"
CPU_MODEL="$(lscpu 2>/dev/null | awk -F: '/^Model name/ {gsub(/^ +/, "", $2); print $2; exit}')"
LOAD_AT_START="$(cut -d' ' -f1-3 /proc/loadavg)"
WRK_VERSION="$( (wrk -v 2>&1 || true) | head -n 1 | awk '{print $1, $2}')"
{
	echo "date: $STAMP"
	echo "nproc: $(nproc)"
	echo "cpu: ${CPU_MODEL:-unknown}"
	echo "jdk: $JDK_DESC ($JAVA)"
	echo "wrk: $WRK_VERSION"
	echo "kernel: $(uname -r)"
	echo "loadavg at start: $LOAD_AT_START"
	echo "cpu idle over 3 s before start: ${IDLE_BEFORE}%"
	echo "git: $(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$ROOT" && [[ -n "$(git status --porcelain 2>/dev/null)" ]] && echo ' (dirty)')"
} >"$RESULTS/machine.txt"

# ---------------------------------------------------------------- (b) start the floor app and the auth service
port_free "$FLOOR_PORT" || fail "port $FLOOR_PORT is already in use (set BENCH_FLOOR_PORT)"
start_jar floor-app "$FLOOR_JAR" "--server.port=$FLOOR_PORT"
FLOOR_PID="$LAST_PID"
FLOOR_URL="http://127.0.0.1:$FLOOR_PORT"
wait_http floor-app "$FLOOR_URL/floor" "$FLOOR_PID" 120
FLOOR_TOKEN="$(curl -fsS "$FLOOR_URL/floor/token" | json_field access_token)"
[[ -n "$FLOOR_TOKEN" ]] || fail "the floor app gave no token on /floor/token"
[[ "$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $FLOOR_TOKEN" "$FLOOR_URL/floor/secured")" == 200 ]] ||
	fail "/floor/secured rejected the floor token"

AUTH_URL="http://127.0.0.1:$AUTH_PORT"
AUTH_ARGS=()
if ! $FLOOR_ONLY; then
	DB_ARGS=()
	if [[ -n "${BENCH_DB_APP_PASSWORD:-}" ]]; then DB_ARGS+=("--spring.datasource.password=$BENCH_DB_APP_PASSWORD"); fi
	if [[ -n "${BENCH_DB_OWNER_PASSWORD:-}" ]]; then DB_ARGS+=("--spring.flyway.password=$BENCH_DB_OWNER_PASSWORD"); fi
	$DB_INIT && db_init
	auth_config >"$RESULTS/auth-config.txt"
	# The auth service limits login to 5/min and register to 3/h per client IP. For this run only, the limit of the
	# routes configured for those paths is raised (the limiter itself stays in the measured path).
	for path in /auth/login /auth/register; do
		id="$(route_id_for "$path")"
		if [[ -n "$id" ]]; then
			RATE_LIMIT_ARGS+=("--platform.ratelimit.routes.$id.limit=1000000")
		else
			say "WARNING: no platform.ratelimit route for $path found in the auth service's configuration; its limit is not raised"
		fi
	done
	port_free "$AUTH_PORT" || fail "port $AUTH_PORT is already in use: stop the running auth service first (this run starts its own)"
	AUTH_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO "--server.port=$AUTH_PORT" "${RATE_LIMIT_ARGS[@]}" "${DB_ARGS[@]}" "${EXTRA_AUTH_ARGS[@]}")
	start_jar auth-service "$AUTH_JAR" "${AUTH_ARGS[@]}"
	AUTH_PID="$LAST_PID"
	wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 180

	# ------------------------------------------------------------ (c) register and log in
	EMAIL="bench-$STAMP-$RANDOM@example.com"
	EMAIL="${EMAIL,,}"
	say "registering $EMAIL"
	code="$(curl -sS -o "$RESULTS/register.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\",\"full_name\":\"Bench User\"}" "$AUTH_URL/auth/register")"
	case "$code" in
	200 | 201 | 409) ;;
	429) fail "POST /auth/register answered 429: the rate-limit override (${RATE_LIMIT_ARGS[*]}) did not apply; pass the right key with --auth-arg" ;;
	*) fail "POST /auth/register answered $code: $(head -c 500 "$RESULTS/register.json")" ;;
	esac
	code="$(curl -sS -o "$RESULTS/login.json" -w '%{http_code}' -H 'Content-Type: application/json' \
		-d "{\"email\":\"$EMAIL\",\"password\":\"$PASSWORD\"}" "$AUTH_URL/auth/login")"
	[[ "$code" == 200 ]] || fail "POST /auth/login answered $code: $(head -c 500 "$RESULTS/login.json")"
	AUTH_TOKEN="$(json_field access_token <"$RESULTS/login.json")"
	[[ -n "$AUTH_TOKEN" ]] || fail "POST /auth/login returned no access_token"
	code="$(curl -sS -o "$RESULTS/me.json" -w '%{http_code}' -H "Authorization: Bearer $AUTH_TOKEN" "$AUTH_URL/auth/me")"
	[[ "$code" == 200 ]] || fail "GET /auth/me answered $code with the fresh token: $(head -c 500 "$RESULTS/me.json")"
fi

# ---------------------------------------------------------------- (d) scenarios
export BENCH_EMAIL="${EMAIL:-}" BENCH_PASSWORD="$PASSWORD"
floor_scenarios=(floor secured)
$FLOOR_ONLY || floor_scenarios+=(me)

run_scenario() { # scenario run-name seconds
	case "$1" in
	floor) run_wrk "$2" "$CONNECTIONS" "$THREADS" "$3" 10s get.lua "$FLOOR_URL/floor" ;;
	secured) BENCH_TOKEN="$FLOOR_TOKEN" run_wrk "$2" "$CONNECTIONS" "$THREADS" "$3" 10s bearer.lua "$FLOOR_URL/floor/secured" ;;
	me) BENCH_TOKEN="$AUTH_TOKEN" run_wrk "$2" "$CONNECTIONS" "$THREADS" "$3" 10s bearer.lua "$AUTH_URL/auth/me" ;;
	login) run_wrk "$2" "$LOGIN_CONNECTIONS" 1 "$3" 30s login.lua "$AUTH_URL/auth/login" ;;
	esac
}

if ((WARMUP > 0)); then
	for s in "${floor_scenarios[@]}"; do
		run_scenario "$s" "warmup-$s" "$WARMUP"
	done
fi
for ((r = 1; r <= ROUNDS; r++)); do
	for s in "${floor_scenarios[@]}"; do
		run_scenario "$s" "round$r-$s" "$DURATION"
		record "$s" "$r" "round$r-$s"
	done
done

if ! $FLOOR_ONLY; then
	((WARMUP > 0)) && run_scenario login warmup-login "$WARMUP"
	for ((r = 1; r <= ROUNDS; r++)); do
		run_scenario login "round$r-login" "$DURATION"
		record login "$r" "round$r-login"
	done
fi

say "raw bcrypt: java -jar bcrypt-timer.jar 21 5"
"$JAVA" -jar "$BCRYPT_JAR" 21 5 >"$RESULTS/bcrypt.txt" 2>&1 &
track "$!" "$BCRYPT_JAR"
wait "$!" || { cat "$RESULTS/bcrypt.txt" >&2; fail "bcrypt timer failed"; }
BCRYPT_MEDIAN="$(awk '/^BCRYPT /{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == "encode_median_ms") print a[2]}}' "$RESULTS/bcrypt.txt")"
BCRYPT_SAMPLES="$(awk '/^BCRYPT /{for (i = 2; i <= NF; i++) {split($i, a, "="); if (a[1] == "samples") print a[2]}}' "$RESULTS/bcrypt.txt")"
[[ -n "$BCRYPT_MEDIAN" ]] || fail "bcrypt timer printed no median ($RESULTS/bcrypt.txt)"

if ! $FLOOR_ONLY; then
	for ((r = 1; r <= ROUNDS; r++)); do
		name="round$r-storm-login"
		say "storm round $r: $STORM_LOGINS concurrent logins, then /auth/me at $CONNECTIONS connections after ${STORM_LEAD}s"
		wrk -t 1 -c "$STORM_LOGINS" -d "$((DURATION + 2 * STORM_LEAD))s" --timeout 30s --latency -s "$WRK_DIR/login.lua" \
			"$AUTH_URL/auth/login" >"$RESULTS/$name.txt" 2>&1 &
		storm_pid=$!
		track "$storm_pid" "$WRK_DIR/login.lua"
		sleep "$STORM_LEAD"
		BENCH_TOKEN="$AUTH_TOKEN" run_wrk "round$r-storm-me" "$CONNECTIONS" "$THREADS" "$DURATION" 10s bearer.lua "$AUTH_URL/auth/me"
		wait "$storm_pid" || true
		check_wrk "$name"
		record storm-me "$r" "round$r-storm-me"
		record storm-login "$r" "round$r-storm-login"
	done
fi

# ---------------------------------------------------------------- (e) report
IDLE_AFTER="$(cpu_idle_pct 3)"
values() { awk -F'\t' -v s="$1" -v c="$2" 'NR > 1 && $1 == s {print $c}' "$METRICS"; }
median() { sort -g | awk '{a[NR] = $1} END {if (NR == 0) exit; print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
total() { awk '{t += $1} END {print t + 0}'; }
range() { sort -g | awk 'NR == 1 {lo = $1} {hi = $1} END {if (NR > 1) printf " (%s–%s)", lo, hi}'; }
ratios() { # numerator denominator [column, default 3 = req/s]: per-round ratios
	awk -F'\t' -v n="$1" -v d="$2" -v c="${3:-3}" 'NR > 1 && $1 == n {a[$2] = $c} NR > 1 && $1 == d {b[$2] = $c}
		END {for (r in a) if ((r in b) && b[r] > 0) printf "%.2f\n", a[r] / b[r]}' "$METRICS"
}
fmt() { awk -v v="$1" -v f="$2" 'BEGIN {if (v == "") print "n/a"; else printf f, v}'; }
meets() { # value op threshold
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {if (v == "") {print "—"; exit}
		ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : v < t; print ok ? "yes" : "**no**"}'
}

STATUS_ERRORS=0
row() { # scenario label connections [counted]: non-2xx answers of a counted scenario make the run invalid
	local s="$1" counted="${4:-true}"
	if [[ -z "$(values "$s" 3)" ]]; then
		printf '| %s | %s | not run | | | |\n' "$2" "$3"
		return
	fi
	local socket status
	socket="$(values "$s" 6 | total)"
	status="$(values "$s" 7 | total)"
	if [[ "$counted" == true ]]; then
		STATUS_ERRORS=$((STATUS_ERRORS + status))
	fi
	printf '| %s | %s | %s | %s | %s | %s |\n' "$2" "$3" "$(fmt "$(values "$s" 3 | median)" %.0f)" \
		"$(fmt "$(values "$s" 4 | median)" %.2f)" "$(fmt "$(values "$s" 5 | median)" %.2f)" \
		"$([[ $socket == 0 && $status == 0 ]] && echo 0 || echo "⚠ $status non-2xx, $socket socket/timeouts")"
}

ME_FLOOR="$(ratios me floor | median)"
ME_SECURED="$(ratios me secured | median)"
SECURED_FLOOR="$(ratios secured floor | median)"
LOGIN_P50="$(values login 4 | median)"
LOGIN_MINUS_BCRYPT=""
if [[ -n "$LOGIN_P50" ]]; then
	LOGIN_MINUS_BCRYPT="$(awk -v a="$LOGIN_P50" -v b="$BCRYPT_MEDIAN" 'BEGIN {printf "%.1f", a - b}')"
fi
ME_RPS="$(values me 3 | median)"
ME_P99="$(values me 5 | median)"
STORM_P99="$(values storm-me 5 | median)"

{
	echo "# TempoNest auth benchmark — $STAMP"
	echo
	echo "- Machine: $(nproc) cores (nproc), CPU ${CPU_MODEL:-unknown}, JDK $JDK_DESC, $WRK_VERSION"
	echo "- CPU idle over 3 s before the apps started: ${IDLE_BEFORE}%, after the last run (apps idle): ${IDLE_AFTER}% — well below 90% means another workload shared the cores and the absolute numbers are disturbed (ratios less so)"
	echo "- Run: $ROUNDS interleaved round(s) × ${DURATION}s per scenario after a ${WARMUP}s warm-up each; wrk --latency, $CONNECTIONS connections / $THREADS threads unless noted; every figure is the median over the rounds, ratios are medians of per-round ratios (min–max in brackets)"
	if $FLOOR_ONLY; then
		echo "- **--floor-only**: the auth service was not started; its rows are empty"
	else
		echo "- Auth service: \`java -jar ${AUTH_JAR#"$ROOT"/} ${AUTH_ARGS[*]//password=*/password=***}\`"
	echo "- **Rate limits raised for this run** (login 5/min and register 3/h per IP otherwise): ${RATE_LIMIT_ARGS[*]:-none found — see the warnings}"
	fi
	echo "- Raw outputs: \`bench/results/$STAMP/\`"
	echo
	echo "| scenario | connections | req/s | p50 ms | p99 ms | errors |"
	echo "|---|---:|---:|---:|---:|---|"
	row floor "GET /floor (bare Spring MVC floor)" "$CONNECTIONS"
	row secured "GET /floor/secured (Spring Security RS256 floor)" "$CONNECTIONS"
	row me "GET /auth/me" "$CONNECTIONS"
	row login "POST /auth/login" "$LOGIN_CONNECTIONS"
	row storm-me "GET /auth/me during the login storm" "$CONNECTIONS"
	row storm-login "POST /auth/login (the storm)" "$STORM_LOGINS" false
	echo
	echo "| derived | value | target (DESIGN.md §12) | met |"
	echo "|---|---:|---|---|"
	echo "| /auth/me ÷ /floor (req/s) | $(fmt "$ME_FLOOR" %.2f)$(ratios me floor | range) | — | |"
	echo "| /auth/me ÷ /floor/secured (req/s) | $(fmt "$ME_SECURED" %.2f)$(ratios me secured | range) | ≥ 0.50 | $(meets "$ME_SECURED" '>=' 0.5) |"
	echo "| /floor/secured ÷ /floor (req/s) | $(fmt "$SECURED_FLOOR" %.2f)$(ratios secured floor | range) | — | |"
	echo "| /auth/me req/s | $(fmt "$ME_RPS" %.0f) | ≥ 5000 | $(meets "$ME_RPS" '>=' 5000) |"
	echo "| /auth/me p99 | $(fmt "$ME_P99" '%.2f ms') | < 20 ms | $(meets "$ME_P99" '<' 20) |"
	echo "| /auth/me p99 ÷ /floor/secured p99 | $(fmt "$(ratios me secured 5 | median)" %.2f)$(ratios me secured 5 | range) | — | |"
	echo "| raw bcrypt \$2b\$ cost 12 (median of $BCRYPT_SAMPLES hashes) | $(fmt "$BCRYPT_MEDIAN" '%.1f ms') | — | |"
	echo "| login p50 − bcrypt median | $(fmt "$LOGIN_MINUS_BCRYPT" '%.1f ms') | ≤ 5 ms | $(meets "$LOGIN_MINUS_BCRYPT" '<=' 5) |"
	echo "| /auth/me p99 during $STORM_LOGINS concurrent logins | $(fmt "$STORM_P99" '%.2f ms') | < 20 ms | $(meets "$STORM_P99" '<' 20) |"
} >"$RESULTS/summary.md"
cat "$RESULTS/summary.md"

if ((STATUS_ERRORS > 0)); then
	say "WARNING: $STATUS_ERRORS non-2xx responses under load (see the raw outputs): the numbers above are not valid measurements"
	exit 3
fi
say "done: $RESULTS"
