#!/usr/bin/env bash
# stop | start the running test cluster of scripts/pg/up.sh, keeping its data: the outage tests
# take PostgreSQL away under load and bring it back.
#   bash scripts/pg/ctl.sh stop|start      (reads TOKENTUI_PG_STATE and TOKENTUI_PG_BIN)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/lib.sh"
: "${TOKENTUI_PG_STATE:?run inside scripts/pg/with-postgres.sh}"
BIN="${TOKENTUI_PG_BIN:-$("$HERE/install.sh")}"
case "${1:-}" in
  stop) as_pg "$BIN/pg_ctl" -D "$TOKENTUI_PG_STATE/data" -m fast -w -t 30 stop >/dev/null ;;
  start) as_pg "$BIN/pg_ctl" -D "$TOKENTUI_PG_STATE/data" -l "$TOKENTUI_PG_STATE/postgres.log" -w -t 60 start >/dev/null ;;
  *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
