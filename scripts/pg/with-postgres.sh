#!/usr/bin/env bash
# Runs CMD with a fresh throw-away PostgreSQL server (up.sh) and always stops and removes it:
#   bash scripts/pg/with-postgres.sh npx vitest run --project postgres
# CMD sees TOKENTUI_PG_URL (a superuser URL on 127.0.0.1) and TOKENTUI_PG_STATE. Each run gets
# its own state dir unless TOKENTUI_PG_STATE names one. Exits with CMD's exit code.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
if [[ -z "${TOKENTUI_PG_STATE:-}" ]]; then
  TOKENTUI_PG_STATE="$(mktemp -d /tmp/tokentui-pg.XXXXXX)"
  export TOKENTUI_PG_STATE
fi
cleanup() { "$HERE/down.sh" || echo "with-postgres.sh: down.sh failed" >&2; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$HERE/up.sh"
# shellcheck source=/dev/null
. "$TOKENTUI_PG_STATE/env"

set +e
"$@"
rc=$?
set -e
exit "$rc"
