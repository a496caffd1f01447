#!/usr/bin/env bash
# Stops the loopback control plane started by up.sh, by the PIDs recorded in its state dir:
# SIGTERM, then SIGKILL after a bounded wait. Idempotent: missing or dead PIDs are fine.
#
#   scripts/k8s/down.sh                   stop everything (controller manager, apiserver, etcd)
#   scripts/k8s/down.sh apiserver         stop only the named components (etcd|apiserver|controller-manager)
set -euo pipefail

STATE="${TOKENTUI_K8S_STATE:-/tmp/tokentui-k8s}"
TERM_WAIT="${TOKENTUI_K8S_STOP_TIMEOUT:-10}"   # seconds to wait after SIGTERM before SIGKILL

binary_of() {
  case "$1" in
    etcd) echo etcd ;;
    apiserver) echo kube-apiserver ;;
    controller-manager) echo kube-controller-manager ;;
    *) echo "down.sh: unknown component '$1' (etcd|apiserver|controller-manager)" >&2; return 1 ;;
  esac
}

# Alive = exists, is not a zombie (nobody may reap it in a container), and still runs our binary
# (guards against the PID having been reused by an unrelated process).
alive() {
  local pid="$1" bin="$2" stat
  [[ -r "/proc/$pid/stat" ]] || return 1
  stat=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ "$stat" != Z ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$bin" || return 1
}

stop_component() {
  local name="$1" bin pidfile pid i
  bin=$(binary_of "$name")
  pidfile="$STATE/pids/$name.pid"
  [[ -f "$pidfile" ]] || return 0
  pid=$(cat "$pidfile")
  if [[ "$pid" =~ ^[0-9]+$ ]] && alive "$pid" "$bin"; then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < TERM_WAIT * 10; i++)); do
      alive "$pid" "$bin" || break
      sleep 0.1
    done
    if alive "$pid" "$bin"; then
      echo "down.sh: $name (pid $pid) still running ${TERM_WAIT}s after SIGTERM; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        alive "$pid" "$bin" || break
        sleep 0.1
      done
      if alive "$pid" "$bin"; then
        echo "down.sh: $name (pid $pid) is still alive after SIGKILL" >&2
        return 1
      fi
    fi
  fi
  rm -f "$pidfile"
}

if [[ ! -d "$STATE/pids" ]]; then
  exit 0
fi

components=("$@")
if [[ ${#components[@]} -eq 0 ]]; then
  components=(controller-manager apiserver etcd)
fi
rc=0
for c in "${components[@]}"; do
  stop_component "$c" || rc=1
done
exit "$rc"
