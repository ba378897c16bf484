#!/bin/sh
# First start of the compose PostgreSQL: the application's role, not a superuser, owning its database.
set -eu
psql -v ON_ERROR_STOP=1 --username postgres --dbname postgres --set=password="$APP_PASSWORD" <<'SQL'
CREATE ROLE neglect LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
CREATE DATABASE neglect OWNER neglect;
SQL
