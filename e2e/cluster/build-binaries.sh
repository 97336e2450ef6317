#!/usr/bin/env bash
# Builds the real cluster parts the tests run — kube-apiserver, kube-controller-manager, kubectl,
# kube-proxy, etcd, kwok and CoreDNS — from the Go module proxy with the machine's Go, into an ignored cache folder.
# `build-binaries.sh helm` builds helm the same way, for the chart's tests.
# A binary already in the cache at the pinned version is not rebuilt.
set -euo pipefail

KUBE_VERSION=${KUBE_VERSION:-v1.36.3}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
COREDNS_VERSION=${COREDNS_VERSION:-v1.14.7}
HELM_VERSION=${HELM_VERSION:-v3.22.0}
GATEWAY_API_VERSION=${GATEWAY_API_VERSION:-v1.4.1}

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${HOPSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hopscope}
bin=$cache/bin
work=$cache/build
mkdir -p "$bin" "$work"
export CGO_ENABLED=0 GOFLAGS=-buildvcs=false

stamp() { echo "$bin/.$1.version"; }
fresh() { [ -x "$bin/$1" ] && [ "$(cat "$(stamp "$1")" 2>/dev/null)" = "$2" ]; }
done_with() { echo "$2" >"$(stamp "$1")"; }

build_kubernetes() {
  local want=("kube-apiserver" "kube-controller-manager" "kubectl" "kube-proxy") todo=()
  for b in "${want[@]}"; do fresh "$b" "$KUBE_VERSION" || todo+=("$b"); done
  [ ${#todo[@]} -eq 0 ] && return 0
  local dir=$work/kubernetes-$KUBE_VERSION minor=${KUBE_VERSION#v1.}
  local staging=v0.$minor
  mkdir -p "$dir"
  # k8s.io/kubernetes points every staging module at ./staging; the published copies of the same
  # release stand in for them. The list comes from the release's own go.mod, not from us.
  local upstream
  upstream=$(cd "$dir" && go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  {
    echo "module hopscope.local/kubernetes-binaries"
    echo
    echo "go 1.26.0"
    echo
    echo "require k8s.io/kubernetes $KUBE_VERSION"
    echo
    echo "replace ("
    sed -n 's#^\s*\(k8s\.io/[a-z0-9-]*\) => \./staging/src/.*#\t\1 => \1 '"$staging"'#p' "$upstream"
    echo ")"
  } >"$dir/go.mod"
  local ldflags=""
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=${minor%%.*}"
    ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
  done
  for b in "${todo[@]}"; do
    echo "building $b $KUBE_VERSION"
    (cd "$dir" && go get "k8s.io/kubernetes/cmd/$b@$KUBE_VERSION" && \
      go build -trimpath -ldflags "-s -w $ldflags" -o "$bin/$b" "k8s.io/kubernetes/cmd/$b")
    done_with "$b" "$KUBE_VERSION"
  done
}

build_etcd() {
  fresh etcd "$ETCD_VERSION" && return 0
  local dir=$work/etcd-$ETCD_VERSION
  mkdir -p "$dir"
  printf 'module hopscope.local/etcd-binary\n\ngo 1.26.0\n' >"$dir/go.mod"
  echo "building etcd $ETCD_VERSION"
  (cd "$dir" && go get "go.etcd.io/etcd/server/v3@$ETCD_VERSION" && \
    go build -trimpath -ldflags "-s -w" -o "$bin/etcd" go.etcd.io/etcd/server/v3)
  done_with etcd "$ETCD_VERSION"
}

build_kwok() {
  if ! fresh kwok "$KWOK_VERSION"; then
    echo "building kwok $KWOK_VERSION"
    GOBIN=$bin go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
    done_with kwok "$KWOK_VERSION"
  fi
  # kwok's Exec resource (a pod's exec as a local command) is a CRD the cluster script installs;
  # it comes from the same module release.
  local crd=$bin/kwok-crds/$KWOK_VERSION/execs.yaml
  if [ ! -f "$crd" ]; then
    local dir
    dir=$(cd "$work" && go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
    mkdir -p "$(dirname "$crd")"
    cp "$dir/kustomize/crd/bases/kwok.x-k8s.io_execs.yaml" "$crd"
  fi
}

build_coredns() {
  fresh coredns "$COREDNS_VERSION" && return 0
  local dir=$work/coredns-$COREDNS_VERSION
  mkdir -p "$dir"
  printf 'module hopscope.local/coredns-binary\n\ngo 1.26.0\n' >"$dir/go.mod"
  echo "building coredns $COREDNS_VERSION"
  (cd "$dir" && go get "github.com/coredns/coredns@$COREDNS_VERSION" && \
    go build -trimpath -ldflags "-s -w" -o "$bin/coredns" github.com/coredns/coredns)
  done_with coredns "$COREDNS_VERSION"
}

build_helm() {
  fresh helm "$HELM_VERSION" && return 0
  local dir=$work/helm-$HELM_VERSION
  mkdir -p "$dir"
  printf 'module hopscope.local/helm-binary\n\ngo 1.26.0\n' >"$dir/go.mod"
  echo "building helm $HELM_VERSION"
  (cd "$dir" && go get "helm.sh/helm/v3/cmd/helm@$HELM_VERSION")
  # As helm's Makefile stamps it: its version, and the Kubernetes version it assumes without a
  # cluster (chart kubeVersion checks, deprecation lint) from the client-go its release requires.
  local client_go k8s_minor ldflags
  client_go=$(cd "$dir" && go list -m -f '{{.Version}}' k8s.io/client-go)
  k8s_minor=${client_go#v0.}; k8s_minor=${k8s_minor%%.*}
  ldflags="-X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags+=" -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
  done
  (cd "$dir" && go build -trimpath -ldflags "-s -w $ldflags" -o "$bin/helm" helm.sh/helm/v3/cmd/helm)
  done_with helm "$HELM_VERSION"
}

build_gateway_api() {
  # The Gateway API CRDs (standard channel) the cluster script installs, from the same module
  # release as their Go types; copied whole into a version folder, so `up` needs no network.
  local dest=$bin/gateway-api-crds/$GATEWAY_API_VERSION
  [ -d "$dest" ] && return 0
  local dir
  dir=$(cd "$work" && go mod download -json "sigs.k8s.io/gateway-api@$GATEWAY_API_VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
  echo "copying gateway-api $GATEWAY_API_VERSION CRDs"
  rm -rf "$dest.tmp" && mkdir -p "$dest.tmp"
  cp "$dir"/config/crd/standard/*.yaml "$dest.tmp/"
  chmod u+w "$dest.tmp"/*.yaml
  mv "$dest.tmp" "$dest"
}

start=$(date +%s)
case "${1:-all}" in
  kubernetes) build_kubernetes ;;
  etcd) build_etcd ;;
  kwok) build_kwok ;;
  coredns) build_coredns ;;
  helm) build_helm ;;
  gateway-api) build_gateway_api ;;
  all) build_etcd; build_kwok; build_gateway_api; build_kubernetes; build_coredns ;;
esac
echo "binaries ready in $bin ($(( $(date +%s) - start ))s)"
