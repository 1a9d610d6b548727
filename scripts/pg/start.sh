#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the store tests: initdb in a temporary folder, run by a
# non-root user, listening only on 127.0.0.1 at a free port, with a random password.
# Prints `export AI_LOG_TRAIL_TEST_PG_URL=…` and `export AI_LOG_TRAIL_TEST_PG_DIR=…` on stdout, so
#   eval "$(scripts/pg/start.sh)"
# sets both; scripts/pg/stop.sh stops the cluster and deletes the folder. Progress goes to stderr.
set -euo pipefail

log() { echo "pg: $*" >&2; }

find_bindir() {
  local d
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"
    return 0
  fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

bindir=$(find_bindir || true)
if [ -z "$bindir" ]; then
  if [ "$(id -u)" != 0 ]; then
    log "initdb not found and not root: install Debian's postgresql package"
    exit 1
  fi
  log "installing Debian's postgresql package"
  # Only our throwaway cluster: no 'main' cluster started by the package's install script.
  mkdir -p /etc/postgresql-common
  echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir=$(find_bindir)
fi
log "using $bindir"

# PostgreSQL refuses to run as root: run it as a system user made for it.
if [ "$(id -u)" = 0 ]; then
  run_as=${AI_LOG_TRAIL_PG_USER:-ai-log-trail-pg}
  id "$run_as" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$run_as"
  as_user() { runuser -u "$run_as" -- "$@"; }
else
  as_user() { "$@"; }
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/ai-log-trail-pg.XXXXXX")
chmod 700 "$dir"
[ "$(id -u)" = 0 ] && chown "$run_as" "$dir"
password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" >"$dir/pwfile"
[ "$(id -u)" = 0 ] && chown "$run_as" "$dir/pwfile"
chmod 600 "$dir/pwfile"
db_user=ai_log_trail

as_user "$bindir/initdb" -D "$dir/data" -U "$db_user" --pwfile="$dir/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  as_user "$bindir/initdb" -D "$dir/data" -U "$db_user" --pwfile="$dir/pwfile" --auth=scram-sha-256 -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}
rm -f "$dir/pwfile"

free_port() {
  # A port the kernel hands out is free now; a race with another process is retried below.
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    echo $((20000 + RANDOM % 40000))
  fi
}

started=""
for _ in 1 2 3 4 5; do
  port=$(free_port)
  # fsync off: the cluster is thrown away, and the tests need no durability.
  if as_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >&2; then
    started=1
    break
  fi
  log "start on port $port failed; trying another"
done
if [ -z "$started" ]; then
  cat "$dir/server.log" >&2 || true
  exit 1
fi
echo "$bindir" >"$dir/bindir"
[ "$(id -u)" = 0 ] && echo "$run_as" >"$dir/run_as"

log "$("$bindir/postgres" --version) on 127.0.0.1:$port, data in $dir"
echo "export AI_LOG_TRAIL_TEST_PG_URL='postgres://$db_user:$password@127.0.0.1:$port/postgres'"
echo "export AI_LOG_TRAIL_TEST_PG_DIR='$dir'"
