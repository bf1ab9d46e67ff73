#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for the backend contract suites and the multi-replica
# test. Source it, then:
#   start_test_services   # exports TEST_DATABASE_URL and TEST_REDIS_URL
#   stop_test_services    # stops both and removes their data (call from a trap)
# Needs the Debian packages postgresql and redis-server. As root, PostgreSQL runs as the `postgres`
# user (it refuses to run as root); otherwise as the current user.

TEST_SERVICES_DIR=""
TEST_PG_BIN=""

_free_port() {
  node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

_as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_services() {
  TEST_SERVICES_DIR="$(mktemp -d /tmp/tollgate-services.XXXXXX)"
  chmod 755 "$TEST_SERVICES_DIR"
  TEST_PG_BIN="$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1)")"
  if [ ! -x "$TEST_PG_BIN/initdb" ]; then echo "initdb not found: apt-get install postgresql" >&2; return 1; fi
  local pg_port redis_port
  pg_port="$(_free_port)"
  redis_port="$(_free_port)"
  mkdir -p "$TEST_SERVICES_DIR/pg"
  if [ "$(id -u)" = "0" ]; then chown postgres "$TEST_SERVICES_DIR/pg"; fi
  _as_pg "$TEST_PG_BIN/initdb" -D "$TEST_SERVICES_DIR/pg/data" -A trust -U postgres --no-sync >/dev/null
  _as_pg "$TEST_PG_BIN/pg_ctl" -D "$TEST_SERVICES_DIR/pg/data" -w -l "$TEST_SERVICES_DIR/pg/log" \
    -o "-p $pg_port -k $TEST_SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
    start >/dev/null
  _as_pg "$TEST_PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres tollgate_test
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
    --pidfile "$TEST_SERVICES_DIR/redis.pid" --logfile "$TEST_SERVICES_DIR/redis.log" \
    --dir "$TEST_SERVICES_DIR"
  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$pg_port/tollgate_test"
  export TEST_REDIS_URL="redis://127.0.0.1:$redis_port"
  echo "== test services: PostgreSQL on $pg_port, Redis on $redis_port ($TEST_SERVICES_DIR)"
}

stop_test_services() {
  [ -n "$TEST_SERVICES_DIR" ] || return 0
  if [ -f "$TEST_SERVICES_DIR/redis.pid" ]; then kill "$(cat "$TEST_SERVICES_DIR/redis.pid")" 2>/dev/null || true; fi
  if [ -d "$TEST_SERVICES_DIR/pg/data" ]; then
    _as_pg "$TEST_PG_BIN/pg_ctl" -D "$TEST_SERVICES_DIR/pg/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TEST_SERVICES_DIR"
  TEST_SERVICES_DIR=""
}
