#!/usr/bin/env bash
# Proves that the jlink runtime of a service is complete: links it with docker/jlink.sh, lays the
# application out exactly as docker/Dockerfile does (layered extraction, other platforms' native libraries
# removed), checks the image size estimate against docker/image-size-baseline.json, starts the service on
# that runtime against the local PostgreSQL and Redis, and waits until the image's health check
# (docker/HealthCheck.java, run on the linked java) reports /actuator/health UP. Builds nothing.
#
#   docker/verify-runtime.sh [--aot] SERVICE      # SERVICE = a directory under services/, e.g. auth
#
# Needs services/SERVICE/target/SERVICE-service.jar (./mvnw -DskipTests install first).
#   --aot  also does what the image's AOT target does (training run without database, then a start with
#          -XX:AOTCache) and reports the time to healthy and the cache size of that variant.
#
# Environment (defaults in brackets):
#   JAVA_HOME         the JDK to link from [newest Temurin under /usr/lib/jvm]
#   VERIFY_PROFILES   Spring profiles for the run [dev]
#   VERIFY_TIMEOUT    seconds to wait for UP [90]
#   PGHOST/PGPORT/PGUSER  superuser connection used to check (and if missing, create) the temponest
#                     database and roles with the dev passwords, like scripts/run-local.sh [127.0.0.1/5432/postgres]
#   VERIFY_KEEP=1     keep the work directory (runtime, application, logs)
#   IMAGE_BASE_BYTES  the base image's size in the estimate [26214400 = 25 MiB: distroless/cc-debian12, about 23 MB]
#
# Prints runtime size, application size and time to healthy; exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

