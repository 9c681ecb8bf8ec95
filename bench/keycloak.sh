# shellcheck shell=bash
# Keycloak side by side, for bench/auth-bench.sh --keycloak. Source it after bench/lib.sh; it uses JAVA_HOME,
# PSQL_URL, RESULTS, say/fail, track, wait_http, pick_port and at_exit.
#
#   keycloak_fetch               org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION (zip) from Maven Central into
#                                BENCH_CACHE, checked against its .sha1; sets KC_HOME
#   keycloak_database            a PostgreSQL role and database of its own on PSQL_URL's server, which Keycloak
#                                reaches at BENCH_KEYCLOAK_DB_HOST (127.0.0.1:5432); dropped again on exit
#   keycloak_realm ITERATIONS    writes the realm to import: RS256, pbkdf2-sha256 with ITERATIONS, one public
#                                client with the password grant, one user
#   keycloak_start, keycloak_wait  starts it on a free port (KC_URL), then waits until the realm answers
#   keycloak_session             a password grant → KC_TOKEN; userinfo must answer 200 with it
#
# Keycloak's own defaults are kept (heap from its kc.sh, caches, pool) apart from what the realm sets.

KEYCLOAK_VERSION="${BENCH_KEYCLOAK_VERSION:-26.7.3}"
BENCH_CACHE="${BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/temponest-bench}"
MAVEN_CENTRAL="${BENCH_MAVEN_CENTRAL:-https://repo1.maven.org/maven2}"
KC_DB_NAME="${BENCH_KEYCLOAK_DB:-keycloak_bench}"
KC_DB_HOST="${BENCH_KEYCLOAK_DB_HOST:-127.0.0.1:5432}"
KC_REALM=bench
KC_CLIENT=bench
KC_USER=bench
KC_HOME=""
KC_URL=""
KC_TOKEN_URL=""
KC_USERINFO_URL=""
KC_TOKEN=""
KC_DB_PASSWORD=""

keycloak_fetch() {
	local name="keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip"
	local url="$MAVEN_CENTRAL/org/keycloak/keycloak-quarkus-dist/$KEYCLOAK_VERSION/$name"
	KC_HOME="$BENCH_CACHE/keycloak-$KEYCLOAK_VERSION"
	if [[ -x "$KC_HOME/bin/kc.sh" ]]; then
		say "Keycloak $KEYCLOAK_VERSION: $KC_HOME (cached)"
		return 0
	fi
	command -v unzip >/dev/null || fail "unzip is needed to unpack Keycloak"
	mkdir -p "$BENCH_CACHE"
	if [[ ! -f "$BENCH_CACHE/$name" ]]; then
		say "downloading $url"
		curl -fsSL --retry 3 -o "$BENCH_CACHE/$name.part" "$url" || fail "could not download $url"
		mv "$BENCH_CACHE/$name.part" "$BENCH_CACHE/$name"
	fi
	local expected actual
	expected="$(curl -fsSL --retry 3 "$url.sha1" | cut -c1-40)" || fail "could not download $url.sha1"
	actual="$(sha1sum "$BENCH_CACHE/$name" | cut -c1-40)"
	if [[ "$expected" != "$actual" ]]; then
		rm -f "$BENCH_CACHE/$name"
		fail "$name: SHA-1 $actual, Maven Central says $expected (the file was removed; run again)"
	fi
	(cd "$BENCH_CACHE" && unzip -q -o "$name") || fail "could not unpack $BENCH_CACHE/$name"
	[[ -x "$KC_HOME/bin/kc.sh" ]] || fail "$name did not unpack to $KC_HOME"
}

keycloak_psql() { psql "$PSQL_URL" -v ON_ERROR_STOP=1 -qc "$1" >>"$RESULTS/keycloak-db.log" 2>&1; }

keycloak_drop_database() {
	keycloak_psql "DROP DATABASE IF EXISTS $KC_DB_NAME" && keycloak_psql "DROP ROLE IF EXISTS $KC_DB_NAME"
}

# A fresh database every run: the realm is imported with this run's hash iterations, and nothing of an earlier
# run (sessions, keys) is left.
keycloak_database() {
	[[ "$KC_DB_NAME" == *bench* ]] || fail "BENCH_KEYCLOAK_DB must contain \"bench\" (it is dropped and created): $KC_DB_NAME"
	command -v psql >/dev/null || fail "psql is needed to create Keycloak's database"
	KC_DB_PASSWORD="kc-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	keycloak_drop_database || fail "could not drop the old $KC_DB_NAME database (see $RESULTS/keycloak-db.log)"
	if ! keycloak_psql "CREATE ROLE $KC_DB_NAME LOGIN PASSWORD '$KC_DB_PASSWORD'" ||
		! keycloak_psql "CREATE DATABASE $KC_DB_NAME OWNER $KC_DB_NAME"; then
		fail "could not create Keycloak's database $KC_DB_NAME (see $RESULTS/keycloak-db.log)"
	fi
	at_exit keycloak_drop_database
	say "Keycloak database: $KC_DB_NAME (role $KC_DB_NAME) on $PSQL_URL, dropped on exit"
}

