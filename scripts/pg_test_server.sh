#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests/tests/connection.rs and
# tests/tests/connection_streamlit_port.rs.
#
#   eval "$(scripts/pg_test_server.sh start)"   # prints export lines
#   scripts/pg_test_server.sh stop "$BROOK_TEST_PG_DIR"
#
# `start` installs PostgreSQL with apt-get when it is missing, creates a
# cluster in a new temporary folder (trust authentication, listening on
# 127.0.0.1 only, on a free port), starts it, creates the database
# brook_test, and prints BROOK_TEST_PG_URL, BROOK_TEST_PG_RESTART (the
# command the reconnect test runs) and BROOK_TEST_PG_DIR. PostgreSQL refuses
# to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

as_pg=()
[ "$(id -u)" -eq 0 ] && as_pg=(runuser -u postgres --)

bindir() {
  local initdb
  initdb="$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$initdb" ] && dirname "$initdb"
}

case "${1:-}" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "installing: postgresql" >&2
      sudo_cmd=()
      [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
      "${sudo_cmd[@]}" apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq postgresql >&2
    fi
    bin="$(bindir)"
    dir="$(mktemp -d /tmp/brook-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # A free port: the first from 55432 nobody listens on.
    port=55432
    while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
      port=$((port + 1))
    done
    "${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U brook --no-sync >"$dir/initdb.log" 2>&1
    "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2
    "${as_pg[@]}" "$bin/psql" -h 127.0.0.1 -p "$port" -U brook -d postgres -q \
      -c "CREATE DATABASE brook_test" >&2
    restart="${as_pg[*]} $bin/pg_ctl -D $dir/data -l $dir/server.log -w -m fast restart"
    echo "export BROOK_TEST_PG_URL='postgresql://brook@127.0.0.1:$port/brook_test'"
    echo "export BROOK_TEST_PG_RESTART='$restart >/dev/null'"
    echo "export BROOK_TEST_PG_DIR='$dir'"
    ;;
  stop)
    dir="${2:?usage: pg_test_server.sh stop DIR}"
    if [ -d "$dir/data" ]; then
      "${as_pg[@]}" "$(bindir)/pg_ctl" -D "$dir/data" -w -m fast stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
