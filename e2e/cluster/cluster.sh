#!/usr/bin/env bash
# The real test cluster: etcd, kube-apiserver, kube-controller-manager, kwok and Prometheus,
# all on 127.0.0.1, started from the cached binaries and stopped by the process ids it records.
#   cluster.sh up | down | status | env
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
cache=${HOPSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hopscope}
bin=$cache/bin
state=${HOPSCOPE_CLUSTER_DIR:-$cache/cluster}
here=$repo/e2e/cluster

ETCD_PORT=${ETCD_PORT:-23790}
APISERVER_PORT=${APISERVER_PORT:-26443}
KCM_PORT=${KCM_PORT:-26257}
KWOK_PORT=${KWOK_PORT:-26080}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-29090}
SERVICE_CIDR=10.96.0.0/16

log() { printf '[cluster] %s\n' "$*" >&2; }

alive() { [ -f "$state/$1.pid" ] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

start() { # name, command...
  local name=$1; shift
  if alive "$name"; then log "$name already running (pid $(cat "$state/$name.pid"))"; return; fi
  setsid "$@" >"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/$name.pid"
}

stop() {
  local name=$1
  if alive "$name"; then
    local pid; pid=$(cat "$state/$name.pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$state/$name.pid"
}

wait_for() { # name, seconds, command...
  local name=$1 seconds=$2; shift 2
  local deadline=$(( $(date +%s) + seconds ))
  until "$@" >/dev/null 2>&1; do
    if ! alive "$name"; then log "$name exited; last lines of its log:"; tail -20 "$state/logs/$name.log" >&2; exit 1; fi
    if [ "$(date +%s)" -ge "$deadline" ]; then log "$name not ready after ${seconds}s"; tail -20 "$state/logs/$name.log" >&2; exit 1; fi
    sleep 0.2
  done
}

make_pki() {
  [ -f "$state/pki/apiserver.crt" ] && return
  mkdir -p "$state/pki"
  local p=$state/pki
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=hopscope-test-ca" \
    -keyout "$p/ca.key" -out "$p/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$p/apiserver.key" -out "$p/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,IP:10.96.0.1,DNS:kubernetes.default.svc\n' >"$p/san.ext"
  openssl x509 -req -in "$p/apiserver.csr" -CA "$p/ca.crt" -CAkey "$p/ca.key" -CAcreateserial \
    -days 3650 -extfile "$p/san.ext" -out "$p/apiserver.crt" 2>/dev/null
  openssl genrsa -out "$p/sa.key" 2048 2>/dev/null
  openssl rsa -in "$p/sa.key" -pubout -out "$p/sa.pub" 2>/dev/null
  local token limited; token=$(openssl rand -hex 24); limited=$(openssl rand -hex 24)
  # An admin, and a user with no rights of its own: tests grant it just enough to see partial failure.
  { echo "$token,hopscope-admin,1,\"system:masters\""; echo "$limited,hopscope-limited,2"; } >"$p/tokens.csv"
  echo "$token" >"$p/admin.token"
  echo "$limited" >"$p/limited.token"
}

write_kubeconfig() {
  cat >"$state/kubeconfig" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: hopscope-test
  cluster:
    server: https://127.0.0.1:$APISERVER_PORT
    certificate-authority: $state/pki/ca.crt
users:
- name: hopscope-admin
  user:
    token: $(cat "$state/pki/admin.token")
- name: hopscope-limited
  user:
    token: $(cat "$state/pki/limited.token")
contexts:
- name: hopscope-test
  context: { cluster: hopscope-test, user: hopscope-admin }
- name: hopscope-limited
  context: { cluster: hopscope-test, user: hopscope-limited }
current-context: hopscope-test
KUBECONFIG
}

# One scrape job, empty unless a live demo's exporter writes its address into the targets file
# (e2e/harness/live-exporter.ts): the scenario's series then go on past their load time.
write_prometheus_config() {
  echo '[]' >"$state/exporter-targets.json"
  cat >"$state/prometheus.yml" <<PROM
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: scenario-exporter
    honor_labels: true
    file_sd_configs:
      - files: ['$state/exporter-targets.json']
        refresh_interval: 5s
    # A series the scenario wrote without job or instance keeps none (an empty label is none).
    metric_relabel_configs:
      - { source_labels: [job], regex: __unset__, target_label: job, replacement: '' }
      - { source_labels: [instance], regex: __unset__, target_label: instance, replacement: '' }
PROM
}

# Container logs that kwok serves for pods/log, from one file the scenario loader writes (CRI
# log format). The API server reaches kwok through each node's Hostname address and kubelet port,
# so only nodes whose Hostname is localhost (and port is kwok's) ever have their logs read.
write_kwok_logs_config() {
  mkdir -p "$state/container-logs"
  [ -f "$state/container-logs/default.log" ] || : >"$state/container-logs/default.log"
  cat >"$state/kwok-logs.yaml" <<KWOK
apiVersion: kwok.x-k8s.io/v1alpha1
kind: ClusterLogs
metadata:
  name: scenario-logs
spec:
  logs:
  - logsFile: $state/container-logs/default.log
KWOK
}

# kwok runs a pod's exec as a command on this machine. These shims, first on kwok's PATH, run it
# the way a container runtime would: inside the pod's network namespace (HOPSCOPE_POD_NETNS, set
# by the pod's Exec object when the test bed gives the pod a namespace), and only if the pod's
# image has the tool (HOPSCOPE_POD_TOOLS; a distroless image has none, not even sh).
write_exec_shims() {
  local dir=$state/exec-shims
  mkdir -p "$dir"
  cat >"$dir/.enter" <<'SHIM'
#!/bin/sh
tool=${0##*/}
if [ -n "${HOPSCOPE_POD_TOOLS+set}" ]; then
  case " $HOPSCOPE_POD_TOOLS " in *" $tool "*) ;; *)
    echo "exec failed: unable to start container process: exec: \"$tool\": executable file not found in \$PATH" >&2
    exit 127 ;;
  esac
fi
system=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
real=$(PATH=$system command -v "$tool") || { echo "exec: \"$tool\": executable file not found in \$PATH" >&2; exit 127; }
[ -n "${HOPSCOPE_POD_NETNS:-}" ] && exec "$(PATH=$system command -v ip)" netns exec "$HOPSCOPE_POD_NETNS" "$real" "$@"
exec "$real" "$@"
SHIM
  chmod +x "$dir/.enter"
  for tool in sh curl wget dig nslookup nc timeout; do ln -sf .enter "$dir/$tool"; done
}

start_prometheus() {
  mkdir -p "$state/prometheus"
  start prometheus prometheus --config.file="$state/prometheus.yml" \
    --storage.tsdb.path="$state/prometheus" --storage.tsdb.retention.time=100y \
    --web.listen-address=127.0.0.1:$PROMETHEUS_PORT --web.enable-lifecycle
  wait_for prometheus 60 curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/-/ready"
}

# The Gateway API CRDs of the release build-binaries.sh copied (standard channel). Applied only
# when the cluster does not already hold every one of them at that bundle version, Established.
install_gateway_api() {
  local dir; dir=$(ls -d "$bin"/gateway-api-crds/v* 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$dir" ] || { log "missing $bin/gateway-api-crds: run e2e/cluster/build-binaries.sh gateway-api"; return 1; }
  local version=${dir##*/} want="" have f
  for f in "$dir"/gateway.networking.k8s.io_*.yaml; do
    f=${f##*/gateway.networking.k8s.io_}
    want+="${f%.yaml}.gateway.networking.k8s.io=$version=True"$'\n'
  done
  have=$("$bin/kubectl" --kubeconfig "$state/kubeconfig" get crd -o jsonpath='{range .items[?(@.spec.group=="gateway.networking.k8s.io")]}{.metadata.name}={.metadata.annotations.gateway\.networking\.k8s\.io/bundle-version}={.status.conditions[?(@.type=="Established")].status}{"\n"}{end}')
  [ "$(sort <<<"$have")" = "$(sort <<<"${want%$'\n'}")" ] && return 0
  local t0; t0=$(date +%s%N)
  "$bin/kubectl" --kubeconfig "$state/kubeconfig" apply --server-side --force-conflicts -f "$dir" >/dev/null
  "$bin/kubectl" --kubeconfig "$state/kubeconfig" wait --for=condition=Established --timeout=60s \
    $(for f in "$dir"/gateway.networking.k8s.io_*.yaml; do f=${f##*/gateway.networking.k8s.io_}; echo "crd/${f%.yaml}.gateway.networking.k8s.io"; done) >/dev/null
  log "gateway-api $version CRDs installed in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
}

up() {
  for b in etcd kube-apiserver kube-controller-manager kwok kubectl; do
    [ -x "$bin/$b" ] || { log "missing $bin/$b: run e2e/cluster/build-binaries.sh"; exit 1; }
  done
  command -v prometheus >/dev/null || { log "prometheus not installed: run scripts/setup.sh"; exit 1; }
  mkdir -p "$state/logs"
  local t0; t0=$(date +%s%N)
  make_pki
  write_kubeconfig
  write_prometheus_config

  start etcd "$bin/etcd" --data-dir="$state/etcd" --name=hopscope \
    --listen-client-urls=http://127.0.0.1:$ETCD_PORT --advertise-client-urls=http://127.0.0.1:$ETCD_PORT \
    --listen-peer-urls=http://127.0.0.1:$((ETCD_PORT + 1)) --initial-advertise-peer-urls=http://127.0.0.1:$((ETCD_PORT + 1)) \
    --initial-cluster=hopscope=http://127.0.0.1:$((ETCD_PORT + 1)) \
    --listen-metrics-urls=http://127.0.0.1:$((ETCD_PORT + 2)) \
    --quota-backend-bytes=1073741824 --unsafe-no-fsync
  start_prometheus &
  local prom_waiter=$!
  wait_for etcd 30 curl -sf "http://127.0.0.1:$((ETCD_PORT + 2))/health"

  start kube-apiserver "$bin/kube-apiserver" --etcd-servers=http://127.0.0.1:$ETCD_PORT \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port=$APISERVER_PORT \
    --tls-cert-file="$state/pki/apiserver.crt" --tls-private-key-file="$state/pki/apiserver.key" \
    --client-ca-file="$state/pki/ca.crt" --token-auth-file="$state/pki/tokens.csv" \
    --authorization-mode=RBAC --allow-privileged=true --service-cluster-ip-range=$SERVICE_CIDR \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$state/pki/sa.pub" --service-account-signing-key-file="$state/pki/sa.key" \
    --disable-admission-plugins=ServiceAccount --enable-priority-and-fairness=false \
    --endpoint-reconciler-type=none --profiling=false \
    --kubelet-preferred-address-types=Hostname
  wait_for kube-apiserver 90 "$bin/kubectl" --kubeconfig "$state/kubeconfig" get --raw /readyz

  # Only the controllers a diagnosis reads the work of: EndpointSlices are computed from
  # selectors the way a real cluster does (and Endpoints, which the API server's services/proxy
  # routes by). No node-lifecycle or workload controllers, so a scenario's pods and node
  # conditions stay as the scenario wrote them.
  start kube-controller-manager "$bin/kube-controller-manager" --kubeconfig="$state/kubeconfig" \
    --controllers=endpoint,endpointslice,endpointslicemirroring,garbagecollector,namespace \
    --bind-address=127.0.0.1 --secure-port=$KCM_PORT --leader-elect=false \
    --authentication-skip-lookup=true
  write_kwok_logs_config
  write_exec_shims
  "$bin/kubectl" --kubeconfig "$state/kubeconfig" apply --server-side -f "$(ls "$bin"/kwok-crds/*/execs.yaml | tail -1)" >/dev/null
  "$bin/kubectl" --kubeconfig "$state/kubeconfig" wait --for=condition=Established crd/execs.kwok.x-k8s.io --timeout=30s >/dev/null
  install_gateway_api &
  local gateway_waiter=$!
  start kwok env PATH="$state/exec-shims:$PATH" "$bin/kwok" --kubeconfig="$state/kubeconfig" \
    --config="$here/kwok-stages.yaml" --config="$state/kwok-logs.yaml" --enable-crds=Exec \
    --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --server-address=127.0.0.1:$KWOK_PORT --node-lease-duration-seconds=40 --cidr=10.244.0.0/16
  wait_for kube-controller-manager 60 curl -skf "https://127.0.0.1:$KCM_PORT/healthz"
  wait_for kwok 60 curl -sf "http://127.0.0.1:$KWOK_PORT/healthz"
  wait "$prom_waiter"
  wait "$gateway_waiter"
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  log "up in ${ms} ms: kube-apiserver https://127.0.0.1:$APISERVER_PORT, prometheus http://127.0.0.1:$PROMETHEUS_PORT"
  env_lines
}

down() {
  for name in kwok kube-controller-manager kube-apiserver etcd prometheus; do stop "$name"; done
  if [ "${1:-}" = "--wipe" ]; then rm -rf "$state"; fi
  log "down"
}

status() {
  for name in etcd kube-apiserver kube-controller-manager kwok prometheus; do
    if alive "$name"; then echo "$name running pid $(cat "$state/$name.pid")"; else echo "$name stopped"; fi
  done
}

# One VAR=value per line (callers prefix `export`). The test Prometheus is on loopback, where the
# browser can open it too, so it is also the public link.
env_lines() {
  echo "KUBECONFIG=$state/kubeconfig"
  echo "HOPSCOPE_PROMETHEUS_URL=http://127.0.0.1:$PROMETHEUS_PORT"
  echo "HOPSCOPE_PROMETHEUS_LINK_URL=http://127.0.0.1:$PROMETHEUS_PORT"
  echo "HOPSCOPE_KUBECTL=$bin/kubectl"
}

case "${1:-}" in
  up) up ;;
  down) shift; down "${1:-}" ;;
  restart-prometheus) stop prometheus; [ "${2:-}" = "--wipe" ] && rm -rf "$state/prometheus"; mkdir -p "$state/logs"; write_prometheus_config; start_prometheus ;;
  stop-prometheus) stop prometheus ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 up|down [--wipe]|status|env|restart-prometheus [--wipe]|stop-prometheus" >&2; exit 2 ;;
esac
