-- Creates the platform's database roles and database, idempotently. Run as the PostgreSQL
-- superuser, with the passwords as psql variables:
--
--   psql -h HOST -U postgres -v owner_password='...' -v app_password='...' -f db/init/create-roles.sql
--
-- temponest_owner owns the database and every service schema, runs the Flyway migrations and
-- has BYPASSRLS (the SECURITY DEFINER lookups need it). temponest_app is what the services
-- connect as: no superuser, no BYPASSRLS, so row-level security applies to it.
-- Re-running the script resets both passwords and attributes and changes nothing else.

\set ON_ERROR_STOP on

\if :{?owner_password}
\else
	DO $$ BEGIN RAISE EXCEPTION 'Set the owner password: psql -v owner_password=...'; END $$;
\endif
\if :{?app_password}
\else
	DO $$ BEGIN RAISE EXCEPTION 'Set the runtime role password: psql -v app_password=...'; END $$;
\endif

SELECT 'CREATE ROLE temponest_owner'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temponest_owner') \gexec

SELECT 'CREATE ROLE temponest_app'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temponest_app') \gexec

SELECT format('ALTER ROLE temponest_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB BYPASSRLS PASSWORD %L',
	:'owner_password') \gexec

SELECT format('ALTER ROLE temponest_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD %L',
	:'app_password') \gexec

SELECT 'CREATE DATABASE temponest OWNER temponest_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'temponest') \gexec

ALTER DATABASE temponest OWNER TO temponest_owner;
REVOKE ALL ON DATABASE temponest FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE temponest TO temponest_app;

\connect temponest
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- pgvector for the ingestion service's knowledge base. It is not a trusted extension, so it is
-- installed here, as the superuser; where the server lacks it (scripts/ensure-pgvector.sh builds
-- it) the ingestion service's migration stops with PostgreSQL's "extension is not available".
SELECT 'CREATE EXTENSION IF NOT EXISTS vector SCHEMA public'
WHERE EXISTS (SELECT FROM pg_available_extensions WHERE name = 'vector') \gexec
