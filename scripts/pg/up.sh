#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests and benchmarks: Debian's binaries
# (install.sh), a fresh `initdb` in $TOKENTUI_PG_STATE/data, listening on 127.0.0.1 only (a
# free port) and on a Unix socket inside the state dir. Durability settings are PostgreSQL's
# defaults (fsync and synchronous_commit on), so what the tests and benchmarks see is what a
# real deployment gets.
#
# State dir: ${TOKENTUI_PG_STATE:-/tmp/tokentui-pg}, wiped and recreated. It holds
#   env        sourceable: TOKENTUI_PG_URL (superuser URL with its random password),
#              TOKENTUI_PG_STATE, TOKENTUI_PG_BIN, TOKENTUI_PG_PORT
#   data/  socket/  postgres.log
# Stop with scripts/pg/down.sh; stop and start the same cluster with scripts/pg/ctl.sh.
# initdb refuses to run as root, so as root the cluster runs as the `postgres` user.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${TOKENTUI_PG_STATE:-/tmp/tokentui-pg}"
MARKER=.tokentui-pg-state
log() { echo "pg/up.sh: $*" >&2; }

[[ -n "$STATE" && "$STATE" != / ]] || { log "refusing state dir '$STATE'"; exit 1; }
if [[ -e "$STATE" && -n "$(ls -A "$STATE" 2>/dev/null)" ]]; then
  [[ -f "$STATE/$MARKER" ]] || { log "$STATE is not empty and was not made by up.sh; refusing to wipe it"; exit 1; }
  "$HERE/down.sh" --keep-dir
fi
mkdir -p "$STATE"
find "$STATE" -mindepth 1 -delete
touch "$STATE/$MARKER"

BIN="$("$HERE/install.sh")"
. "$HERE/lib.sh"
mkdir -p "$STATE/socket"
if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$STATE"; chmod 0755 "$STATE"; fi

password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
pwfile="$STATE/socket/.pw"
printf '%s\n' "$password" > "$pwfile"
[[ $(id -u) -eq 0 ]] && chown postgres: "$pwfile"
as_pg "$BIN/initdb" -D "$STATE/data" -U tokentui_admin --pwfile="$pwfile" -E UTF8 --locale=C \
  --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$STATE/initdb.log" 2>&1 \
  || { cat "$STATE/initdb.log" >&2; exit 1; }
rm -f "$pwfile"

# A port below the kernel's ephemeral range (32768-60999 by default): a probe cannot see a port
# held as the local end of some outgoing loopback connection, and binding it then fails. The
# start is retried on another port if the bind fails anyway (another test took it meanwhile).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 12000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}
cat >> "$STATE/data/postgresql.conf" <<CONF
# scripts/pg/up.sh: loopback only, a private socket directory, room for three replicas' pools
listen_addresses = '127.0.0.1'
unix_socket_directories = '$STATE/socket'
max_connections = 300
shared_buffers = 64MB
include = 'tokentui-port.conf'
CONF

started=""
for _ in 1 2 3 4 5; do
  PORT="$(free_port)"
  echo "port = $PORT" > "$STATE/data/tokentui-port.conf"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$STATE/data/tokentui-port.conf"
  rm -f "$STATE/postgres.log"
  if as_pg "$BIN/pg_ctl" -D "$STATE/data" -l "$STATE/postgres.log" -w -t 60 start >/dev/null; then
    started=yes; break
  fi
  grep -q 'Address already in use' "$STATE/postgres.log" || break
  log "port $PORT was taken meanwhile; trying another"
done
[[ -n "$started" ]] || { tail -n 40 "$STATE/postgres.log" >&2; exit 1; }

cat > "$STATE/env" <<ENV
export TOKENTUI_PG_STATE='$STATE'
export TOKENTUI_PG_BIN='$BIN'
export TOKENTUI_PG_PORT='$PORT'
export TOKENTUI_PG_URL='postgres://tokentui_admin:$password@127.0.0.1:$PORT/postgres'
ENV
chmod 0600 "$STATE/env"
log "PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT, data in $STATE/data"
