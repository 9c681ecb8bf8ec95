#!/usr/bin/env bash
# Benchmarks the TempoNest ingestion service (the knowledge base): (1) a mixed corpus of PDF, DOCX and Markdown pages
# uploaded and processed (parsed, chunked, embedded in-process with all-MiniLM-L6-v2) until every document is ready or
# failed: pages/s, chunks/s and the service's resident memory sampled every second; (2) query latency through the REST
# API at a collection of 100,000 chunks filled directly in the database (random unit vectors), uncached and cached, at
# concurrency 1 and 4, next to the same measurement at a collection of 1,000 chunks. Raw outputs go to
# bench/results/<timestamp>-ingestion/. See bench/README.md.
set -euo pipefail

usage() {
	cat <<'EOF'
Usage: bench/ingestion-bench.sh [options]

  --quick                 a smoke run with tiny sizes (30 pages, 2,000 and 200 chunks, 50 queries; about 3 minutes
                          with the start on 2 busy cores); the figures are not measurements
  --skip-build            use the jars already built (no Maven)
  --pages N               pages of the ingested corpus (default 1000; 40 % PDF, 40 % DOCX, 20 % Markdown, at most 10
                          pages per document)
  --chunks N              chunks of the large query collection (default 100000)
  --small-chunks N        chunks of the small query collection, the baseline (default 1000)
  --queries N             measured queries per case (default 500)
  --warmup-queries N      unmeasured queries before the cases of each collection (default 100)
  --upload-concurrency N  uploads at a time (default 4)
  --top-k N               top_k of every query (default 5)
  --workers N             the service's ingestion workers (INGESTION_WORKERS; default the service's, 2)
  --skip-ingest           no ingestion part
  --skip-query            no query part
  --ingestion-arg KEY=VALUE  extra --KEY=VALUE for the ingestion service (repeatable)
  --keep-db               do not drop the run's database at exit
  -h, --help              this help

Environment: JAVA_HOME (JDK >= 21; default /usr/lib/jvm/temurin-25-jdk-amd64 when unset), BENCH_INGESTION_JAR (default
services/ingestion/target/ingestion-service.jar), BENCH_AUTH_JAR (services/auth/target/auth-service.jar),
BENCH_JVM_OPTS (JVM options of the ingestion service; default the services' own, @docker/jvm.options, with
-XX:MaxRAM=1536m for the compose memory limit; set it empty for the JVM's defaults), BENCH_INGESTION_PORT,
BENCH_AUTH_PORT (default: free ports), BENCH_PSQL_URL (postgresql://postgres@127.0.0.1:5432/postgres: the superuser,
for the set-up, the chunk fill and the counts), BENCH_DB_HOST (127.0.0.1), BENCH_DB_PORT (5432),
BENCH_DB_OWNER_PASSWORD and BENCH_DB_APP_PASSWORD (default: the dev profile's), BENCH_REDIS_HOST/BENCH_REDIS_PORT
(127.0.0.1:6379; keys under a prefix unique to the run, deleted at exit). The run's database,
temponest_ingest_bench_<timestamp>_<pid>, is created with pgvector and dropped at exit.
EOF
}

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"

PAGES=""
CHUNKS=""
SMALL_CHUNKS=""
QUERIES=""
WARMUP_QUERIES=""
UPLOAD_CONCURRENCY=4
TOP_K=5
WORKERS=""
QUICK=false
SKIP_BUILD=false
DO_INGEST=true
DO_QUERY=true
KEEP_DB=false
EXTRA_INGESTION_ARGS=()
INGESTION_PORT="${BENCH_INGESTION_PORT:-}"
AUTH_PORT="${BENCH_AUTH_PORT:-}"
REDIS_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_PORT="${BENCH_REDIS_PORT:-6379}"
JVM_OPTS="${BENCH_JVM_OPTS-@$ROOT/docker/jvm.options -XX:MaxRAM=1536m}"
# The auth service only issues the bench user's token: its compose limit.
AUTH_JVM_OPTS="@$ROOT/docker/jvm.options -XX:MaxRAM=512m"
# The load client: a lean JVM of its own, not the services' options.
TOOL_JVM_OPTS="-XX:+UseSerialGC -Xmx512m"
PASSWORD="BenchPassword123"
# Chunks per synthetic document of the query collections.
CHUNKS_PER_DOCUMENT=50
# Rows per INSERT of the chunk fill (one psql call each, so that the log shows progress).
FILL_BATCH=20000
ARGS_GIVEN="$*"

while [[ $# -gt 0 ]]; do
	case "$1" in
	--quick) QUICK=true ;;
	--skip-build) SKIP_BUILD=true ;;
	--pages) PAGES="$2"; shift ;;
	--chunks) CHUNKS="$2"; shift ;;
	--small-chunks) SMALL_CHUNKS="$2"; shift ;;
	--queries) QUERIES="$2"; shift ;;
	--warmup-queries) WARMUP_QUERIES="$2"; shift ;;
	--upload-concurrency) UPLOAD_CONCURRENCY="$2"; shift ;;
	--top-k) TOP_K="$2"; shift ;;
	--workers) WORKERS="$2"; shift ;;
	--skip-ingest) DO_INGEST=false ;;
	--skip-query) DO_QUERY=false ;;
	--ingestion-arg) EXTRA_INGESTION_ARGS+=("--${2#--}"); shift ;;
	--keep-db) KEEP_DB=true ;;
	-h | --help) usage; exit 0 ;;
	*) echo "Unknown option: $1" >&2; usage >&2; exit 64 ;;
	esac
	shift
