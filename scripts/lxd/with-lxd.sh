#!/usr/bin/env bash
# Runs CMD against a fresh private LXD daemon on loopback and always stops it:
#   bash scripts/lxd/with-lxd.sh npx vitest run --project real
# Composes with scripts/k8s/with-cluster.sh (either order):
#   bash scripts/k8s/with-cluster.sh bash scripts/lxd/with-lxd.sh vitest run --project real
# ensure.sh (installs lxd once) -> up.sh -> source $STATE/env -> CMD -> down.sh.
# Exits with CMD's exit code (or the setup's, if the daemon could not be started).
# The private state dir's path is short: a unix socket path must stay under 108 bytes.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/with-fixture.sh
. "$HERE/../lib/with-fixture.sh"
fixture_begin with-lxd.sh TOKENTUI_LXD_STATE tokentui-lxd "$HERE/down.sh" "$@"

"$HERE/ensure.sh"
"$HERE/up.sh"
# shellcheck source=/dev/null
. "$TOKENTUI_LXD_STATE/env"

fixture_run "$@"
