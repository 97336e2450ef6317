#!/usr/bin/env bash
# Figures for the test harness, printed (not asserted): warm start time of the cluster, load
# time of the healthy scenario, and the peak resident memory of etcd, kube-apiserver,
# kube-controller-manager, kwok and Prometheus while every scenario is loaded once.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
state=${HOPSCOPE_CLUSTER_DIR:-${HOPSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hopscope}/cluster}

bash e2e/cluster/cluster.sh down >/dev/null 2>&1 || true
t0=$(date +%s%N)
bash e2e/cluster/cluster.sh up >/dev/null 2>&1
echo "warm start: $(( ($(date +%s%N) - t0) / 1000000 )) ms (binaries cached, fresh data directories kept)"

peak_file=$(mktemp)
sample() {
  local peak=0
  while :; do
    local total=0 line=""
    for name in etcd kube-apiserver kube-controller-manager kwok prometheus; do
      local rss; rss=$(ps -o rss= -p "$(cat "$state/$name.pid" 2>/dev/null || echo 1)" 2>/dev/null | tr -d ' ' || echo 0)
      total=$((total + ${rss:-0})); line+="$name=$(( ${rss:-0} / 1024 ))MiB "
    done
    if [ "$total" -gt "$peak" ]; then peak=$total; echo "$((total / 1024)) $line" >"$peak_file"; fi
    sleep 0.5
  done
}
sample & sampler=$!
for dir in e2e/scenarios/*/; do
  t0=$(date +%s%N)
  tsx --tsconfig tsconfig.json e2e/load-cli.ts "$dir" >/dev/null
  echo "load $(basename "$dir"): $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
kill "$sampler"
read -r total detail <"$peak_file"
echo "peak harness memory: ${total} MiB (${detail% })"
rm -f "$peak_file"
