#!/usr/bin/env bash
# Starts Hopscope on its built-in demo: bundles captured from the test cluster's scenarios
# (e2e/bundles) — no cluster, no Go build, only the npm packages — on http://127.0.0.1:3000.
#   bash scripts/demo.sh           the built-in bundles
#   bash scripts/demo.sh --live    the live local test cluster (real kube-apiserver + kwok, real
#                                  Prometheus) loaded with DEMO_SCENARIO (default node-pleg-notready)
#   PORT=3000
set -euo pipefail
cd "$(dirname "$0")/.."
port=${PORT:-3000}
url="http://127.0.0.1:$port"
export NEXT_TELEMETRY_DISABLED=1
HOPSCOPE_ACCESS_TOKEN=${HOPSCOPE_ACCESS_TOKEN:-}

if [ "${1:-}" != "--live" ]; then
  bash scripts/setup.sh --app
  export PATH="$PWD/node_modules/.bin:$PATH"
  state=$(mktemp -d)
  trap 'rm -rf "$state"' EXIT
  # No cluster: an empty kubeconfig, so the demo never reads the SRE's own clusters.
  printf 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n' >"$state/kubeconfig"
  export HOPSCOPE_KUBECONFIG=$state/kubeconfig HOPSCOPE_DATA_DIR=$state/data
  export HOPSCOPE_BUNDLES_DIR=$PWD/e2e/bundles
  HOPSCOPE_ACCESS_TOKEN=${HOPSCOPE_ACCESS_TOKEN:-$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')}
  export HOPSCOPE_ACCESS_TOKEN
  dev=(--dev)
  [ -f .next/BUILD_ID ] && dev=()
  echo
  echo "Hopscope demo (built-in bundles): open $url/?token=$HOPSCOPE_ACCESS_TOKEN"
  echo "  the first page lists the captured diagnoses; Ctrl-C stops it"
  exec node scripts/serve.mjs --port "$port" --host 127.0.0.1 "${dev[@]}"
fi

scenario=${DEMO_SCENARIO:-node-pleg-notready}
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
bash e2e/cluster/cluster.sh up >/dev/null
trap 'bash e2e/cluster/cluster.sh down >/dev/null 2>&1' EXIT
tsx --tsconfig tsconfig.json e2e/load-cli.ts "e2e/scenarios/$scenario"
# The scenario's series go on past load time (Prometheus scrapes them live), so a demo left open
# stays what the scenario says instead of drifting to "stale".
tsx --tsconfig tsconfig.json e2e/live-exporter-cli.ts "e2e/scenarios/$scenario" &
exporter=$!
trap 'kill "$exporter" 2>/dev/null; bash e2e/cluster/cluster.sh down >/dev/null 2>&1' EXIT
eval "$(bash e2e/cluster/cluster.sh env | sed 's/^/export /')"
export HOPSCOPE_KUBECONFIG=$KUBECONFIG HOPSCOPE_ALLOW_LOGS=1 HOPSCOPE_READ_TLS_SECRETS=1
HOPSCOPE_ACCESS_TOKEN=${HOPSCOPE_ACCESS_TOKEN:-$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')}
export HOPSCOPE_ACCESS_TOKEN
[ -f .next/BUILD_ID ] || next build
echo
echo "Hopscope demo ($scenario): open $url/?token=$HOPSCOPE_ACCESS_TOKEN once in your browser"
echo "  ClusterIP: $url/diagnose?kind=clusterip&namespace=shop&service=web&port=80"
echo "  NodePort:  $url/diagnose?kind=nodeport&namespace=shop&service=web-nodeport&port=80&node=worker-1"
echo "  Ingress:   $url/diagnose?kind=ingress&namespace=shop&ingress=web&host=shop.example.com&path=/cart"
echo "Ctrl-C stops the dashboard and the demo cluster."
node scripts/serve.mjs --port "$port" --host 127.0.0.1
