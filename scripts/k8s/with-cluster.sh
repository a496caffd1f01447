#!/usr/bin/env bash
# Runs CMD against a fresh real control plane on loopback and always tears it down:
#   bash scripts/k8s/with-cluster.sh npx vitest run --project real
# build.sh (cached after the first run) -> up.sh -> source $STATE/env -> CMD -> down.sh.
# Exits with CMD's exit code (or the setup's, if the cluster could not be started).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/with-fixture.sh
. "$HERE/../lib/with-fixture.sh"
fixture_begin with-cluster.sh TOKENTUI_K8S_STATE tokentui-k8s "$HERE/down.sh" "$@"

"$HERE/build.sh"
# kubectl 1.20.2 for the kubeconfig compatibility tests, which compare what it sends with ours.
TOKENTUI_KUBECTL="$("$HERE/kubectl.sh")"
export TOKENTUI_KUBECTL
"$HERE/up.sh"
# shellcheck source=/dev/null
. "$TOKENTUI_K8S_STATE/env"

fixture_run "$@"
