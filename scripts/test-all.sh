#!/usr/bin/env bash
# Installs what the tests need, then runs every suite against the real test cluster and
# Prometheus: formatting, lint and types, unit and integration tests (vitest), the scenario contract
# (through the public API of the built app) and the browser tests (Playwright + Chromium).
# Ends with one line: "all: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
results=$repo/test-results
mkdir -p "$results"
passed=0
failed=0
summary() { echo "all: $passed passed, $failed failed"; }

if ! bash scripts/setup.sh; then
  echo "[test] set-up failed"
  failed=$((failed + 1)); summary; exit 1
fi
export PATH="$repo/node_modules/.bin:/usr/local/go/bin:$PATH"
export NEXT_TELEMETRY_DISABLED=1

count() { # name, passed, failed
  echo "[test] $1: $2 passed, $3 failed"
  passed=$((passed + $2)); failed=$((failed + $3))
}

check() { # name, command... — a check that passes or fails as one test
  local name=$1; shift
  if "$@"; then count "$name" 1 0; else count "$name" 0 1; fi
}

json_counts() { # file, passed-field, failed-field → "P F" (or "0 1" when the file is missing)
  node -e '
    const fs = require("fs");
    try { const r = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); const g = (p) => p.split(".").reduce((o, k) => o?.[k], r) ?? 0;
      console.log(g(process.argv[2]), g(process.argv[3])); }
    catch { console.log("0 1"); }' "$1" "$2" "$3"
}

check format prettier --check .
check lint eslint .
check typecheck tsc --noEmit -p .

started=$(date +%s)
if ! bash e2e/cluster/cluster.sh up >"$results/cluster-up.log" 2>&1; then
  cat "$results/cluster-up.log"; failed=$((failed + 1)); summary; exit 1
fi
echo "[test] cluster up in $(( $(date +%s) - started )) s"
trap 'kill "$app_pid" 2>/dev/null; bash e2e/harness/postgres.sh down; bash e2e/cluster/cluster.sh down >/dev/null 2>&1' EXIT
# The store tests run on SQLite and on this real PostgreSQL (its port follows POSTGRES_PORT).
if HOPSCOPE_TEST_POSTGRES_URL=$(bash e2e/harness/postgres.sh up 2>"$results/postgres-up.log"); then
  export HOPSCOPE_TEST_POSTGRES_URL
else
  cat "$results/postgres-up.log"; count "PostgreSQL for the store tests" 0 1
fi

rm -f "$results/vitest.json"
vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json"
read -r p f < <(json_counts "$results/vitest.json" numPassedTests numFailedTests)
count "unit + integration (vitest)" "$p" "$f"

eval "$(bash e2e/cluster/cluster.sh env | sed 's/^/export /')"
# The app reads the cluster as a ServiceAccount bound to exactly the roles Hopscope ships.
HOPSCOPE_KUBECONFIG=$(tsx --tsconfig tsconfig.json e2e/reader-cli.ts) || { count "reader ServiceAccount" 0 1; summary; exit 1; }
export HOPSCOPE_KUBECONFIG HOPSCOPE_ALLOW_LOGS=1 HOPSCOPE_READ_TLS_SECRETS=1
HOPSCOPE_ACCESS_TOKEN=$(node -e 'console.log(require("crypto").randomBytes(24).toString("base64url"))')
export HOPSCOPE_ACCESS_TOKEN
# The app's port follows HOPSCOPE_APP_PORT, like the cluster's ports follow theirs, so two runs
# can share a machine.
app_port=${HOPSCOPE_APP_PORT:-3100}
if next build >"$results/next-build.log" 2>&1; then
  # The container image's run conditions (Dockerfile), on this build's standalone output: read-only,
  # unprivileged, only the data directory writable. Every test that did not pass counts as failed.
  rm -f "$results/run-conditions.json"
  HOPSCOPE_RUN_CONDITIONS=1 vitest run e2e/integration/run-conditions.test.ts --reporter=default \
    --reporter=json --outputFile="$results/run-conditions.json"
  read -r p t < <(json_counts "$results/run-conditions.json" numPassedTests numTotalTests)
  count "run conditions (standalone build)" "$p" "$(( t > p ? t - p : (p == 0) ))"

  node scripts/serve.mjs --port "$app_port" --host 127.0.0.1 >"$results/next-start.log" 2>&1 &
  app_pid=$!
  export HOPSCOPE_URL=http://127.0.0.1:$app_port

  rm -f "$results/scenarios.json"
  tsx --tsconfig tsconfig.json e2e/scenario-cli.ts --json "$results/scenarios.json" | tee "$results/scenarios.log"
  read -r p f < <(json_counts "$results/scenarios.json" passed failed)
  count "scenarios (public API)" "$p" "$f"

  rm -f "$results/playwright.json"
  playwright test
  read -r p f < <(json_counts "$results/playwright.json" stats.expected stats.unexpected)
  count "browser (playwright)" "$p" "$f"

  # Hopscope's own operations: probes, /metrics, JSON logs and the request id (own ports).
  rm -f "$results/operations.json"
  tsx --tsconfig tsconfig.json e2e/operations-cli.ts --json "$results/operations.json" | tee "$results/operations.log"
  read -r p f < <(json_counts "$results/operations.json" passed failed)
  count "operations (probes, metrics, logs)" "$p" "$f"

  # Last: it pauses and stops the cluster's components one by one.
  rm -f "$results/abuse.json"
  tsx --tsconfig tsconfig.json e2e/abuse-cli.ts --json "$results/abuse.json" | tee "$results/abuse.log"
  read -r p f < <(json_counts "$results/abuse.json" passed failed)
  count "fault and abuse suite" "$p" "$f"
else
  tail -40 "$results/next-build.log"; count "next build" 0 1
fi

summary
[ "$failed" -eq 0 ]
