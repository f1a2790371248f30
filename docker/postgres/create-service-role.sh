#!/bin/sh
# Runs once, when a subgraph's Postgres container initialises its data directory (docker-entrypoint-initdb.d):
# creates the service's own login role, SERVICE_DB_USER with SERVICE_DB_PASSWORD, and makes it the owner of
# the service's database (POSTGRES_DB) and nothing else. The service connects as that role, never as the
# `postgres` superuser: it can migrate and use its own database (CREATE EXTENSION pg_trgm included, a trusted
# extension), but not read other databases, create roles or databases, or run server-side programs.
set -eu
: "${SERVICE_DB_USER:?set SERVICE_DB_USER}" "${SERVICE_DB_PASSWORD:?set SERVICE_DB_PASSWORD}"
psql --set=ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=role="$SERVICE_DB_USER" --set=password="$SERVICE_DB_PASSWORD" --set=db="$POSTGRES_DB" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER DATABASE :"db" OWNER TO :"role";
-- Only the owner connects to the service's database; nobody but the superuser to the maintenance database.
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
SQL
