#!/usr/bin/env bash
# Starts Hopscope on its built-in demo: the local test cluster (real kube-apiserver + kwok,
# real Prometheus) loaded with a demo scenario, and the dashboard on http://127.0.0.1:3000.
#   DEMO_SCENARIO=<name of a folder in e2e/scenarios>   (default: node-pleg-notready)
#   PORT=3000
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${DEMO_SCENARIO:-node-pleg-notready}
port=${PORT:-3000}

bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH" NEXT_TELEMETRY_DISABLED=1
bash e2e/cluster/cluster.sh up >/dev/null
trap 'bash e2e/cluster/cluster.sh down >/dev/null 2>&1' EXIT
tsx --tsconfig tsconfig.json e2e/load-cli.ts "e2e/scenarios/$scenario"
eval "$(bash e2e/cluster/cluster.sh env | sed 's/^/export /')"
export HOPSCOPE_KUBECONFIG=$KUBECONFIG HOPSCOPE_ALLOW_LOGS=1 HOPSCOPE_READ_TLS_SECRETS=1
HOPSCOPE_ACCESS_TOKEN=${HOPSCOPE_ACCESS_TOKEN:-$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')}
export HOPSCOPE_ACCESS_TOKEN
[ -f .next/BUILD_ID ] || next build
url="http://127.0.0.1:$port"
echo
echo "Hopscope demo ($scenario): open $url/?token=$HOPSCOPE_ACCESS_TOKEN once in your browser"
echo "  ClusterIP: $url/diagnose?kind=clusterip&namespace=shop&service=web&port=80"
echo "  NodePort:  $url/diagnose?kind=nodeport&namespace=shop&service=web-nodeport&port=80&node=worker-1"
echo "  Ingress:   $url/diagnose?kind=ingress&namespace=shop&ingress=web&host=shop.example.com&path=/cart"
echo "Ctrl-C stops the dashboard and the demo cluster."
node scripts/serve.mjs --port "$port" --host 127.0.0.1
