#!/usr/bin/env bash
# Runs CMD against a fresh private LXD daemon on loopback and always stops it:
#   bash scripts/lxd/with-lxd.sh npx vitest run --project real
# Composes with scripts/k8s/with-cluster.sh (either order):
#   bash scripts/k8s/with-cluster.sh bash scripts/lxd/with-lxd.sh vitest run --project real
# ensure.sh (installs lxd once) -> up.sh -> source $STATE/env -> CMD -> down.sh.
# Exits with CMD's exit code (or the setup's, if the daemon could not be started).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
# A private state dir per run unless one is given, so two runs never stop each other's daemon.
# Short (a unix socket path must stay under 108 bytes).
private_state=""
if [[ -z "${TOKENTUI_LXD_STATE:-}" ]]; then
  private_state="$(mktemp -d /tmp/tokentui-lxd.XXXXXX)"
  export TOKENTUI_LXD_STATE="$private_state"
fi

cleanup() {
  "$HERE/down.sh" || echo "with-lxd.sh: down.sh failed" >&2
  if [[ -n "$private_state" ]]; then rm -rf "$private_state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$HERE/ensure.sh"
"$HERE/up.sh"
# shellcheck source=/dev/null
. "$TOKENTUI_LXD_STATE/env"

set +e
"$@"
rc=$?
set -e
exit "$rc"
