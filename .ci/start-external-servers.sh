#!/usr/bin/env bash
# Starts Debian's PostgreSQL and Redis on loopback for the testkit's external provider, installing them if missing,
# and prints the settings to use them. Idempotent: servers that already run are kept, the role is (re)set.
#
#   eval "$(.ci/start-external-servers.sh)"          # or: .ci/start-external-servers.sh /tmp/external.env
#   mvn -B -Pintegration verify                       #     source /tmp/external.env
#
# The PostgreSQL role is a plain one that may create databases (no superuser), so the testkit's non-superuser
# reset path is what runs. Its password is new on every call (printed with the settings), so that no test can pass
# by accident on a password that happens to appear elsewhere, and none is written into the repository.
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
PG_ROLE="${TESTKIT_EXTERNAL_ROLE:-testkit}"
PG_ROLE_PASSWORD="${TESTKIT_EXTERNAL_PASSWORD:-tk-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')}"
REDIS_PORT="${TESTKIT_EXTERNAL_REDIS_PORT:-6390}"

say() { printf '%s\n' "$*" >&2; }

apt_updated=0
need() { # need COMMAND PACKAGE...
  if ! command -v "$1" >/dev/null 2>&1; then
    local command="$1"; shift
    say "Installing $* (no $command found)"
    if [ "$apt_updated" = 0 ]; then apt-get update -q >&2; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
  fi
}

need pg_ctlcluster postgresql
need redis-server redis-server
need redis-cli redis-tools

# PostgreSQL: Debian's cluster listens on localhost with password (scram) authentication over TCP.
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  say "Creating PostgreSQL cluster $PG_VERSION/$PG_CLUSTER"
  pg_createcluster "$PG_VERSION" "$PG_CLUSTER" >&2
fi
if ! pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c && $4 == "online" { ok = 1 } END { exit !ok }'; then
  say "Starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { print $3 }')"
for _ in $(seq 1 30); do
  runuser -u postgres -- pg_isready -q -p "$PG_PORT" && break
  sleep 1
done
runuser -u postgres -- psql -q -p "$PG_PORT" -v ON_ERROR_STOP=1 -v role="$PG_ROLE" -v pw="$PG_ROLE_PASSWORD" >&2 <<'SQL'
SELECT format('CREATE ROLE %I', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB NOSUPERUSER PASSWORD %L', :'role', :'pw') \gexec
SQL

# Redis: its own instance on a port of its own, nothing written to disk.
if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  say "Starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --logfile "/tmp/testkit-external-redis-$REDIS_PORT.log" >&2
  for _ in $(seq 1 30); do
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.2
  done
fi
redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null

settings="export TESTKIT_PROVIDER=external
export TESTKIT_POSTGRES_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/postgres
export TESTKIT_POSTGRES_USER=$PG_ROLE
export TESTKIT_POSTGRES_PASSWORD=$PG_ROLE_PASSWORD
export TESTKIT_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"

if [ $# -ge 1 ]; then
  printf '%s\n' "$settings" > "$1"
  say "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT run; settings written to $1"
else
  say "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT and Redis on 127.0.0.1:$REDIS_PORT run"
  printf '%s\n' "$settings"
fi