done
if $QUICK; then
	PAGES="${PAGES:-30}" CHUNKS="${CHUNKS:-2000}" SMALL_CHUNKS="${SMALL_CHUNKS:-200}" QUERIES="${QUERIES:-50}"
	WARMUP_QUERIES="${WARMUP_QUERIES:-20}"
else
	PAGES="${PAGES:-1000}" CHUNKS="${CHUNKS:-100000}" SMALL_CHUNKS="${SMALL_CHUNKS:-1000}" QUERIES="${QUERIES:-500}"
	WARMUP_QUERIES="${WARMUP_QUERIES:-100}"
fi
for n in "$PAGES" "$CHUNKS" "$SMALL_CHUNKS" "$QUERIES" "$WARMUP_QUERIES" "$UPLOAD_CONCURRENCY" "$TOP_K" ${WORKERS:+"$WORKERS"}; do
	[[ "$n" =~ ^[0-9]+$ ]] || { echo "Not a whole number: $n" >&2; exit 64; }
done
((PAGES >= 1 && CHUNKS >= 1 && SMALL_CHUNKS >= 1 && QUERIES >= 1 && UPLOAD_CONCURRENCY >= 1 && TOP_K >= 1 &&
	TOP_K <= 50)) || { echo "pages, chunks, queries and the upload concurrency must be >= 1, top-k 1 to 50" >&2; exit 64; }

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RESULTS="$BENCH/results/$STAMP-ingestion"
mkdir -p "$BENCH/results"
mkdir "$RESULTS" 2>/dev/null || { RESULTS="$RESULTS-$$" && mkdir "$RESULTS"; }
METRICS="$RESULTS/queries.tsv"
echo -e "collection\tchunks\tcase\tconcurrency\trequests\tok\tnon_200\tempty\terrors\tp50_ms\tp95_ms\tp99_ms\tmax_ms\tmean_ms\tqps\tcache_hits\tcache_misses" >"$METRICS"

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
require_tools curl ss awk psql timeout sort

INGESTION_JAR="${BENCH_INGESTION_JAR:-$ROOT/services/ingestion/target/ingestion-service.jar}"
AUTH_JAR="${BENCH_AUTH_JAR:-$ROOT/services/auth/target/auth-service.jar}"
LOAD_JAR="$BENCH/ingestion-load/target/ingestion-load.jar"

# ---------------------------------------------------------------- build
if ! $SKIP_BUILD; then
	mvnw_build "the ingestion and auth services" "services/ingestion or services/auth does not build; see $RESULTS/build.log" \
		-B -q -DskipTests package -pl services/ingestion,services/auth -am
	mvnw_build "the load client" "bench/ingestion-load does not build; see $RESULTS/build.log" \
		-B -q -DskipTests -f bench/pom.xml package -pl ingestion-load
fi
for jar in "$INGESTION_JAR" "$AUTH_JAR" "$LOAD_JAR"; do
	[[ -f "$jar" ]] || fail "$jar is missing (run without --skip-build)"
done

# ---------------------------------------------------------------- machine
machine_facts
PG_VERSION="$(superuser_psql -tAc 'SHOW server_version' 2>/dev/null || echo unknown)"
PGVECTOR_VERSION="$(superuser_psql -tAc "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'" 2>/dev/null || true)"
write_machine_txt "$STAMP" "$ARGS_GIVEN" "postgresql: $PG_VERSION" "pgvector: ${PGVECTOR_VERSION:-not available}"

# ---------------------------------------------------------------- database: the platform's roles, a database of the run
DB_NAME="temponest_ingest_bench_${STAMP,,}_$$"
# db_value SQL: one query as the superuser in the run's database (row-level security does not apply to it).
db_value() { printf '\\connect %s\n%s\n' "$DB_NAME" "$1" | superuser_psql -tA -F ' '; }
db_roles "$OWNER_ROLE" "$APP_ROLE" "$OWNER_PASSWORD" "$APP_PASSWORD"
if $KEEP_DB; then
	at_exit say "kept the database $DB_NAME '(--keep-db)'"
else
	at_exit db_drop "$DB_NAME"
fi
db_create "$DB_NAME" "$OWNER_ROLE" "$APP_ROLE" "$($KEEP_DB || echo ' (dropped at exit)')"
db_vector "$DB_NAME"

# ---------------------------------------------------------------- shared Redis, keys under this run's prefix
REDIS_PREFIX="ingestion-bench-$STAMP-$$:"
clean_redis_at_exit "$REDIS_HOST" "$REDIS_PORT" "$REDIS_PREFIX"

