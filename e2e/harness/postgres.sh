#!/usr/bin/env bash
# A PostgreSQL server for the store tests, from Debian's package, on a loopback port. `up` prints
# the connection URL; `down` stops it. Its data is throwaway test data in /tmp (as root the server
# runs as Debian's postgres user, which cannot enter /root).
#   POSTGRES_PORT (default 25432), POSTGRES_DIR (default /tmp/hopscope-postgres-<port>)
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin" # runuser
port=${POSTGRES_PORT:-25432}
state=${POSTGRES_DIR:-/tmp/hopscope-postgres-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL is not installed (scripts/setup.sh installs Debian's postgresql)" >&2; exit 1; }
# PostgreSQL refuses to run as root: as root, run it as Debian's postgres user.
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url="postgresql://hopscope@127.0.0.1:$port/hopscope_test"

case "${1:-}" in
  up)
    if [ ! -f "$state/PG_VERSION" ]; then
      mkdir -p "$state"
      [ "$(id -u)" -eq 0 ] && chown postgres: "$state"
      as_owner "$bin/initdb" -D "$state" -U hopscope --auth=trust -E UTF8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$state" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$state" -l "$state/server.log" -w -t 30 \
        -o "-p $port -k $state -c listen_addresses=127.0.0.1" start >/dev/null
    fi
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U hopscope -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname='hopscope_test'" | grep -q 1 ||
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U hopscope hopscope_test
    echo "$url"
    ;;
  down)
    as_owner "$bin/pg_ctl" -D "$state" -m fast stop >/dev/null 2>&1 || true
    ;;
  *)
    echo "usage: $0 up|down" >&2; exit 2
    ;;
esac
