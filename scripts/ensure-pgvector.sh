#!/usr/bin/env bash
# Makes sure the local PostgreSQL can CREATE EXTENSION vector (the ingestion service's knowledge base needs it).
#
#   scripts/ensure-pgvector.sh      # does nothing when the extension is already available
#
# Debian 12 has no pgvector package for PostgreSQL 15, so it is built from Debian trixie's source package
# (about 20 s): a deb-src entry for trixie is added for the download and removed again afterwards. Needs root
# (apt-get, make install into PostgreSQL's directories). PGHOST/PGPORT/PGUSER as for psql (defaults
# 127.0.0.1, 5432, postgres). Compose and the CI workflow use a PostgreSQL image that ships pgvector instead.
set -euo pipefail

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

available() {
  [ "$(psql -d postgres -Atc "select count(*) from pg_available_extensions where name = 'vector'")" = 1 ]
}

if available; then
  exit 0
fi

server_major=$(psql -d postgres -Atc 'show server_version_num' | cut -c1-2)
pg_config="/usr/lib/postgresql/$server_major/bin/pg_config"
echo "Building pgvector for PostgreSQL $server_major (no package for it in this distribution)"

sources=/etc/apt/sources.list.d/temponest-pgvector-src.list
workdir=$(mktemp -d)
cleanup() {
  rm -f "$sources"
  rm -rf "$workdir"
}
trap cleanup EXIT

echo "deb-src http://deb.debian.org/debian trixie main" >"$sources"
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "postgresql-server-dev-$server_major" dpkg-dev make gcc >/dev/null
(
  cd "$workdir"
  apt-get source -q -t trixie pgvector >/dev/null 2>&1
  cd pgvector-*/
  make -s PG_CONFIG="$pg_config" >/dev/null
  make -s PG_CONFIG="$pg_config" install >/dev/null
)
rm -f "$sources"
apt-get update -q >/dev/null

if ! available; then
  echo "pgvector was built but PostgreSQL does not list the vector extension" >&2
  exit 1
fi
echo "pgvector $(psql -d postgres -Atc "select default_version from pg_available_extensions where name = 'vector'") installed"