# ---------------------------------------------------------------- start: auth, ingestion
[[ -n "$AUTH_PORT" ]] || pick_port AUTH_PORT
[[ -n "$INGESTION_PORT" ]] || pick_port INGESTION_PORT
for port in "$AUTH_PORT" "$INGESTION_PORT"; do
	port_free "$port" || fail "port $port is already in use (set BENCH_AUTH_PORT, BENCH_INGESTION_PORT)"
done
AUTH_URL="http://127.0.0.1:$AUTH_PORT"
INGESTION_URL="http://127.0.0.1:$INGESTION_PORT"

DB_ENV=("DB_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB_NAME" "DB_USER=$APP_ROLE" "DB_PASSWORD=$APP_PASSWORD"
	"DB_OWNER_USER=$OWNER_ROLE" "DB_OWNER_PASSWORD=$OWNER_PASSWORD" "REDIS_URL=redis://$REDIS_HOST:$REDIS_PORT/0"
	"PLATFORM_REDIS_KEY_PREFIX=$REDIS_PREFIX")
# The auth service only issues the bench user's token (the ingestion service verifies it with the auth service's
# public keys): dev profile, its own schema in the run's database, a signing key generated for this run (no file),
# and no rate limits (register is limited to 3/h per address).
AUTH_ARGS=(--spring.profiles.active=dev --logging.level.io.temponest=INFO "--server.port=$AUTH_PORT"
	--temponest.auth.jwt.dev-key-location= --platform.ratelimit.enabled=false)
# shellcheck disable=SC2086
start_java auth-service "$AUTH_JAR" "${DB_ENV[@]}" -- $AUTH_JVM_OPTS -jar "$AUTH_JAR" "${AUTH_ARGS[@]}"
AUTH_PID="$LAST_PID"

# The ingestion service as in production (no profile), without rate limits (60 uploads a minute would throttle the
# bench).
INGESTION_ENV=("${DB_ENV[@]}" "AUTH_SERVICE_URL=$AUTH_URL")
[[ -n "$WORKERS" ]] && INGESTION_ENV+=("INGESTION_WORKERS=$WORKERS")
INGESTION_ARGS=("--server.port=$INGESTION_PORT" --platform.ratelimit.enabled=false "${EXTRA_INGESTION_ARGS[@]}")
# shellcheck disable=SC2086
start_java ingestion-service "$INGESTION_JAR" "${INGESTION_ENV[@]}" -- $JVM_OPTS -jar "$INGESTION_JAR" "${INGESTION_ARGS[@]}"
INGESTION_PID="$LAST_PID"

wait_http auth-service "$AUTH_URL/actuator/health" "$AUTH_PID" 240
wait_http ingestion-service "$INGESTION_URL/actuator/health" "$INGESTION_PID" 240

# ---------------------------------------------------------------- session: the bench user (owner of a new tenant)
bench_session "$AUTH_URL" "ingestion-bench-$STAMP" "$PASSWORD"

# api NAME METHOD PATH [JSON]: one call of the ingestion service with the bench user's token; the answer in
# RESULTS/NAME.json, the status on stdout.
api() {
	local name="$1" method="$2" path="$3" body="${4:-}"
	local -a data=()
	[[ -n "$body" ]] && data=(-H 'Content-Type: application/json' -d "$body")
	curl -sS -o "$RESULTS/$name.json" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $BENCH_TOKEN" \
		"${data[@]}" "$INGESTION_URL$path"
}
# collection NAME: creates a collection (the service's defaults: all-minilm-l6-v2, 384 dimensions, chunks of 512
# characters overlapping by 50); sets COLLECTION_ID and TENANT_ID.
collection() {
	local code
	code="$(api "collection-$1" POST /rag/collections "{\"name\":\"$1\"}")"
	[[ "$code" == 201 ]] || fail "POST /rag/collections answered $code: $(head -c 500 "$RESULTS/collection-$1.json")"
	COLLECTION_ID="$(json_field id <"$RESULTS/collection-$1.json")"
	TENANT_ID="$(json_field tenant_id <"$RESULTS/collection-$1.json")"
	[[ "$COLLECTION_ID" =~ ^[0-9a-f-]{36}$ && "$TENANT_ID" =~ ^[0-9a-f-]{36}$ ]] ||
		fail "POST /rag/collections returned no id or tenant_id: $(head -c 500 "$RESULTS/collection-$1.json")"
	say "collection $1: $COLLECTION_ID (tenant $TENANT_ID, $(json_field embedder <"$RESULTS/collection-$1.json"))"
}

# client TAG COMMAND ARGS...: runs the load client (in the background and waited for, so that a signal to this script
# is handled at once), its output in RESULTS/TAG.txt; fails unless it exits 0 (3: some request failed; reported by
# the caller).
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
		fail "the load client failed in $tag (exit $CLIENT_STATUS; output $RESULTS/$tag.txt, $RESULTS/$tag.err)"
	fi
}
INVALID=0
rss_mb() { awk -v f="$2:" '$1 == f {printf "%.0f", $2 / 1024}' "/proc/$1/status" 2>/dev/null || true; }
RSS_IDLE="$(rss_mb "$INGESTION_PID" VmRSS)"

