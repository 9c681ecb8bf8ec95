#!/usr/bin/env bash
# Creates the platform's roles (temponest_owner, temponest_app) and the temponest database by running
# db/init/create-roles.sql, then enables pgvector in that database; with TEMPORAL_DB_PASSWORD (or _FILE)
# set, also the temporal role (LOGIN CREATEDB), with which the Temporal server creates and migrates its own
# two databases (temporal, temporal_visibility) on its first start.
#
# The official PostgreSQL image runs this once, from /docker-entrypoint-initdb.d/, on an empty data volume.
# The SQL file is mounted at /opt/temponest/create-roles.sql (not into docker-entrypoint-initdb.d/, where
# the image would run it without the password variables it needs). It is idempotent, so on an existing
# volume it can be re-run to reset both passwords:
#   docker compose exec postgres /docker-entrypoint-initdb.d/10-create-roles.sh
#
# Passwords: TEMPONEST_OWNER_PASSWORD / TEMPONEST_APP_PASSWORD, or the same names with _FILE pointing at a
# file (compose secrets), like the image's own POSTGRES_PASSWORD / POSTGRES_PASSWORD_FILE. They reach psql
# through its environment (\getenv), never its command line.
set -euo pipefail

sql_file=${TEMPONEST_CREATE_ROLES_SQL:-/opt/temponest/create-roles.sql}

# read_secret NAME: the value of NAME, or the content of the file named by NAME_FILE (trailing newlines
# dropped); both set is an error, as in the image's entrypoint.
read_secret() {
	local name=$1 file_name="${1}_FILE"
	local value=${!name:-} file=${!file_name:-}
	if [ -n "$value" ] && [ -n "$file" ]; then
		echo "10-create-roles.sh: both $name and $file_name are set (they are exclusive)" >&2
		return 1
	fi
	if [ -n "$file" ]; then
		value=$(<"$file")
	fi
	if [ -z "$value" ]; then
		echo "10-create-roles.sh: set $name or $file_name" >&2
		return 1
	fi
	printf '%s' "$value"
}

TEMPONEST_INIT_OWNER_PASSWORD=$(read_secret TEMPONEST_OWNER_PASSWORD)
TEMPONEST_INIT_APP_PASSWORD=$(read_secret TEMPONEST_APP_PASSWORD)
export TEMPONEST_INIT_OWNER_PASSWORD TEMPONEST_INIT_APP_PASSWORD

psql_args=(-v ON_ERROR_STOP=1 --no-psqlrc --no-password --username "${POSTGRES_USER:-postgres}")

echo "10-create-roles.sh: creating roles temponest_owner, temponest_app and database temponest"
{
	printf '\\getenv owner_password TEMPONEST_INIT_OWNER_PASSWORD\n'
	printf '\\getenv app_password TEMPONEST_INIT_APP_PASSWORD\n'
	cat "$sql_file"
} | psql "${psql_args[@]}" --dbname postgres --quiet

# pgvector is not a trusted extension: the superuser creates it once, the services only use it.
psql "${psql_args[@]}" --dbname temponest --quiet -c 'CREATE EXTENSION IF NOT EXISTS vector'

# The Temporal server's role: it owns only the databases it creates; the platform's roles never touch them.
if [ -n "${TEMPORAL_DB_PASSWORD:-}${TEMPORAL_DB_PASSWORD_FILE:-}" ]; then
	TEMPONEST_INIT_TEMPORAL_PASSWORD=$(read_secret TEMPORAL_DB_PASSWORD)
	export TEMPONEST_INIT_TEMPORAL_PASSWORD
	echo "10-create-roles.sh: creating role temporal (CREATEDB) for the Temporal server"
	{
		printf '\\getenv temporal_password TEMPONEST_INIT_TEMPORAL_PASSWORD\n'
		printf "SELECT format('CREATE ROLE temporal LOGIN CREATEDB PASSWORD %%L', :'temporal_password')\n"
		printf "WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal') \\gexec\n"
		printf "SELECT format('ALTER ROLE temporal LOGIN CREATEDB PASSWORD %%L', :'temporal_password') \\gexec\n"
	} | psql "${psql_args[@]}" --dbname postgres --quiet
fi
