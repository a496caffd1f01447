#!/usr/bin/env bash
# Stops the daemon started by up.sh (same TOKENTUI_LXD_STATE): `lxd shutdown` (clean, bounded),
# then SIGTERM and SIGKILL by the recorded PID. Idempotent: a missing or dead PID is fine.
set -euo pipefail

STATE="${TOKENTUI_LXD_STATE:-/tmp/tokentui-lxd}"
SHUTDOWN_WAIT="${TOKENTUI_LXD_STOP_TIMEOUT:-20}"   # seconds for `lxd shutdown`
PIDFILE="$STATE/lxd.pid"

# LXD mounts tmpfs at $LXD_DIR/shmounts and $LXD_DIR/devlxd and unmounts them only on a clean
# shutdown: after a timeout or SIGKILL (a loaded machine) they stay, and removing the state dir
# then fails with "Device or resource busy". Deepest first; lazily if one is still in use.
unmount_leftovers() {
  local mounts
  mounts=$(awk -v prefix="$STATE/" 'index($5, prefix) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
  [[ -n "$mounts" ]] || return 0
  while IFS= read -r mount; do
    umount "$mount" 2>/dev/null || umount -l "$mount" 2>/dev/null || echo "down.sh (lxd): cannot unmount $mount" >&2
  done <<<"$mounts"
}

if [[ ! -f "$PIDFILE" ]]; then
  unmount_leftovers
  exit 0
fi
pid=$(cat "$PIDFILE")

# Alive = exists, is not a zombie, and still runs lxd with our LXD_DIR's log (not a reused PID).
alive() {
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/stat" ]] || return 1
  [[ "$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null)" != Z ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "lxd --group root --logfile $STATE/lxd.log"
}

if alive; then
  LXD_DIR="$STATE/lxd" timeout "$SHUTDOWN_WAIT" lxd shutdown >/dev/null 2>&1 || true
  for signal in TERM KILL; do
    alive || break
    kill "-$signal" "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do alive || break; sleep 0.1; done
  done
  if alive; then
    echo "down.sh (lxd): lxd (pid $pid) is still alive after SIGKILL" >&2
    exit 1
  fi
fi
unmount_leftovers
rm -f "$PIDFILE"