# ---------------------------------------------------------------- (1) ingestion of a mixed corpus
if $DO_INGEST; then
	collection "bench-ingest"
	INGEST_COLLECTION="$COLLECTION_ID"
	say "ingest: $PAGES pages (generated by the load client), $UPLOAD_CONCURRENCY uploads at a time; RSS of pid $INGESTION_PID sampled every second (progress: tail -f $RESULTS/ingest.err)"
	client ingest ingest --url "$INGESTION_URL" --collection "$INGEST_COLLECTION" --pages "$PAGES" \
		--upload-concurrency "$UPLOAD_CONCURRENCY" --pid "$INGESTION_PID" --out-dir "$RESULTS"
	kill -0 "$INGESTION_PID" 2>/dev/null || fail "the ingestion service died while ingesting (log $RESULTS/ingestion-service.log)"
	say "  $(grep '^CORPUS' "$RESULTS/ingest.txt")"
	say "  $(grep '^INGEST' "$RESULTS/ingest.txt")"
	if [[ "$CLIENT_STATUS" != 0 || "$(summary_field "$RESULTS/ingest.txt" INGEST failed)" != 0 ]]; then
		INVALID=$((INVALID + 1))
		say "  ⚠ ingest: failed or unfinished documents or uploads (see $RESULTS/documents.tsv, $RESULTS/ingest.err)"
	fi
	INGEST_ROWS="$(db_value "SELECT count(*) FROM knowledge.chunks WHERE collection_id = '$INGEST_COLLECTION'")"
	say "  chunk rows of the collection in the database: $INGEST_ROWS"
	# The query part measures exactly its own collections: this one goes (through the API, as a user would delete it).
	if $DO_QUERY; then
		code="$(api delete-ingest DELETE "/rag/collections/$INGEST_COLLECTION")"
		[[ "$code" == 204 ]] || fail "DELETE /rag/collections/$INGEST_COLLECTION answered $code"
		db_value "VACUUM ANALYZE knowledge.chunks" >/dev/null
	fi
fi

# ---------------------------------------------------------------- (2) queries at a small and a large collection
# The sentences of the synthetic chunks' content (the same domain as the corpus).
SENTENCES=(
	"The platform team reviews the deployment pipeline every Monday so that nobody has to guess who owns the next step."
	"When a customer reports data loss, the support leads must escalate the incident within four hours."
	"Password rotation is audited twice a year, and the audit trail stays complete because every change is logged."
	"The staging environment mirrors production closely enough that the release goes out on time."
	"Finance approves the hardware budget at the end of the quarter and publishes the numbers in the monthly report."
	"Feature flags are cleaned up at the start of each sprint, which keeps the code base small and the tests fast."
	"The security group answers vulnerability reports within two working days and thanks the reporter publicly."
	"Backups are restored in a drill once a month; the last drill took forty minutes from alert to a working copy."
	"Log retention is ninety days for application logs and one year for the audit log, unless legal asks otherwise."
	"New engineers follow the onboarding checklist during the first week and pair with a buddy on their first change."
	"Database migrations are reviewed by two people and must be reversible, or the release managers will not ship them."
	"The public API allows one hundred requests a minute per key; larger customers can ask for a higher limit."
	"Travel is booked through the company portal, and expenses above the policy need the budget owner's approval."
	"The on-call rota changes every Tuesday at noon, and the handover note lists every open incident and alert."
	"Secrets live in the vault; nobody stores a password in a repository, a ticket or a chat message."
	"The status page is updated within fifteen minutes of a confirmed incident and again whenever the impact changes."
)
SQL_SENTENCES=""
for sentence in "${SENTENCES[@]}"; do
	SQL_SENTENCES+="${SQL_SENTENCES:+, }'${sentence//\'/\'\'}'"
done
SQL_SENTENCES="ARRAY[$SQL_SENTENCES]"
INDEX_NAME=knowledge.chunks_embedding_384_idx

