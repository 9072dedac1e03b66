#!/bin/sh
# First start of the PostgreSQL container only (docker-entrypoint-initdb.d): the application's role and database,
# and the Temporal role. The Temporal schema job creates the temporal and temporal_visibility databases itself.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v app_password="$APP_DB_PASSWORD" -v temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE eco_grid LOGIN PASSWORD :'app_password';
CREATE DATABASE eco_grid OWNER eco_grid;
CREATE ROLE temporal LOGIN CREATEDB PASSWORD :'temporal_password';
SQL
