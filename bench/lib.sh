# shellcheck shell=bash
# Process handling shared by the bench scripts (bench/auth-bench.sh, bench/scheduler-bench.sh,
# bench/fault-campaign.sh). Source it after RESULTS is set (the results directory, which must exist):
#
#   source "$BENCH/lib.sh"
#
# It defines say/fail (to stderr and RESULTS/run.log), tracks the processes a script starts and stops them by pid
# on exit (never by name), and installs the EXIT/ERR/INT/TERM traps. Knobs, set before or after sourcing:
#   LIB_STOP_SECONDS   how long stop_pid waits after SIGTERM before SIGKILL (default 15)
#   LIB_POLL_SECONDS   how often wait_http polls (default 0.25)
#   LIB_SAY_UP         true: wait_http says "<name> is up" when the URL answers (default false)
#   JAVA, JVM_OPTS     the java binary and the options start_jar passes to it
# at_exit CMD... registers a command run on exit after the tracked processes are stopped (last registered, first
# run), e.g. to stop a database the script started.

: "${RESULTS:?set RESULTS (the results directory) before sourcing bench/lib.sh}"
LIB_STOP_SECONDS="${LIB_STOP_SECONDS:-15}"
LIB_POLL_SECONDS="${LIB_POLL_SECONDS:-0.25}"
LIB_SAY_UP="${LIB_SAY_UP:-false}"

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

# pick_port VAR: sets VAR to a port in 20000-39999 that nothing listens on and that this script has not picked yet.
LIB_PORTS_PICKED=" "
pick_port() {
	local port _
	for _ in $(seq 1 200); do
		port=$((20000 + RANDOM % 20000))
		if [[ "$LIB_PORTS_PICKED" != *" $port "* ]] && port_free "$port"; then
			LIB_PORTS_PICKED+="$port "
			printf -v "$1" '%s' "$port"
			return 0
		fi
	done
	fail "no free port found"
}
