#!/usr/bin/env bash
# Starts a private, real LXD daemon (Debian's lxd 5.0.2; docs/real-backends.md §3) for the
# real-backend tests: its own LXD_DIR, `--group root`, no containers, no network bridge, HTTPS on
# a free loopback port, clustering enabled, and a second client (its own LXD_CONF) trusted over
# HTTPS through a real trust token, as a remote named "tokentui".
#
#   TOKENTUI_LXD_STATE=DIR up.sh            the cluster's first member (default)
#   TOKENTUI_LXD_STATE=DIR up.sh --bare     a daemon with nothing configured (a machine that
#                                           will join the cluster, for join tests)
#   TOKENTUI_LXD_STATE=DIR up.sh --restart  stop the daemon cleanly and start it again on the
#                                           same LXD_DIR (tests of a daemon going away)
#
# State dir: ${TOKENTUI_LXD_STATE:-/tmp/tokentui-lxd}, wiped and recreated on every start:
#   env            sourceable TOKENTUI_LXD_* variables (see the end of this file)
#   lxd/           the daemon's LXD_DIR (unix.socket, cluster.crt, database, ...)
#   client-unix/   LXD_CONF of the local client (lxc over the unix socket)
#   client-https/  LXD_CONF of the second client (remote "tokentui" over HTTPS)
#   lxd.pid, lxd.log
# Stop with scripts/lxd/down.sh (same TOKENTUI_LXD_STATE).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${TOKENTUI_LXD_STATE:-/tmp/tokentui-lxd}"
READY_TIMEOUT="${TOKENTUI_LXD_READY_TIMEOUT:-60}"   # seconds
ADDRESS="${TOKENTUI_LXD_ADDRESS:-127.0.0.1}"
MEMBER="${TOKENTUI_LXD_MEMBER:-tokentui-1}"
JOIN_TOKEN_EXPIRY="${TOKENTUI_LXD_JOIN_TOKEN_EXPIRY:-2H}"
MARKER=.tokentui-lxd-state
BARE=0
RESTART=0
[[ "${1:-}" == --bare ]] && BARE=1
[[ "${1:-}" == --restart ]] && RESTART=1

log() { echo "up.sh (lxd): $*" >&2; }
# shellcheck source=../lib/with-fixture.sh
. "$HERE/../lib/with-fixture.sh"
fail() {
  log "$*"
  if [[ -f "$STATE/lxd.log" ]]; then
    echo "---- last 30 lines of $STATE/lxd.log ----" >&2
    tail -n 30 "$STATE/lxd.log" >&2
  fi
  "$HERE/down.sh" >/dev/null 2>&1 || true
  exit 1
}

for c in lxd lxc node; do
  command -v "$c" >/dev/null || { log "missing '$c' on PATH (scripts/lxd/ensure.sh installs lxd and lxc)"; exit 1; }
done
[[ -n "$STATE" && "$STATE" != / ]] || { log "refusing state dir '$STATE'"; exit 1; }
case "$ADDRESS" in 127.*) ;; *) log "refusing non-loopback address '$ADDRESS'"; exit 1 ;; esac

start_daemon() {
  # setsid: the daemon gets its own process group, so a Ctrl-C aimed at the test run reaches it
  # only through down.sh, which waits for a clean shutdown.
  LXD_DIR="$STATE/lxd" setsid lxd --group root --logfile "$STATE/lxd.log" >"$STATE/lxd.out" 2>&1 </dev/null &
  echo $! >"$STATE/lxd.pid"
  LXD_DIR="$STATE/lxd" timeout "$READY_TIMEOUT" lxd waitready || fail "lxd did not become ready within ${READY_TIMEOUT}s"
}

if [[ $RESTART -eq 1 ]]; then
  [[ -f "$STATE/$MARKER" && -f "$STATE/env" ]] || { log "nothing to restart in $STATE"; exit 1; }
  "$HERE/down.sh"
  start_daemon
  log "restarted in $((SECONDS))s"
  exit 0
fi

fixture_wipe_state "$STATE" "$MARKER" "$HERE/down.sh" log
mkdir -p "$STATE/lxd" "$STATE/client-unix"
touch "$STATE/$MARKER"
chmod 0711 "$STATE/lxd"

export LXD_DIR="$STATE/lxd" LXD_CONF="$STATE/client-unix"
# lxc prints a first-run banner on stderr: keep its output for the failure message only.
lxc_quiet() {
  lxc "$@" >"$STATE/lxc.out" 2>"$STATE/lxc.err" || fail "lxc $1 $2 failed: $(cat "$STATE/lxc.err")"
}
start_daemon

if [[ $BARE -eq 0 ]]; then
  # A free port: the kernel picks one, node prints it; the short window before LXD binds it is
  # the same race every "port 0" test server has.
  PORT=$(node -e 'const s=require("net").createServer().listen(0,process.argv[1],()=>{console.log(s.address().port);s.close()})' "$ADDRESS")
  lxc_quiet config set core.https_address "$ADDRESS:$PORT"
  lxc_quiet cluster enable "$MEMBER"
  lxc_quiet config set cluster.join_token_expiry "$JOIN_TOKEN_EXPIRY"
  # The second client enrolls the way a real one does: a trust token, then `lxc remote add`.
  mkdir -p "$STATE/client-https"
  TRUST_TOKEN=$(lxc config trust add --name tokentui-https-client 2>"$STATE/lxc.err" | tail -n 1)
  LXD_CONF="$STATE/client-https" lxc_quiet remote add tokentui "$TRUST_TOKEN"
  unset TRUST_TOKEN
fi

{
  echo "export TOKENTUI_LXD_STATE='$STATE'"
  echo "export TOKENTUI_LXD_DIR='$LXD_DIR'"
  echo "export TOKENTUI_LXD_SOCKET='$LXD_DIR/unix.socket'"
  echo "export TOKENTUI_LXD_CONF='$STATE/client-unix'"
  if [[ $BARE -eq 0 ]]; then
    echo "export TOKENTUI_LXD_URL='https://$ADDRESS:$PORT'"
    echo "export TOKENTUI_LXD_MEMBER='$MEMBER'"
    echo "export TOKENTUI_LXD_JOIN_TOKEN_EXPIRY='$JOIN_TOKEN_EXPIRY'"
    echo "export TOKENTUI_LXD_HTTPS_CONF='$STATE/client-https'"
    echo "export TOKENTUI_LXD_HTTPS_REMOTE='tokentui'"
    echo "export TOKENTUI_LXD_SERVER_CERT='$LXD_DIR/cluster.crt'"
  fi
} >"$STATE/env"
log "ready in $((SECONDS))s: LXD_DIR=$LXD_DIR${PORT:+, https://$ADDRESS:$PORT}"
