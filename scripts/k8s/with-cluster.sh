#!/usr/bin/env bash
# Runs CMD against a fresh real control plane on loopback and always tears it down:
#   bash scripts/k8s/with-cluster.sh npx vitest run --project real
# build.sh (cached after the first run) -> up.sh -> source $STATE/env -> CMD -> down.sh.
# Exits with CMD's exit code (or the setup's, if the cluster could not be started).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi
# A private state dir per run unless one is given: two runs at once (CI and a benchmark, say)
# must never stop each other's cluster through a shared pid directory.
private_state=""
if [[ -z "${TOKENTUI_K8S_STATE:-}" ]]; then
  private_state="$(mktemp -d /tmp/tokentui-k8s.XXXXXX)"
  export TOKENTUI_K8S_STATE="$private_state"
fi

cleanup() {
  "$HERE/down.sh" || echo "with-cluster.sh: down.sh failed" >&2
  if [[ -n "$private_state" ]]; then rm -rf "$private_state"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$HERE/build.sh"
# kubectl 1.20.2 for the kubeconfig compatibility tests, which compare what it sends with ours.
TOKENTUI_KUBECTL="$("$HERE/kubectl.sh")"
export TOKENTUI_KUBECTL
"$HERE/up.sh"
# shellcheck source=/dev/null
. "$TOKENTUI_K8S_STATE/env"

set +e
"$@"
rc=$?
set -e
exit "$rc"