# fill NAME CHUNKS: as the superuser in the tenant of the bench user, documents marked ready (CHUNKS_PER_DOCUMENT
# chunks each) and CHUNKS chunks with random unit vectors of 384 dimensions and sentences of the handbook as content,
# in collection COLLECTION_ID; the 384-dimension HNSW index is dropped first and built again after (with its
# definition from the database), then the tables are analysed.
fill() {
	local name="$1" chunks="$2" from to started index_def
	started=$SECONDS
	index_def="$(db_value "SELECT pg_get_indexdef('$INDEX_NAME'::regclass)")"
	[[ "$index_def" == *hnsw* ]] || fail "no HNSW index $INDEX_NAME in $DB_NAME"
	say "fill $name: $chunks chunks in $(((chunks + CHUNKS_PER_DOCUMENT - 1) / CHUNKS_PER_DOCUMENT)) documents (index $INDEX_NAME dropped and rebuilt)"
	fill_sql >>"$RESULTS/fill-$name.log" 2>&1 <<-SQL || fail "fill $name failed (see $RESULTS/fill-$name.log)"
		DROP INDEX $INDEX_NAME;
		INSERT INTO knowledge.documents (tenant_id, collection_id, origin, filename, source, content_type, size_bytes,
			content_hash, status, chunk_count, chunks_embedded, metadata, indexed_at)
		SELECT :'tenant'::uuid, :'collection'::uuid, 'upload', f.name, f.name, 'text/markdown', n.chunks * 500,
			encode(sha256(convert_to(:'collection' || '/' || d, 'UTF8')), 'hex'), 'ready', n.chunks, n.chunks,
			'{"synthetic": true}'::jsonb, now()
		FROM generate_series(0, ($chunks - 1) / $CHUNKS_PER_DOCUMENT) AS d,
			LATERAL (SELECT least($CHUNKS_PER_DOCUMENT, $chunks - d * $CHUNKS_PER_DOCUMENT) AS chunks) AS n,
			LATERAL (SELECT format('synthetic-%s.md', lpad(d::text, 6, '0')) AS name) AS f;
	SQL
	for ((from = 0; from < chunks; from += FILL_BATCH)); do
		to=$((from + FILL_BATCH < chunks ? from + FILL_BATCH - 1 : chunks - 1))
		fill_sql >>"$RESULTS/fill-$name.log" 2>&1 <<-SQL || fail "fill $name failed (see $RESULTS/fill-$name.log)"
			INSERT INTO knowledge.chunks (tenant_id, collection_id, document_id, document_version, position, content,
				metadata, dimension, embedding)
			SELECT :'tenant'::uuid, :'collection'::uuid, d.id, 1, g.n % $CHUNKS_PER_DOCUMENT,
				concat_ws(' ', s.a[1 + (g.n * 7) % 16], s.a[1 + (g.n * 13 + 5) % 16], s.a[1 + (g.n * 31 + 11) % 16],
					s.a[1 + (g.n * 17 + 3) % 16]) || format(' (synthetic chunk %s)', g.n),
				'{"synthetic": true}'::jsonb, 384,
				public.l2_normalize((SELECT array_agg(random() - 0.5) FROM generate_series(1, 384) WHERE g.n >= 0)::public.vector(384))
			FROM generate_series($from, $to) AS g(n)
			CROSS JOIN (SELECT $SQL_SENTENCES AS a) AS s
			JOIN knowledge.documents d ON d.collection_id = :'collection'::uuid
				AND d.filename = format('synthetic-%s.md', lpad((g.n / $CHUNKS_PER_DOCUMENT)::text, 6, '0'));
		SQL
		say "  fill $name: $((to + 1)) of $chunks chunks ($((SECONDS - started)) s)"
	done
	fill_sql >>"$RESULTS/fill-$name.log" 2>&1 <<-SQL || fail "fill $name: the index build failed (see $RESULTS/fill-$name.log)"
		SET maintenance_work_mem = '1GB';
		$index_def;
		UPDATE knowledge.collections SET generation = generation + 1 WHERE id = :'collection'::uuid;
		ANALYZE knowledge.documents;
		ANALYZE knowledge.chunks;
	SQL
	say "  fill $name: done with the index built and the tables analysed in $((SECONDS - started)) s"
	echo "$name $chunks $((SECONDS - started))" >>"$RESULTS/fill-times.txt"
}
# fill_sql [PSQL-ARGS...] < SQL: SQL as the superuser in the run's database, with psql variables tenant and collection.
fill_sql() {
	{
		printf '\\connect %s\n' "$DB_NAME"
		cat
	} | superuser_psql -v tenant="$TENANT_ID" -v collection="$COLLECTION_ID" "$@"
}

# cache_counts: the service's cached and uncached query counts so far ("hits misses"), from its Prometheus metrics.
cache_counts() {
	curl -fsS --max-time 10 "$INGESTION_URL/actuator/prometheus" 2>/dev/null |
		awk '/^temponest_knowledge_query_duration_seconds_count/ {
			if ($0 ~ /cache="hit"/) h += $NF; else if ($0 ~ /cache="miss"/) m += $NF }
			END {printf "%d %d\n", h, m}'
}

