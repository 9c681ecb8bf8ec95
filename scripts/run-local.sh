#!/usr/bin/env bash
# Runs the auth service locally (dev profile) against the local PostgreSQL and Redis.
# Until the compose file exists this is the platform's "run" command.
#
#   scripts/run-local.sh            # builds, prepares the database, starts the auth service on :9002
#
# Environment: PGHOST/PGPORT/PGUSER for the PostgreSQL superuser connection used once to create the
# roles and database (defaults 127.0.0.1, 5432, postgres); REDIS_URL (default redis://localhost:6379/0).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
echo "Preparing database roles and the temponest database on $PGHOST:$PGPORT"
psql -q -v owner_password=temponest_owner -v app_password=temponest_app -d postgres -f db/init/create-roles.sql

echo "Building"
./mvnw -q -B -DskipTests install

exec "$JAVA_HOME/bin/java" -jar services/auth/target/auth-service.jar --spring.profiles.active=dev "$@"
