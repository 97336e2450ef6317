#!/usr/bin/env bash
# Installs everything Hopscope's tests and demo need on a fresh machine of this kind:
# Debian packages (Prometheus with promtool, Chromium, openssl, PostgreSQL, nftables, conntrack), npm packages (which bring
# Node 24 as the `node` package), and the cluster binaries built from Go modules (cached).
#   --app   only the npm packages: enough for the dashboard on its built-in bundles (the demo)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"
app_only=0
[ "${1:-}" = "--app" ] && app_only=1

npm_install() {
  if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    # `npm install` with the lockfile, not `npm ci`: the registry here serves no darwin/win32 builds
    # of Next's optional native packages, so the lockfile cannot list them and `npm ci` refuses it.
    echo "[setup] npm install (from package-lock.json)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error
  fi
  echo "[setup] node $(node_modules/.bin/node --version) for every script"
}
if [ "$app_only" -eq 1 ]; then
  npm_install
  exit 0
fi

missing=()
command -v prometheus >/dev/null && command -v promtool >/dev/null || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
# A Chinese font, so the browser tests (and their screenshots) draw the Chinese page, not boxes.
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
# PostgreSQL: the shared store's tests run against a real server (e2e/harness/postgres.sh).
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
# The test bed's data plane: kube-proxy programs its rules through `nft`; `conntrack` lets the
# harness show and flush the connections kube-proxy's DNAT made.
[ -x /usr/sbin/nft ] || missing+=(nftables)
[ -x /usr/sbin/conntrack ] || missing+=(conntrack)
# What a toolbox client image has, for the path trace through pods/exec: curl and dig.
command -v curl >/dev/null || missing+=(curl)
command -v dig >/dev/null || missing+=(bind9-dnsutils)
# The blackbox_exporter vantage point's real exporter, run in a pod's namespace on the test bed.
command -v prometheus-blackbox-exporter >/dev/null || missing+=(prometheus-blackbox-exporter)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

command -v go >/dev/null || { echo "[setup] Go 1.26 is needed to build the test cluster (it ships with this machine kind at /usr/local/go)" >&2; exit 1; }

npm_install

bash e2e/cluster/build-binaries.sh
bash e2e/cluster/build-binaries.sh helm