aot=false
if [ "${1:-}" = "--aot" ]; then aot=true; shift; fi
[ $# -eq 1 ] || { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
svc=$1
jar="services/$svc/target/$svc-service.jar"
[ -d "services/$svc" ] || { echo "verify-runtime: no service directory services/$svc" >&2; exit 2; }
[ -f "$jar" ] || { echo "verify-runtime: $jar not built (./mvnw -B -DskipTests install -pl services/$svc -am)" >&2; exit 2; }

if [ -z "${JAVA_HOME:-}" ]; then
  # shellcheck disable=SC2012  # JDK directory names: no spaces or newlines; sort -V picks the newest
  for candidate in $(ls -d /usr/lib/jvm/temurin-*-jdk* 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/bin/jlink" ]; then export JAVA_HOME=$candidate; break; fi
  done
fi
[ -x "${JAVA_HOME:-}/bin/javac" ] || { echo "verify-runtime: set JAVA_HOME to a JDK 21+" >&2; exit 2; }
profiles=${VERIFY_PROFILES:-dev}
timeout_s=${VERIFY_TIMEOUT:-90}

work=$(mktemp -d "${TMPDIR:-/tmp}/verify-$svc.XXXXXX")
pid=
stop_service() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    wait "$pid" 2>/dev/null || true
  fi
  pid=
}
cleanup() {
  stop_service
  if [ "${VERIFY_KEEP:-0}" = 1 ]; then echo "verify-runtime: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
fail() {
  echo "verify-runtime: FAILED ($svc): $*" >&2
  for log in "$work"/*.log; do
    [ -f "$log" ] && { echo "--- last lines of $(basename "$log")" >&2; tail -n 60 "$log" >&2; }
  done
  exit 1
}
# The image's JVM options, health check options and AOT training arguments (docker/Dockerfile). Checked
# against the Dockerfile below, so that what is verified here is what the image runs.
JVM_OPTIONS=(@jvm.options)
HEALTHCHECK_OPTIONS=(-Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m)
AOT_TRAINING=(@jvm.options -XX:AOTCacheOutput=app.aot -Dspring.context.exit=onRefresh -jar app.jar --spring.profiles.active=dev
  --spring.flyway.enabled=false --spring.data.jdbc.dialect=postgresql
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none --spring.data.redis.url=redis://127.0.0.1:1
  --temponest.auth.jwt.dev-key-location=)
# "a", "b", "c": how the Dockerfile's exec-form (JSON) instructions spell an argument list.
json_args() { local out=; for arg in "$@"; do out="$out${out:+, }\"$arg\""; done; echo "$out"; }
for expected in "$(json_args "${JVM_OPTIONS[@]}" -jar app.jar)" \
  "$(json_args "${HEALTHCHECK_OPTIONS[@]}" -Dhealthcheck.app-jar=/app/app.jar -cp /opt/healthcheck HealthCheck)" "$(json_args "${AOT_TRAINING[@]}")" \
  'extract --layers --destination' 'java docker/StripForeignNatives.java /layers' 'javac -Xlint:all -Werror --release 21 -d' \
  'bash docker/jlink.sh'; do
  grep -qF -- "$expected" docker/Dockerfile || { echo "verify-runtime: docker/Dockerfile no longer runs: $expected" >&2; exit 1; }
done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
mb() { du -sm "$1" | cut -f1; }

# A free loopback port: a random one that nothing answers on (the service fails loudly if it lost a race),
# below the kernel's ephemeral range (32768 and up here), where an outgoing connection may hold the port
# without anything listening on it.
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

# The temponest database and roles of db/init/create-roles.sql (dev passwords), created only when missing.
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
if command -v psql >/dev/null 2>&1; then
  present=$(psql -d postgres -Atc "SELECT (SELECT count(*) FROM pg_database WHERE datname = 'temponest')
    + (SELECT count(*) FROM pg_roles WHERE rolname IN ('temponest_owner', 'temponest_app'))" 2>/dev/null || echo unknown)
  if [ "$present" = unknown ]; then
    echo "verify-runtime: cannot reach PostgreSQL as $PGUSER@$PGHOST:$PGPORT to check the temponest database; trying anyway"
  elif [ "$present" != 3 ]; then
    echo "verify-runtime: creating the temponest database and roles (db/init/create-roles.sql, dev passwords)"
    psql -q -v owner_password=temponest_owner -v app_password=temponest_app -d postgres -f db/init/create-roles.sql
  fi
fi

# 1. The runtime, exactly as the image's jlink stage builds it.
docker/jlink.sh "$jar" "$work/runtime" | tee "$work/jlink.out"
java="$work/runtime/bin/java"

# 2. The application, as the image lays it out: the four layers, without other platforms' native libraries,
#    copied on top of each other.
"$JAVA_HOME/bin/java" -Djarmode=tools -jar "$jar" extract --layers --destination "$work/layers" >/dev/null
"$JAVA_HOME/bin/java" docker/StripForeignNatives.java "$work/layers" | tail -n 1
mkdir -p "$work/app"
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  if [ -d "$work/layers/$layer" ]; then cp -a "$work/layers/$layer/." "$work/app/"; fi
done
[ -f "$work/app/$svc-service.jar" ] || fail "layered extraction produced no $svc-service.jar"
mv "$work/app/$svc-service.jar" "$work/app/app.jar"
cp docker/jvm.options "$work/app/jvm.options"

# 3. The health check, compiled as the image compiles it.
"$JAVA_HOME/bin/javac" -Xlint:all -Werror --release 21 -d "$work/healthcheck" docker/HealthCheck.java
healthcheck=("$java" "${HEALTHCHECK_OPTIONS[@]}" -Dhealthcheck.app-jar="$work/app/app.jar" -cp "$work/healthcheck" HealthCheck)

# 4. The image size, estimated without a Docker engine: the layers the Dockerfile adds (runtime, application,
#    health check) plus the base image, against the baseline and budget the images workflow checks the real
#    image's size with.
bytes() { du -sb "$1" | cut -f1; }
image_bytes=$(( $(bytes "$work/runtime") + $(bytes "$work/app") + $(bytes "$work/healthcheck") + ${IMAGE_BASE_BYTES:-26214400} ))
docker/check-image-size.sh "$svc" "$image_bytes" docker/image-size-baseline.json \
  || fail "the image size estimate ($image_bytes bytes) is over the baseline or budget of docker/image-size-baseline.json"

port=$(free_port) || fail "no free port"
url="http://127.0.0.1:$port/actuator/health"
if "${healthcheck[@]}" "$url" 2>/dev/null; then fail "health check passed with nothing listening on $port"; fi

# Starts the service on the linked runtime (extra JVM options as arguments), waits for UP.
# Sets started_ms (launch to healthy) or fails.
start_and_wait() {
  local log=$1; shift
  local start
  start=$(now_ms)
  (cd "$work/app" && exec "$java" "$@" "${JVM_OPTIONS[@]}" -jar app.jar --spring.profiles.active="$profiles" \
    --server.port="$port" --management.server.port="$port") >"$work/$log" 2>&1 &
  pid=$!
  local deadline=$(( start + timeout_s * 1000 ))
  until "${healthcheck[@]}" "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || fail "the service exited before it was healthy"
    [ "$(now_ms)" -lt "$deadline" ] || fail "not healthy within ${timeout_s}s"
    sleep 0.2
  done
  started_ms=$(( $(now_ms) - start ))
}

# JDK classes that the linked runtime lacks show up as these errors even when the service still starts.
check_no_missing_jdk_classes() {
  if grep -E '(NoClassDefFoundError|ClassNotFoundException)[^a-z]*(java|javax|jdk|sun|com\.sun)\.' "$work/$1"; then
    fail "JDK classes missing from the runtime (see above): add their module to docker/jlink.sh"
  fi
}

echo "verify-runtime: starting $svc on the linked runtime, port $port, profiles $profiles"
start_and_wait service.log
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)

# Micrometer registers its GC metrics only when jdk.management is present: a scrape proves the module.
metrics="$work/prometheus.txt"
if command -v curl >/dev/null 2>&1 && curl -fsS -o "$metrics" "http://127.0.0.1:$port/actuator/prometheus" 2>/dev/null; then
  grep -q '^jvm_gc_max_data_size_bytes' "$metrics" || fail "/actuator/prometheus lacks jvm_gc_* metrics (jdk.management missing?)"
  echo "verify-runtime: /actuator/prometheus has JVM GC metrics ($(grep -c '^[a-z]' "$metrics") samples)"
fi
check_no_missing_jdk_classes service.log
stop_service
if "${healthcheck[@]}" "$url" 2>/dev/null; then fail "health check still passes after the service stopped"; fi

runtime_mb=$(mb "$work/runtime")
app_mb=$(mb "$work/app")
summary="runtime ${runtime_mb} MB, app ${app_mb} MB, total $(( runtime_mb + app_mb )) MB, image ~$(( image_bytes / 1048576 )) MiB, healthy after ${started_ms} ms, RSS $(( rss_kb / 1024 )) MB"

if $aot; then
  # The image's AOT target trains at build time, where there is no database and no secret: dev profile
  # (safe defaults), Flyway off, the JDBC dialect named instead of detected, context refreshed and closed.
  train_start=$(now_ms)
  (cd "$work/app" && exec "$java" "${AOT_TRAINING[@]}") >"$work/aot-training.log" 2>&1 || fail "AOT training run failed"
  train_ms=$(( $(now_ms) - train_start ))
  aot_mb=$(mb "$work/app/app.aot")
  # AOTMode=on: the JVM refuses to start rather than silently ignoring an unusable cache.
  start_and_wait service-aot.log -XX:AOTMode=on -XX:AOTCache=app.aot
  aot_ms=$started_ms
  check_no_missing_jdk_classes service-aot.log
  stop_service
  summary="$summary; with AOT cache (${aot_mb} MB, training ${train_ms} ms): healthy after ${aot_ms} ms"
fi

echo "verify-runtime: OK $svc: $summary"
