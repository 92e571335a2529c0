#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the county store's PostgreSQL tests: initdb in a temp folder
# owned by the postgres user, listening on no TCP address at all (listen_addresses=''), only on a
# unix socket in a private folder; one database `intake`. Prints the connection string as
#   INTAKE_TEST_PG=postgresql://postgres@/intake?host=/tmp/…
# so `eval "$(bash scripts/pg-test-cluster.sh start)"` exports it. `stop DIR` stops and removes it.
# Debian's postgresql (apt package `postgresql`) puts the binaries in /usr/lib/postgresql/N/bin.
# PG_DURABLE=1 keeps fsync and synchronous commit on (the county bench: a server as a county runs it).
set -euo pipefail

cmd="${1:-start}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[ -x "$bin/initdb" ] || { echo "pg-test-cluster: no PostgreSQL binaries (apt-get install postgresql)" >&2; exit 1; }

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    dir="$(mktemp -d /tmp/intake-pg-XXXXXX)"
    mkdir -p "$dir/data" "$dir/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres: "$dir"
    chmod 700 "$dir" "$dir/socket"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # A test cluster: durability off (it is thrown away), no TCP, the socket in the private folder.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-}" = 1 ] && durability=""
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-c listen_addresses='' -c unix_socket_directories='$dir/socket' $durability -c max_connections=200" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_pg "$bin/createdb" -h "$dir/socket" -U postgres intake
    echo "INTAKE_TEST_PG=postgresql://postgres@/intake?host=$dir/socket"
    echo "INTAKE_TEST_PG_DIR=$dir"
    echo "export INTAKE_TEST_PG INTAKE_TEST_PG_DIR"
    ;;
  stop)
    dir="${2:-${INTAKE_TEST_PG_DIR:-}}"
    [ -n "$dir" ] && [ -d "$dir/data" ] || { echo "pg-test-cluster: stop needs the cluster folder" >&2; exit 1; }
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-test-cluster.sh start | stop DIR" >&2
    exit 2
    ;;
esac
