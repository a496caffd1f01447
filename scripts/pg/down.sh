#!/usr/bin/env bash
# Stops the cluster of scripts/pg/up.sh (fast shutdown) and removes its state dir
# (--keep-dir: stop only). Safe to call when nothing runs.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${TOKENTUI_PG_STATE:-/tmp/tokentui-pg}"
. "$HERE/lib.sh"
[[ -f "$STATE/.tokentui-pg-state" ]] || exit 0
if [[ -f "$STATE/data/postmaster.pid" ]]; then
  BIN="$("$HERE/install.sh")"
  as_pg "$BIN/pg_ctl" -D "$STATE/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
    || as_pg "$BIN/pg_ctl" -D "$STATE/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
fi
[[ "${1:-}" == --keep-dir ]] || rm -rf "$STATE"
