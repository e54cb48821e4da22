#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks. Source this file,
# then call start_postgres; it exports POSTGRES_URL. stop_postgres removes the cluster.
PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-$(mktemp -d /tmp/lms-pg.XXXXXX)}"

_pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  echo "${found:-$(dirname "$(command -v pg_ctl)")}"
}

_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_postgres() {
  local bin
  bin=$(_pg_bin)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home "$PG_DIR" postgres
    chown postgres "$PG_DIR"
  fi
  _as_pg "$bin/initdb" -D "$PG_DIR/data" -U lms --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off" start >/dev/null
  _as_pg "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U lms lms
  export POSTGRES_URL="postgres://lms@127.0.0.1:$PG_PORT/lms"
  echo "PostgreSQL running at $POSTGRES_URL"
}

stop_postgres() {
  local bin
  bin=$(_pg_bin)
  _as_pg "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
