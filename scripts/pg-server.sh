#!/usr/bin/env bash
# A throwaway PostgreSQL server from the system's binaries, for CI and benchmarks.
#
#   scripts/pg-server.sh start <dir> [port|auto] [database]
#       initdb into <dir>/data (first time only), listen on 127.0.0.1:<port> only
#       (default 54329; "auto" picks a free port from 54329 up), create the role
#       `liendoan` (password `liendoan`) and the database (default liendoan_test),
#       and print its DATABASE_URL on stdout. Everything else goes to stderr.
#       Starting a server that already runs just prints its URL again.
#   scripts/pg-server.sh stop <dir> [--remove]
#       fast shutdown; --remove also deletes <dir>.
#   scripts/pg-server.sh url <dir>
#       prints the DATABASE_URL of a server started in <dir>.
#
# PostgreSQL refuses to run as root: as root the server runs as the `postgres`
# system user (created when missing) through runuser. The binaries come from
# PG_BIN, else the newest /usr/lib/postgresql/<version>/bin (15 on CI).
# The server is tuned for throwaway use (fsync off): never point it at data you keep.
# PG_SHARED_BUFFERS sets its shared_buffers (default 256MB; the bench asks for 2GB).
set -euo pipefail

ROLE=liendoan
PASSWORD=liendoan
DEFAULT_PORT=54329

log() { echo "pg-server: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

find_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then
    [[ -x "$PG_BIN/initdb" ]] || die "PG_BIN=$PG_BIN has no initdb"
    echo "$PG_BIN"
    return
  fi
  local candidate
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n "$candidate" && -x "$candidate/initdb" ]] ||
    die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin (Debian: apt-get install -y postgresql-15), or set PG_BIN"
  echo "$candidate"
}

# Runs a command as the server's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_postgres_user() {
  [[ $(id -u) -eq 0 ]] || return 0
  if ! id -u postgres >/dev/null 2>&1; then
    log "creating the postgres system user"
    useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin postgres
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pick_port() {
  local port=$DEFAULT_PORT
  while port_in_use "$port"; do
    port=$((port + 1))
    ((port < DEFAULT_PORT + 200)) || die "no free port between $DEFAULT_PORT and $port"
  done
  echo "$port"
}

url_for() {
  local dir=$1
  [[ -f "$dir/port" && -f "$dir/database" ]] || die "$dir holds no server started by this script"
  echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$(cat "$dir/port")/$(cat "$dir/database")"
}

psql_admin() {
  local bin=$1 data=$2 port=$3
  shift 3
  as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres "$@"
}

cmd_start() {
  local dir=${1:?usage: pg-server.sh start <dir> [port|auto] [database]}
  local port=${2:-$DEFAULT_PORT}
  local database=${3:-liendoan_test}
  [[ "$database" =~ ^[a-z_][a-z0-9_]*$ ]] || die "database name must be lower-case letters, digits and _"
  local bin
  bin=$(find_bin)
  ensure_postgres_user
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  local data="$dir/data"
  # unix sockets have a ~107-byte path limit
  ((${#data} < 90)) || die "directory path too long for a unix socket: $dir (use a short path such as one from mktemp -d)"

  if [[ -f "$data/postmaster.pid" ]] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    log "already running in $dir"
    url_for "$dir"
    return
  fi

  if [[ "$port" == auto ]]; then
    port=$(pick_port)
  fi
  [[ "$port" =~ ^[0-9]+$ ]] || die "port must be a number or auto, got $port"
  if port_in_use "$port"; then
    die "port $port on 127.0.0.1 is in use; pass another port or auto"
  fi

  if [[ $(id -u) -eq 0 ]]; then
    chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner test -w "$dir" || die "the postgres user cannot write to $dir (is a parent folder closed to it?)"
  fi

  if [[ ! -f "$data/PG_VERSION" ]]; then
    log "initdb $data ($("$bin/postgres" --version))"
    as_owner "$bin/initdb" -D "$data" -U postgres --encoding=UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 ||
      {
        cat "$dir/initdb.log" >&2
        die "initdb failed"
      }
    as_owner tee -a "$data/postgresql.conf" >/dev/null <<EOF

# --- pg-server.sh: throwaway server ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
max_connections = 200
shared_buffers = ${PG_SHARED_BUFFERS:-256MB}
work_mem = 16MB
maintenance_work_mem = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
wal_level = minimal
max_wal_senders = 0
max_wal_size = 2GB
checkpoint_timeout = 30min
jit = off
log_min_messages = warning
log_min_error_statement = panic
EOF
  fi
  echo "$port" | as_owner tee "$dir/port" >/dev/null
  echo "$database" | as_owner tee "$dir/database" >/dev/null

  log "starting on 127.0.0.1:$port (log: $dir/postgres.log)"
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/postgres.log" -o "-p $port" -w -t 60 start >/dev/null ||
    {
      tail -n 30 "$dir/postgres.log" >&2 || true
      die "the server did not start"
    }

  psql_admin "$bin" "$data" "$port" <<SQL
SELECT 'CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD ''$PASSWORD'''
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') \gexec
SELECT 'CREATE DATABASE $database OWNER $ROLE'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$database') \gexec
SQL
  url_for "$dir"
}

cmd_stop() {
  local dir=${1:?usage: pg-server.sh stop <dir> [--remove]}
  local remove=${2:-}
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    local bin
    bin=$(find_bin)
    log "stopping the server in $dir"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null || log "pg_ctl stop failed"
  fi
  if [[ "$remove" == --remove ]]; then
    rm -rf "$dir"
  fi
}

case "${1:-}" in
start)
  shift
  cmd_start "$@"
  ;;
stop)
  shift
  cmd_stop "$@"
  ;;
url)
  shift
  url_for "${1:?usage: pg-server.sh url <dir>}"
  ;;
*)
  echo "usage: $0 start <dir> [port|auto] [database] | stop <dir> [--remove] | url <dir>" >&2
  exit 2
  ;;
esac
