#!/usr/bin/env bash
# Every benchmark in one run (called by `npm run bench` inside scripts/k8s/with-cluster.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
for bench in list-vs-kubeadm.mjs exe-startup.mjs impact-5000-csrs.mjs tui-first-frame.mjs tui-idle-bytes.mjs tui-tick-cpu.mjs tui-keypress.mjs rest-list.mjs rest-throughput.mjs; do
  [[ -f "bench/$bench" ]] || continue
  echo "== bench/$bench"
  node "bench/$bench"
  echo
done