keycloak_realm() {
	local iterations="$1"
	[[ "$iterations" =~ ^[0-9]+$ ]] || fail "no PBKDF2 iteration count for Keycloak's realm: '$iterations'"
	mkdir -p "$KC_HOME/data/import"
	# Tokens and sessions outlive the longest run; everything else is Keycloak's default.
	cat >"$KC_HOME/data/import/$KC_REALM-realm.json" <<EOF
{
  "realm": "$KC_REALM",
  "enabled": true,
  "passwordPolicy": "hashAlgorithm(pbkdf2-sha256) and hashIterations($iterations)",
  "defaultSignatureAlgorithm": "RS256",
  "accessTokenLifespan": 14400,
  "ssoSessionIdleTimeout": 14400,
  "ssoSessionMaxLifespan": 36000,
  "clients": [
    {
      "clientId": "$KC_CLIENT",
      "enabled": true,
      "publicClient": true,
      "directAccessGrantsEnabled": true,
      "standardFlowEnabled": false
    }
  ],
  "users": [
    {
      "username": "$KC_USER",
      "email": "$KC_USER@example.com",
      "emailVerified": true,
      "firstName": "Bench",
      "lastName": "User",
      "enabled": true,
      "credentials": [{"type": "password", "value": "$PASSWORD", "temporary": false}]
    }
  ]
}
EOF
	cp "$KC_HOME/data/import/$KC_REALM-realm.json" "$RESULTS/keycloak-realm.json"
}

keycloak_start() {
	pick_port KC_PORT
	KC_URL="http://127.0.0.1:$KC_PORT"
	KC_TOKEN_URL="$KC_URL/realms/$KC_REALM/protocol/openid-connect/token"
	KC_USERINFO_URL="$KC_URL/realms/$KC_REALM/protocol/openid-connect/userinfo"
	KC_ARGS=(start --db=postgres "--db-url=jdbc:postgresql://$KC_DB_HOST/$KC_DB_NAME" "--db-username=$KC_DB_NAME"
		--http-enabled=true --http-host=127.0.0.1 "--http-port=$KC_PORT" --hostname-strict=false --import-realm)
	# kc.sh forwards SIGTERM to its java child; the child is tracked as well once it is up.
	KC_DB_PASSWORD="$KC_DB_PASSWORD" JAVA_HOME="$JAVA_HOME" "$KC_HOME/bin/kc.sh" "${KC_ARGS[@]}" \
		>>"$RESULTS/keycloak.log" 2>&1 &
	KC_PID=$!
	track "$KC_PID" "$KC_HOME/bin/kc.sh"
	say "started Keycloak $KEYCLOAK_VERSION (pid $KC_PID), log $RESULTS/keycloak.log"
}

keycloak_wait() {
	local child
	wait_http keycloak "$KC_URL/realms/$KC_REALM/.well-known/openid-configuration" "$KC_PID" 400
	for child in $(ps -o pid= --ppid "$KC_PID" 2>/dev/null); do
		track "$child" "io.quarkus.bootstrap.runner.QuarkusEntryPoint"
	done
}

keycloak_session() {
	local code
	KC_FORM="grant_type=password&client_id=$KC_CLIENT&username=$KC_USER&password=$PASSWORD&scope=openid"
	code="$(curl -sS -o "$RESULTS/keycloak-token.json" -w '%{http_code}' -d "$KC_FORM" "$KC_TOKEN_URL")"
	[[ "$code" == 200 ]] || fail "Keycloak's password grant answered $code: $(head -c 500 "$RESULTS/keycloak-token.json")"
	KC_TOKEN="$(json_field access_token <"$RESULTS/keycloak-token.json")"
	[[ -n "$KC_TOKEN" ]] || fail "Keycloak's password grant returned no access_token"
	code="$(curl -sS -o "$RESULTS/keycloak-userinfo.json" -w '%{http_code}' -H "Authorization: Bearer $KC_TOKEN" "$KC_USERINFO_URL")"
	[[ "$code" == 200 ]] || fail "Keycloak's userinfo answered $code: $(head -c 500 "$RESULTS/keycloak-userinfo.json")"
	psql "${PSQL_URL%/*}/$KC_DB_NAME" -tAc "SELECT credential_data FROM credential WHERE type = 'password'" \
		>"$RESULTS/keycloak-credential.txt" 2>>"$RESULTS/keycloak-db.log" || true
}
