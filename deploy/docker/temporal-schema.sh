#!/bin/sh
# Creates and migrates the temporal and temporal_visibility databases to the schema of this temporal-sql-tool's
# server version (temporalio/admin-tools). Idempotent: run it before every server upgrade.
# The same three commands as scripts/temporal-postgres.mjs; the versioned schemas are embedded in the tool.
set -eu
: "${SQL_HOST:?}" "${SQL_USER:?}" "${SQL_PASSWORD:?}"
for pair in temporal:postgresql/v12/temporal temporal_visibility:postgresql/v12/visibility; do
  database=${pair%%:*}
  schema=${pair#*:}
  temporal-sql-tool --plugin postgres12 --database "$database" create-database
  temporal-sql-tool --plugin postgres12 --database "$database" setup-schema -v 0.0
  temporal-sql-tool --plugin postgres12 --database "$database" update-schema --schema-name "$schema"
  echo "database $database: created and migrated"
done