# explain NAME: the plan of the service's similarity query (ChunkSearch.sql: ordered by the halfvec expression of the
# HNSW index) on collection COLLECTION_ID as the runtime role in the bench user's tenant (row-level security applies),
# with the service's settings, for a random unit vector.
explain() {
	local vector sql
	vector="$(db_value "SELECT public.l2_normalize(array_agg(random() - 0.5)::public.vector(384))::text FROM generate_series(1, 384)")"
	sql="$(
		cat <<-SQL
			SET ROLE $APP_ROLE;
			SET app.current_tenant = :'tenant';
			SET hnsw.iterative_scan = relaxed_order;
			SET hnsw.ef_search = 100;
			EXPLAIN (ANALYZE, BUFFERS) SELECT c.content, c.metadata::text AS metadata, c.position, c.document_id,
				d.source, d.version, 1 - (c.embedding::public.halfvec(384) <=> CAST('$vector' AS public.halfvec(384))) AS score
			FROM knowledge.chunks c JOIN knowledge.documents d ON d.id = c.document_id
			WHERE c.collection_id = :'collection'::uuid AND c.dimension = 384
			ORDER BY c.embedding::public.halfvec(384) <=> CAST('$vector' AS public.halfvec(384)) LIMIT $TOP_K;
		SQL
	)"
	# The plan without the vector's 384 numbers.
	fill_sql -tA <<<"$sql" 2>&1 | sed -E 's/\[[-0-9.e,]{100,}\]/[the vector]/g' >"$RESULTS/explain-$1.txt" ||
		say "WARNING: EXPLAIN failed (see $RESULTS/explain-$1.txt)"
}

# measure NAME CHUNKS: warm-up queries, then per concurrency (1, 4) QUERIES uncached queries (texts never sent) and
# the same texts again (cached), on collection COLLECTION_ID; one line each in queries.tsv.
measure() {
	local name="$1" chunks="$2" concurrency kind tag before after
	say "queries on $name ($chunks chunks): $WARMUP_QUERIES warm-up queries"
	client "query-$name-warmup" queries --url "$INGESTION_URL" --collection "$COLLECTION_ID" --queries "$WARMUP_QUERIES" \
		--concurrency 1 --tag "warmup-$name" --top-k "$TOP_K"
	[[ "$CLIENT_STATUS" == 0 ]] || { INVALID=$((INVALID + 1)); say "  ⚠ warm-up: $(cat "$RESULTS/query-$name-warmup.txt")"; }
	for concurrency in 1 4; do
		tag="$name-c$concurrency"
		for kind in uncached cached; do
			before="$(cache_counts)"
			client "query-$tag-$kind" queries --url "$INGESTION_URL" --collection "$COLLECTION_ID" --queries "$QUERIES" \
				--concurrency "$concurrency" --tag "$tag" --top-k "$TOP_K" --out "$RESULTS/query-$tag-$kind.tsv"
			after="$(cache_counts)"
			local f="$RESULTS/query-$tag-$kind.txt" hits misses
			hits=$(($(cut -d' ' -f1 <<<"$after") - $(cut -d' ' -f1 <<<"$before")))
			misses=$(($(cut -d' ' -f2 <<<"$after") - $(cut -d' ' -f2 <<<"$before")))
			say "  $name $kind c=$concurrency: $(cat "$f") cache_hits=$hits cache_misses=$misses"
			if [[ "$CLIENT_STATUS" != 0 ]]; then
				INVALID=$((INVALID + 1))
				say "  ⚠ $name $kind c=$concurrency: failed or empty answers (see $RESULTS/query-$tag-$kind.tsv)"
			fi
			if [[ "$kind" == cached && "$misses" != 0 ]] || [[ "$kind" == uncached && "$hits" != 0 ]]; then
				say "  ⚠ $name $kind c=$concurrency: $hits cache hits and $misses misses (expected all $kind)"
			fi
			printf '%s\t%s\t%s\t%s' "$name" "$chunks" "$kind" "$concurrency" >>"$METRICS"
			for key in requests ok non_200 empty errors p50_ms p95_ms p99_ms max_ms mean_ms qps; do
				printf '\t%s' "$(summary_field "$f" QUERIES "$key")" >>"$METRICS"
			done
			printf '\t%s\t%s\n' "$hits" "$misses" >>"$METRICS"
		done
	done
}

# floor NAME PATH TOKEN: the request path without a query, next to the cached queries: WARMUP_QUERIES then QUERIES
# GETs of PATH at concurrency 1 (TOKEN true: with the bearer token); the summary line in RESULTS/floor-NAME.txt.
FLOORS=()
floor() {
	local name="$1" path="$2" token="$3"
	client "floor-$name-warmup" reads --url "$INGESTION_URL" --collection "$COLLECTION_ID" --path "$path" \
		--requests "$WARMUP_QUERIES" --concurrency 1 --token "$token"
	client "floor-$name" reads --url "$INGESTION_URL" --collection "$COLLECTION_ID" --path "$path" \
		--requests "$QUERIES" --concurrency 1 --token "$token"
	say "  floor $name (GET $path, c=1): $(cat "$RESULTS/floor-$name.txt")"
	FLOORS+=("$name|GET $path|$(summary_field "$RESULTS/floor-$name.txt" QUERIES p50_ms)|$(summary_field "$RESULTS/floor-$name.txt" QUERIES p95_ms)|$(summary_field "$RESULTS/floor-$name.txt" QUERIES p99_ms)")
}

