#!/usr/bin/env bash
# Runs CMD against a FLEET: N real control planes at once (each its own etcd data dir, apiserver and
# controller-manager with tokencleaner/bootstrapsigner, on its own ports: up.sh once per state dir)
# plus the reference REST server (dist/cli.js serve), and always tears all of it down:
#   bash scripts/k8s/with-clusters.sh 3 npx vitest run --project fleet
# with-cluster.sh (one cluster) is unchanged; this script reuses up.sh/down.sh/apiserver.sh through
# TOKENTUI_K8S_STATE, so a test stops cluster i with
#   TOKENTUI_K8S_STATE=$TOKENTUI_FLEET_DIR/c$i scripts/k8s/apiserver.sh stop
#
# Exports to CMD:
#   TOKENTUI_FLEET_DIR          the fleet's private dir (c1..cN state dirs, config/, rest.db, logs)
#   TOKENTUI_FLEET_N            N
#   TOKENTUI_FLEET_KUBECONFIG   one kubeconfig with contexts fleet-1..fleet-N (admin users)
#   TOKENTUI_FLEET_CONFIG_HOME  an XDG_CONFIG_HOME whose tokentui/config.json saves fleet-rest
#   TOKENTUI_FLEET_REST_URL, TOKENTUI_FLEET_REST_KEY (the admin API key the saved context names)
#   TOKENTUI_K8S_BIN, TOKENTUI_KUBECTL
# Needs dist/cli.js (npm run build). Exits with CMD's exit code, or 1 when the fleet did not start.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [[ $# -lt 2 || ! "$1" =~ ^[1-9]$ ]]; then
  echo "usage: $0 N(1-9) CMD [ARGS...]" >&2
  exit 2
fi
N="$1"; shift
NODE="${TOKENTUI_NODE:-node}"
[[ -f "$ROOT/dist/cli.js" ]] || { echo "with-clusters.sh: $ROOT/dist/cli.js is missing (npm run build)" >&2; exit 1; }

FLEET="$(mktemp -d /tmp/tokentui-fleet.XXXXXX)"
REST_PID=""
cleanup() {
  local i
  if [[ -n "$REST_PID" ]] && kill -0 "$REST_PID" 2>/dev/null; then
    kill -TERM "$REST_PID" 2>/dev/null || true
    wait "$REST_PID" 2>/dev/null || true
  fi
  for ((i = 1; i <= N; i++)); do
    TOKENTUI_K8S_STATE="$FLEET/c$i" "$HERE/down.sh" || echo "with-clusters.sh: down.sh c$i failed" >&2
  done
  rm -rf "$FLEET"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

T0=$SECONDS
"$HERE/build.sh"
TOKENTUI_KUBECTL="$("$HERE/kubectl.sh")"
export TOKENTUI_KUBECTL

# The control planes start in parallel (up.sh mostly waits on readiness); each picks its own ports.
pids=()
for ((i = 1; i <= N; i++)); do
  TOKENTUI_K8S_STATE="$FLEET/c$i" "$HERE/up.sh" >"$FLEET/up-c$i.log" 2>&1 &
  pids+=($!)
done
failed=0
for ((i = 1; i <= N; i++)); do
  if ! wait "${pids[$((i - 1))]}"; then
    echo "with-clusters.sh: cluster c$i did not start:" >&2
    cat "$FLEET/up-c$i.log" >&2
    failed=1
  fi
done
((failed == 0)) || exit 1

# The reference REST server, on a free loopback port, its admin key from the environment only.
TOKENTUI_FLEET_REST_KEY="$("$NODE" -e 'process.stdout.write(require("node:crypto").randomBytes(24).toString("hex"))')"
export TOKENTUI_FLEET_REST_KEY
: > "$FLEET/rest.log"
FLEET_REST_KEY="$TOKENTUI_FLEET_REST_KEY" "$NODE" "$ROOT/dist/cli.js" serve --listen 127.0.0.1:0 --db "$FLEET/rest.db" \
  --api-key-env "fleet=FLEET_REST_KEY" >"$FLEET/rest.log" 2>&1 < /dev/null &
REST_PID=$!
deadline=$((SECONDS + 30))
TOKENTUI_FLEET_REST_URL=""
until [[ -n "$TOKENTUI_FLEET_REST_URL" ]]; do
  TOKENTUI_FLEET_REST_URL="$(grep -o 'listening on http://[^ ]*' "$FLEET/rest.log" | head -n1 | cut -d' ' -f3 || true)"
  kill -0 "$REST_PID" 2>/dev/null || { echo "with-clusters.sh: the REST server exited:" >&2; cat "$FLEET/rest.log" >&2; exit 1; }
  ((SECONDS < deadline)) || { echo "with-clusters.sh: the REST server did not listen in 30s" >&2; exit 1; }
  [[ -n "$TOKENTUI_FLEET_REST_URL" ]] || sleep 0.2
done
export TOKENTUI_FLEET_REST_URL

# One kubeconfig, a context per cluster (distinct cluster, CA and user entries).
KC="$FLEET/fleet.kubeconfig"
{
  echo "apiVersion: v1"
  echo "kind: Config"
  echo "clusters:"
  for ((i = 1; i <= N; i++)); do
    # shellcheck source=/dev/null
    . "$FLEET/c$i/cluster.vars"
    echo "- name: fleet-$i"
    echo "  cluster:"
    echo "    server: https://127.0.0.1:$APISERVER_PORT"
    echo "    certificate-authority-data: $(base64 -w0 < "$FLEET/c$i/certs/apiserver.crt")"
  done
  echo "users:"
  for ((i = 1; i <= N; i++)); do
    . "$FLEET/c$i/cluster.vars"
    echo "- name: admin-$i"
    echo "  user:"
    echo "    token: $ADMIN_TOKEN"
  done
  echo "contexts:"
  for ((i = 1; i <= N; i++)); do
    echo "- name: fleet-$i"
    echo "  context:"
    echo "    cluster: fleet-$i"
    echo "    user: admin-$i"
  done
  echo "current-context: fleet-1"
  echo "preferences: {}"
} > "$KC"
chmod 600 "$KC"

# The REST server as a saved context (only a reference to its key is saved).
mkdir -p "$FLEET/config"
XDG_CONFIG_HOME="$FLEET/config" "$NODE" "$ROOT/dist/cli.js" contexts add fleet-rest --adapter rest \
  --server "$TOKENTUI_FLEET_REST_URL" --api-key-env TOKENTUI_FLEET_REST_KEY >/dev/null

export TOKENTUI_FLEET_DIR="$FLEET" TOKENTUI_FLEET_N="$N" TOKENTUI_FLEET_KUBECONFIG="$KC" TOKENTUI_FLEET_CONFIG_HOME="$FLEET/config"
export TOKENTUI_K8S_BIN="${TOKENTUI_K8S_BIN:-${TOKENTUI_K8S_CACHE:-$HOME/.cache/tokentui/k8s-v1.20.2}/bin}"
echo "with-clusters.sh: $N control planes + REST server at $TOKENTUI_FLEET_REST_URL ready in $((SECONDS - T0))s (fleet dir $FLEET)" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
