#!/usr/bin/env bash
# Every benchmark in one run (called by `npm run bench` inside scripts/k8s/with-cluster.sh, so
# the ones on the real control plane share one cluster; the rest ones start their own server,
# rest-throughput its own PostgreSQL). BENCH_ONLY="list-vs-kubeadm tui-first-frame" runs a subset.
# Node strips the benches' TypeScript imports itself; some of src/ needs its type transforms.
set -euo pipefail
cd "$(dirname "$0")/.."
all="list-vs-kubeadm tui-first-frame tui-keypress rest-list exe-startup impact-5000-csrs tui-idle-bytes tui-tick-cpu rest-throughput"
echo "npm run bench: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(uname -sr), node $(node --version)"
for bench in ${BENCH_ONLY:-$all}; do
  [[ -f "bench/$bench.mjs" ]] || { echo "no bench/$bench.mjs" >&2; exit 2; }
  echo "== bench/$bench.mjs"
  node --experimental-transform-types --disable-warning=ExperimentalWarning "bench/$bench.mjs"
  echo
done