if $DO_QUERY; then
	collection "bench-small"
	SMALL_COLLECTION="$COLLECTION_ID"
	fill small "$SMALL_CHUNKS"
	explain small
	measure small "$SMALL_CHUNKS"
	collection "bench-large"
	LARGE_COLLECTION="$COLLECTION_ID"
	fill large "$CHUNKS"
	explain large
	measure large "$CHUNKS"
	# The same stack without a query: no token, no database (liveness); the token and one read of the collection's row.
	floor liveness /actuator/health/liveness false
	floor collection-read "/rag/collections/$COLLECTION_ID" true
	# The small collection again, now next to the large one in the same HNSW index.
	COLLECTION_ID="$SMALL_COLLECTION"
	explain small-next-to-large
	measure small-next-to-large "$SMALL_CHUNKS"
	say "chunk rows: $(db_value "SELECT string_agg(format('%s %s', c.name, (SELECT count(*) FROM knowledge.chunks k WHERE k.collection_id = c.id)), ', ') FROM knowledge.collections c WHERE c.id IN ('$SMALL_COLLECTION', '$LARGE_COLLECTION')")"
	INDEX_SIZE="$(db_value "SELECT pg_size_pretty(pg_relation_size('$INDEX_NAME'::regclass))" 2>/dev/null || echo unknown)"
	say "index $INDEX_NAME: $INDEX_SIZE"
fi

# ---------------------------------------------------------------- memory and metrics after the load
RSS_END="$(rss_mb "$INGESTION_PID" VmRSS)"
RSS_HWM="$(rss_mb "$INGESTION_PID" VmHWM)"
curl -fsS --max-time 10 "$INGESTION_URL/actuator/prometheus" 2>/dev/null |
	grep -E '^(temponest_|hikaricp_connections|jvm_memory_(used|committed)_bytes|jvm_gc_pause_seconds_(count|sum)|jvm_threads_live)' \
		>"$RESULTS/ingestion-metrics.txt" || true
IDLE_AFTER="$(cpu_idle_pct 3)"

# ---------------------------------------------------------------- report
fmt() { awk -v v="$1" -v f="$2" 'BEGIN {if (v == "") print "n/a"; else printf f, v}'; }
meets() { # value op threshold
	awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {if (v == "") {print "—"; exit}
		ok = (op == ">=") ? v >= t : (op == "<=") ? v <= t : v < t; print ok ? "yes" : "NO"}'
}
metric() { # collection case concurrency column
	awk -F'\t' -v n="$1" -v k="$2" -v c="$3" -v col="$4" 'NR == 1 {for (i = 1; i <= NF; i++) idx[$i] = i}
		NR > 1 && $1 == n && $3 == k && $4 == c {print $idx[col]}' "$METRICS"
}
jvm_memory() { # used|committed area: MB of jvm_memory_<used|committed>_bytes in that area, from ingestion-metrics.txt
	awk -v m="jvm_memory_$1_bytes{" -v a="area=\"$2\"" 'index($0, m) == 1 && index($0, a) {t += $NF} END {if (NR) printf "%.0f MB", t / 1048576}' \
		"$RESULTS/ingestion-metrics.txt" 2>/dev/null || echo "n/a"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "" || b == "" || b == 0) print "n/a"; else printf "%.2f", a / b}'; }

