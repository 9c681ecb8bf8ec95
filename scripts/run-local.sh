#!/usr/bin/env bash
# Runs the services locally (dev profile) against the local PostgreSQL and Redis, without Docker.
#
#   scripts/run-local.sh                  # builds, prepares the database, starts every service:
#                                         #   auth on :9002, agents on :9000, scheduler on :9003,
#                                         #   ingestion on :9004, approval on :9001, workers on :9005
#                                         #   (Temporal: the workers' dev profile starts the SDK's in-memory
#                                         #   test server on TEMPORAL_ADDRESS, 127.0.0.1:7233, when no
#                                         #   Temporal answers there; development only, nothing survives it)
#   scripts/run-local.sh scheduler        # only the named services (directories under services/)
#   scripts/run-local.sh auth --debug     # other arguments go to every service started
#
# One service runs in the foreground as the script's own process. Several run side by side, their output
# prefixed with the service name; Ctrl-C stops them all, and when one exits the others are stopped.
# The scheduler and the agents service verify tokens with the auth service's keys (AUTH_SERVICE_URL,
# default http://localhost:9002, fetched on first use). The scheduler calls the agents service
# (AGENT_SERVICE_URL, default http://localhost:9000) only to run schedules: runs fail and are retried
# while it is not there. Each run acts for the schedule's creator with a token exchanged at the auth
# service; both services' dev profiles share a fixed dev-only client secret
# (SERVICE_CLIENT_SCHEDULER_SECRET overrides it, for both). The scheduler and auth relay their platform
# events to the agents service (EVENTS_PUBLISH_URL, default http://localhost:9000/internal/events); they
# wait in the outbox while it is not there.
#
# The agents service starts without any LLM provider; its runs answer 503 until one is reachable:
#   - Ollama on the host (default OLLAMA_BASE_URL=http://localhost:11434): `ollama serve`, then
#     `ollama pull qwen2.5:0.5b` (the default model, LLM_DEFAULT_MODEL);
#   - or Compose's Ollama (docker-compose.dev.yml publishes it on loopback):
#     `docker compose -f docker-compose.yml -f docker-compose.dev.yml up -d ollama ollama-pull`, then
#     OLLAMA_BASE_URL=http://localhost:11435 scripts/run-local.sh;
#   - or a hosted provider: LLM_DEFAULT_PROVIDER=openai LLM_DEFAULT_MODEL=gpt-4o-mini OPENAI_API_KEY=...
#     (OPENAI_BASE_URL for any OpenAI-compatible server), or LLM_DEFAULT_PROVIDER=anthropic with
#     ANTHROPIC_API_KEY and an Anthropic model. README "Configuration reference" lists every variable.
#
# The ingestion service (the knowledge base) needs the vector extension in PostgreSQL: when it is started,
# scripts/ensure-pgvector.sh runs first and builds pgvector from source if the server lacks it (needs root).
# It embeds in-process (all-MiniLM-L6-v2, no download); its watched folder is off unless WATCH_DIR and
# WATCH_TENANT_ID are set, e.g. WATCH_DIR=docker/documents WATCH_TENANT_ID=<tenant id> scripts/run-local.sh.
#
# Environment: PGHOST/PGPORT/PGUSER for the PostgreSQL superuser connection used once to create the
# roles and database (defaults 127.0.0.1, 5432, postgres); REDIS_URL (default redis://localhost:6379/0);
# the variables above, passed on to the services as they are.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
    if [ -x "$candidate/bin/java" ]; then export JAVA_HOME="$candidate"; break; fi
  done
fi
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

services=()
args=()
for arg in "$@"; do
  if [ -f "services/$arg/pom.xml" ]; then services+=("$arg"); else args+=("$arg"); fi
done
if [ "${#services[@]}" -eq 0 ]; then
  # Every service, auth first: the others verify tokens with its keys.
  services=(auth)
  for pom in services/*/pom.xml; do
    name=$(basename "$(dirname "$pom")")
    [ "$name" = auth ] || services+=("$name")
  done
fi

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
# Before create-roles.sql, which installs the extension into the temponest database when the server has it.
if [[ " ${services[*]} " == *" ingestion "* ]]; then
  scripts/ensure-pgvector.sh
fi
echo "Preparing database roles and the temponest database on $PGHOST:$PGPORT"
psql -q -v owner_password=temponest_owner -v app_password=temponest_app -d postgres -f db/init/create-roles.sql

echo "Building"
./mvnw -q -B -DskipTests install

# The agents service runs without a provider (runs answer 503); say so up front rather than at the first run.
if [[ " ${services[*]} " == *" agents "* ]] && [ "${LLM_DEFAULT_PROVIDER:-ollama}" = ollama ] && command -v curl >/dev/null 2>&1; then
  ollama_url=${OLLAMA_BASE_URL:-http://localhost:11434}
  if ! curl -fs --max-time 2 -o /dev/null "$ollama_url/api/tags"; then
    echo "Note: no Ollama answers on $ollama_url: agent runs will answer 503 until one does" \
      "(see the comment at the top of $0 for Ollama, OpenAI or Anthropic)"
  fi
fi

run() {
  exec "$JAVA_HOME/bin/java" @docker/jvm.options -jar "services/$1/target/$1-service.jar" --spring.profiles.active=dev "${args[@]}"
}

if [ "${#services[@]}" -eq 1 ]; then
  run "${services[0]}"
fi

pids=()
# shellcheck disable=SC2317  # called by the traps below
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap 'stop_all; exit 130' INT TERM
trap stop_all EXIT
for service in "${services[@]}"; do
  echo "Starting $service"
  (run "$service") > >(sed -u "s/^/[$service] /") 2>&1 &
  pids+=("$!")
done
# The first service to exit ends the run (the EXIT trap stops the others).
status=0
wait -n "${pids[@]}" || status=$?
echo "A service exited (status $status); stopping the others"
exit "$status"