QUICK_NOTE=""
$QUICK && QUICK_NOTE=" — --quick: a smoke run with tiny sizes, NOT a measurement"
I="$RESULTS/ingest.txt"
{
	echo "TempoNest ingestion service benchmark — $STAMP$QUICK_NOTE"
	echo
	echo "- Machine: $(nproc) cores (nproc), CPU ${CPU_MODEL:-unknown}, JDK $JDK_DESC, PostgreSQL $PG_VERSION, pgvector ${PGVECTOR_VERSION:-?}; load average at start $LOAD_AT_START; CPU idle before the services started ${IDLE_BEFORE}%, after the last case (services idle) ${IDLE_AFTER}% — well below 90% means another workload shared the cores"
	echo "- Ingestion service: \`java ${JVM_OPTS:+$JVM_OPTS }-jar ${INGESTION_JAR#"$ROOT"/} ${INGESTION_ARGS[*]}\` (no profile; workers ${WORKERS:-the default, 2}; database $DB_NAME); the auth service only issued the bench user's token"
	echo "- Load: bench/ingestion-load (JDK HttpClient, HTTP/1.1); raw outputs in bench/results/${RESULTS##*/}/"
	echo
	if $DO_INGEST; then
		echo "## Ingestion: $PAGES pages"
		echo
		echo "Corpus (generated by the load client, PDF with PDFBox, DOCX with POI): $(sed -n 's/^CORPUS //p' "$I")"
		echo
		echo "| figure | value | target | met |"
		echo "|---|---:|---|---|"
		echo "| documents uploaded (202) / ready / failed / unfinished | $(summary_field "$I" INGEST uploaded) / $(summary_field "$I" INGEST ready) / $(summary_field "$I" INGEST failed) / $(summary_field "$I" INGEST pending) | failed 0 | $(meets "$(summary_field "$I" INGEST failed)" '<=' 0) |"
		echo "| pages ready | $(summary_field "$I" INGEST ready_pages) of $(summary_field "$I" INGEST pages) | | |"
		echo "| chunks stored | $(summary_field "$I" INGEST chunks) (rows in the database: ${INGEST_ROWS:-?}) | | |"
		echo "| uploads (all documents, $UPLOAD_CONCURRENCY at a time) | $(fmt "$(summary_field "$I" INGEST upload_s)" '%.1f s') | | |"
		echo "| wall clock, first upload sent → last document indexed | $(fmt "$(summary_field "$I" INGEST wall_s)" '%.1f s') | | |"
		echo "| pages/s | $(fmt "$(summary_field "$I" INGEST pages_per_s)" '%.2f') | | |"
		echo "| chunks/s | $(fmt "$(summary_field "$I" INGEST chunks_per_s)" '%.1f') | | |"
		echo "| service RSS while ingesting, max of $(summary_field "$I" INGEST rss_samples) samples (1 s apart) | $(fmt "$(summary_field "$I" INGEST rss_max_mb)" '%s MB') | < 500 MB | $(meets "$(summary_field "$I" INGEST rss_max_mb)" '<' 500) |"
		echo "| service RSS while ingesting, median | $(fmt "$(summary_field "$I" INGEST rss_median_mb)" '%s MB') | | |"
		echo "| service RSS before the first upload / peak (VmHWM) at the end of ingestion | $(fmt "$RSS_IDLE" '%s MB') / $(fmt "$(summary_field "$I" INGEST rss_peak_hwm_mb)" '%s MB') | | |"
		echo
	fi
	if $DO_QUERY; then
		echo "## Queries: $QUERIES per case, top_k $TOP_K, through POST /rag/collections/{id}/query"
		echo
		echo "Collections filled in the database (random unit vectors of 384 dimensions, $CHUNKS_PER_DOCUMENT chunks per ready document; HNSW index rebuilt, tables analysed): large $CHUNKS chunks, small $SMALL_CHUNKS chunks; fill times (s): $(tr '\n' ';' <"$RESULTS/fill-times.txt" | sed 's/;$//; s/;/; /g'). Uncached: texts the service never saw (it embeds each); cached: the same texts again (Redis). \"small, next to large\": the small collection measured again after the large one was filled (same index)."
		echo
		echo "| collection | chunks | case | concurrency | ok / sent | p50 ms | p95 ms | p99 ms | max ms | queries/s | cache hits / misses |"
		echo "|---|---:|---|---:|---|---:|---:|---:|---:|---:|---|"
		awk -F'\t' 'NR > 1 {printf "| %s | %s | %s | %s | %s / %s | %s | %s | %s | %s | %s | %s / %s |\n",
			$1, $2, $3, $4, $6, $5, $10, $11, $12, $13, $15, $16, $17}' "$METRICS"
		echo
		echo "| target | value | target | met |"
		echo "|---|---:|---|---|"
		for c in 1 4; do
			v="$(metric large uncached "$c" p95_ms)"
			echo "| uncached p95 at $CHUNKS chunks, concurrency $c | $(fmt "$v" '%.2f ms') | < 30 ms | $(meets "$v" '<' 30) |"
			v="$(metric large cached "$c" p95_ms)"
			echo "| cached p95 at $CHUNKS chunks, concurrency $c | $(fmt "$v" '%.2f ms') | < 3 ms | $(meets "$v" '<' 3) |"
		done
		for c in 1 4; do
			echo "| ratio large ÷ small, uncached p95 / p50, concurrency $c | $(ratio "$(metric large uncached "$c" p95_ms)" "$(metric small uncached "$c" p95_ms)") / $(ratio "$(metric large uncached "$c" p50_ms)" "$(metric small uncached "$c" p50_ms)") | — | |"
		done
		echo
		if ((${#FLOORS[@]} > 0)); then
			echo "Floors measured right after the large collection's queries, concurrency 1, $QUERIES requests each:"
			echo
			echo "| floor | request | p50 ms | p95 ms | p99 ms |"
			echo "|---|---|---:|---:|---:|"
			for row in "${FLOORS[@]}"; do
				echo "| ${row//|/ | } |"
			done
			echo
		fi
		echo "Query plans (EXPLAIN ANALYZE as the runtime role, random vector): explain-*.txt"
		echo
	fi
	echo "Ingestion service RSS after the run: $(fmt "$RSS_END" '%s MB'), peak (VmHWM) $(fmt "$RSS_HWM" '%s MB'); the JVM's heap $(jvm_memory used heap) used of $(jvm_memory committed heap) committed, non-heap $(jvm_memory used nonheap) used of $(jvm_memory committed nonheap) committed (ingestion-metrics.txt); the rest is native memory (the ONNX runtime and its model, thread stacks, malloc arenas)"
} >"$RESULTS/summary.txt"
cat "$RESULTS/summary.txt"

if ((INVALID > 0)); then
	say "WARNING: $INVALID part(s) had failed requests, failed documents or empty answers (see the ⚠ lines above and $RESULTS): the figures are not valid measurements"
	exit 3
fi
say "done: $RESULTS"
