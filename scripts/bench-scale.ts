// What one diagnosis costs as the cluster and the path grow, printed and written down (not
// asserted). Against the real test cluster it grows with kwok through cluster sizes (nodes /
// pods, the rest filler pods behind filler Services), with Services of 3, 50 and 500 backends
// spread over the nodes, kube-proxy on every node, CoreDNS and an ingress-nginx controller; then,
// per size, backend count and path kind, it diagnoses through POST /api/diagnoses of the built
// app and reports:
//   - API requests and bytes per diagnosis, from the diagnosis's `meta` and from the API server's
//     own /metrics (apiserver_request_total, apiserver_response_sizes), which must agree;
//   - the API server's own time for them (apiserver_request_duration_seconds), and per size its
//     time for a control, the same GETs and LISTs made straight to it at every size, which says
//     how much of any growth is the server answering each request more slowly;
//   - Prometheus queries (meta, and Prometheus's prometheus_http_requests_total) and the samples
//     they loaded (Prometheus's own per-query `stats`, summed into meta);
//   - p50 / p95 over the runs, the server's memory, the type-ahead's latency, and the page's
//     figures in Chromium (shell, first panel, complete, JavaScript gzipped).
// Other clients' reads (kwok, the controller manager) are measured while idle and subtracted.
// kwok, which simulates a thousand kubelets on this same machine (on a real cluster they run
// elsewhere), is paused while a path's runs are timed, so that the API server's time is its work
// for the diagnoses, not its wait for a CPU (--no-pause-kwok keeps it running).
//   npm run bench:scale -- [--sizes 10x300,200x6000,1000x30000] [--backends 3,50,500]
//                          [--runs 20] [--page-runs 5] [--out bench/scale.md] [--keep]
//                          [--loaded]  (measure the one size a --keep run left loaded, no loading)
// Everything it makes carries the scenario label: the next scenario load (or the end of this
// run, without --keep) removes it.
import { KubeConfig } from '@kubernetes/client-node';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import path from 'node:path';
import { authHeaders, startAppServer, type AppServer } from '@/e2e/harness/app-server';
import { ensureCluster } from '@/e2e/harness/ensure-cluster';
import { kubectl, kubectlJson } from '@/e2e/harness/kubectl';
import { addToCluster, loadCluster, resetCluster } from '@/e2e/harness/load-cluster';
import type { KubeObject } from '@/e2e/harness/scenario';
import { clusterDir, testEnv } from '@/e2e/harness/test-env';
import { measurePage, percentile, type PageFigures } from './page-figures';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1]! : fallback;
}
const SIZES = option('sizes', '10x300,200x6000,1000x30000')
  .split(',')
  .map((s) => {
    const [nodes, pods] = s.split('x').map(Number);
    return { nodes: nodes!, pods: pods! };
  });
const BACKENDS = option('backends', '3,50,500').split(',').map(Number);
const RUNS = Number(option('runs', '20'));
const PAGE_RUNS = Number(option('page-runs', '5'));
const OUT = option('out', 'bench/scale.md');
const keep = process.argv.includes('--keep');
const loaded = process.argv.includes('--loaded');
const pauseKwok = !process.argv.includes('--no-pause-kwok');

/** Runs `work` with kwok stopped (SIGSTOP), resumed whatever happens. */
async function withKwokPaused<T>(work: () => Promise<T>): Promise<T> {
  const pidFile = path.join(clusterDir, 'kwok.pid');
  const pid = pauseKwok && existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
  if (pid) process.kill(pid, 'SIGSTOP');
  try {
    return await work();
  } finally {
    if (pid) process.kill(pid, 'SIGCONT');
  }
}
const SCENARIO = 'bench-scale';
const FILL_NAMESPACES = 20;
/** Filler pods per filler Service. */
const PER_SERVICE = 30;
// The bench diagnoses far more often than a person: the per-user rate limit is lifted for it.
process.env.HOPSCOPE_DIAGNOSES_PER_MINUTE = '100000';

const nodeName = (i: number) => `bench-node-${String(i).padStart(4, '0')}`;
const ago = new Date(Date.now() - 86_400_000).toISOString();

function node(i: number): KubeObject {
  const now = new Date().toISOString();
  const condition = (type: string, status: string, reason: string) => ({
    type,
    status,
    reason,
    message: reason,
    lastHeartbeatTime: now,
    lastTransitionTime: ago,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: nodeName(i), labels: { 'kubernetes.io/hostname': nodeName(i) } },
    spec: { podCIDR: `10.${100 + Math.floor(i / 250)}.${i % 250}.0/24` },
    status: {
      addresses: [{ type: 'InternalIP', address: `10.1.${Math.floor(i / 250)}.${i % 250}` }],
      conditions: [
        condition('MemoryPressure', 'False', 'KubeletHasSufficientMemory'),
        condition('DiskPressure', 'False', 'KubeletHasNoDiskPressure'),
        condition('PIDPressure', 'False', 'KubeletHasSufficientPID'),
        condition('Ready', 'True', 'KubeletReady'),
      ],
    },
  };
}

/** A pod without a status: kwok starts it (Running, Ready, an IP from the node's CIDR). */
function pod(
  namespace: string,
  name: string,
  onNode: string,
  labels: Record<string, string>,
  ports: { name: string; containerPort: number }[],
  hostNetwork = false,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      nodeName: onNode,
      hostNetwork,
      containers: [{ name: 'main', image: 'registry.example/app:1', ports }],
    },
  };
}

function service(
  namespace: string,
  name: string,
  selector: Record<string, string>,
  extra: Record<string, unknown> = {},
  labels: Record<string, string> = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: {
      selector,
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      ...extra,
    },
  };
}

const HTTP = [{ name: 'http', containerPort: 8080 }];

/** What every size has: the paths under test and the cluster's own services. */
function baseObjects(): KubeObject[] {
  const out: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } },
  ];
  for (let n = 0; n < FILL_NAMESPACES; n++)
    out.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: fillNamespace(n) } });
  out.push(pod('bench', 'toolbox', nodeName(0), { app: 'toolbox' }, []));
  for (const b of BACKENDS) {
    out.push(service('bench', `web-${b}`, { app: `web-${b}` }, { type: 'NodePort' }));
    out.push({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: `web-${b}`, namespace: 'bench' },
      spec: {
        ingressClassName: 'nginx',
        rules: [
          {
            host: `web-${b}.bench.example.com`,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: `web-${b}`, port: { number: 80 } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
  // kube-proxy on every node, as its DaemonSet would place it.
  out.push({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } },
    spec: {
      selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
      template: {
        metadata: { labels: { 'k8s-app': 'kube-proxy' } },
        spec: { hostNetwork: true, containers: [{ name: 'kube-proxy', image: 'kube-proxy:1' }] },
      },
    },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'kube-proxy', namespace: 'kube-system' },
    data: { 'config.conf': 'mode: "iptables"\n' },
  });
  const dns = [{ name: 'dns', containerPort: 53 }];
  for (let i = 0; i < 2; i++)
    out.push(pod('kube-system', `coredns-${i}`, nodeName(i), { 'k8s-app': 'kube-dns' }, dns));
  out.push({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kube-dns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
      ],
    },
  });
  out.push({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'coredns', namespace: 'kube-system' },
    data: { Corefile: '.:53 {\n    kubernetes cluster.local\n    forward . /etc/resolv.conf\n}\n' },
  });
  const controller = {
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/component': 'controller',
  };
  for (let i = 0; i < 2; i++)
    out.push(pod('ingress-nginx', `ingress-nginx-controller-${i}`, nodeName(i), controller, HTTP));
  out.push(
    service(
      'ingress-nginx',
      'ingress-nginx-controller',
      controller,
      { type: 'NodePort' },
      controller,
    ),
  );
  out.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: 'nginx',
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: { controller: 'k8s.io/ingress-nginx' },
  });
  return out;
}

const fillNamespace = (n: number) => `fill-${String(n).padStart(2, '0')}`;
/** Pods of the cluster's own services and the paths' clients, at a size of `nodes`. */
const fixedPods = (nodes: number) => nodes + 2 + 2 + 1 + BACKENDS.reduce((a, b) => a + b, 0);

/** Nodes [from, to) with kube-proxy on each. */
function nodeObjects(from: number, to: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let i = from; i < to; i++) {
    out.push(node(i));
    out.push(
      pod('kube-system', `kube-proxy-${i}`, nodeName(i), { 'k8s-app': 'kube-proxy' }, [], true),
    );
  }
  return out;
}

/** Filler pods [from, to): groups of PER_SERVICE in one namespace behind one Service. */
function fillObjects(from: number, to: number, nodes: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (let k = from; k < to; k++) {
    const group = Math.floor(k / PER_SERVICE);
    const ns = fillNamespace(group % FILL_NAMESPACES);
    if (k % PER_SERVICE === 0) out.push(service(ns, `svc-${group}`, { app: `fill-${group}` }));
    out.push(pod(ns, `fill-${k}`, nodeName((k * 7) % nodes), { app: `fill-${group}` }, HTTP));
  }
  return out;
}

/** The paths' backends, spread over every node of this size (re-made at each size). */
function backendObjects(nodes: number): KubeObject[] {
  const out: KubeObject[] = [];
  for (const b of BACKENDS)
    for (let i = 0; i < b; i++)
      out.push(
        pod('bench', `web-${b}-${i}`, nodeName((i * 13) % nodes), { app: `web-${b}` }, HTTP),
      );
  return out;
}

async function waitFor(what: string, timeoutMs: number, check: () => Promise<string | null>) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await check();
    if (pending === null) return;
    if (Date.now() > deadline) throw new Error(`${what}: ${pending} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

async function waitForRunningPods(timeoutMs: number): Promise<void> {
  await waitFor('pods not yet running', timeoutMs, async () => {
    const names = await kubectl([
      'get',
      'pods',
      '-A',
      `-lhopscope.dev/scenario=${SCENARIO}`,
      '--field-selector=status.phase!=Running',
      '-o',
      'name',
      '--chunk-size=5000',
    ]);
    const count = names.split('\n').filter(Boolean).length;
    return count === 0 ? null : `${count} pods not running`;
  });
}

interface Slices {
  items: { endpoints?: { conditions?: { ready?: boolean } }[] }[];
}
async function waitForBackends(timeoutMs: number): Promise<void> {
  await waitFor('endpoints not ready', timeoutMs, async () => {
    for (const b of BACKENDS) {
      const slices = await kubectlJson<Slices>([
        'get',
        'endpointslices',
        '-n',
        'bench',
        '-l',
        `kubernetes.io/service-name=web-${b}`,
      ]);
      const ready = slices.items
        .flatMap((s) => s.endpoints ?? [])
        .filter((e) => e.conditions?.ready !== false).length;
      if (ready !== b) return `web-${b}: ${ready} of ${b} ready`;
    }
    return null;
  });
}

interface Counters {
  at: number;
  /** The API server's seconds per `VERB resource (scope)`, to say where its time goes. */
  secondsBy: Map<string, number>;
  requests: number;
  bytes: number;
  seconds: number;
  promQueries: number;
}

function sumOf(text: string, metric: string, keep: (labels: string) => boolean): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${metric}{`)) continue;
    const labels = line.slice(metric.length, line.lastIndexOf('}') + 1);
    if (keep(labels)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return sum;
}

/** Reads of API resources (not /metrics, /readyz and the like): what a diagnosis makes. */
const isResourceRead = (labels: string) =>
  /verb="(GET|LIST)"/.test(labels) && !/[{,]resource=""/.test(labels);

async function readCounters(): Promise<Counters> {
  const [apiserver, prometheus] = await Promise.all([
    kubectl(['get', '--raw', '/metrics']),
    fetch(`${testEnv.prometheusUrl}/metrics`).then((r) => r.text()),
  ]);
  const secondsBy = new Map<string, number>();
  const prefix = 'apiserver_request_duration_seconds_sum{';
  for (const line of apiserver.split('\n')) {
    if (!line.startsWith(prefix) || !isResourceRead(line)) continue;
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(line)?.[1] ?? '';
    const key = `${label('verb')} ${label('resource')}${label('subresource') ? `/${label('subresource')}` : ''} (${label('scope')})`;
    secondsBy.set(key, (secondsBy.get(key) ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1)));
  }
  return {
    at: Date.now(),
    secondsBy,
    requests: sumOf(apiserver, 'apiserver_request_total', isResourceRead),
    bytes: sumOf(apiserver, 'apiserver_response_sizes_sum', isResourceRead),
    seconds: [...secondsBy.values()].reduce((a, b) => a + b, 0),
    promQueries: sumOf(prometheus, 'prometheus_http_requests_total', (l) =>
      /handler="\/api\/v1\/query(_range)?"/.test(l),
    ),
  };
}

/** Per-second rates of the other clients' reads, measured while nothing diagnoses. */
interface Background {
  requests: number;
  bytes: number;
  seconds: number;
}
async function background(ms: number): Promise<Background> {
  const a = await readCounters();
  await new Promise((r) => setTimeout(r, ms));
  const b = await readCounters();
  const s = (b.at - a.at) / 1000;
  return {
    requests: (b.requests - a.requests) / s,
    bytes: (b.bytes - a.bytes) / s,
    seconds: (b.seconds - a.seconds) / s,
  };
}

/**
 * The other clients' rate once it holds still: after a reset or a load the controller manager
 * works through thousands of deletions and updates for a while, and a rate taken then would be
 * subtracted from quieter runs (the server would count fewer requests than the diagnoses made).
 * Two 10-second windows in a row within 10 % of each other, in requests and in the API server's
 * time for them (or within 1 request/s and 2 ms/s), for at most 3 min.
 */
async function settledBackground(): Promise<Background> {
  let last = await withKwokPaused(() => background(10_000));
  for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
    const next = await withKwokPaused(() => background(10_000));
    const close = (a: number, b: number, floor: number) =>
      Math.abs(a - b) <= Math.max(floor, 0.1 * Math.max(a, b));
    // Requests and the server's time for them: after thousands of deletions the requests may
    // hold still while each costs the server several times more for a while.
    if (close(next.requests, last.requests, 1) && close(next.seconds, last.seconds, 0.002))
      return next;
    console.log(
      `  waiting for the other clients to settle: ${last.requests.toFixed(1)} then ` +
        `${next.requests.toFixed(1)} requests/s, ${(last.seconds * 1000).toFixed(1)} then ` +
        `${(next.seconds * 1000).toFixed(1)} ms/s of the API server's time`,
    );
    last = next;
  }
  console.log(
    "  warning: the other clients' rate did not settle in 3 min; the rows below subtract the last one",
  );
  return last;
}

const paths = (b: number): Record<string, object> => ({
  'clusterip+client': {
    kind: 'clusterip',
    namespace: 'bench',
    service: `web-${b}`,
    port: 80,
    client: { namespace: 'bench', pod: 'toolbox' },
  },
  clusterip: { kind: 'clusterip', namespace: 'bench', service: `web-${b}`, port: 80 },
  nodeport: { kind: 'nodeport', namespace: 'bench', service: `web-${b}`, port: 80 },
  ingress: {
    kind: 'ingress',
    namespace: 'bench',
    ingress: `web-${b}`,
    host: `web-${b}.bench.example.com`,
  },
});

interface Answer {
  diagnosis: {
    meta: { apiRequests: number; apiBytes?: number; promQueries: number; promSamples?: number };
    hops: { kind: string; verdict: string }[];
    summary: { verdict: string; hop: string | null };
  };
}

interface Row {
  size: string;
  backends: number;
  path: string;
  metaRequests: number;
  serverRequests: number;
  metaKB: number;
  serverKB: number;
  apiserverMs: number;
  promQueries: number;
  promQueriesCounted: number;
  promSamples: number | null;
  p50Ms: number;
  p95Ms: number;
  answer: string;
  /** Where the API server's time went: the three largest shares, ms per diagnosis. */
  apiserverTop: string;
}

interface SizeFigures {
  size: string;
  nodes: number;
  pods: number;
  services: number;
  background: Background;
  rssMiB: number;
  peakRssMiB: number;
  apiserverRssMiB: number;
  /** The API server's ms for the control reads (idle rate subtracted). */
  controlMs: number;
  typeAheadColdMs: number;
  typeAheadP50Ms: number;
  typeAheadP95Ms: number;
  page: PageFigures;
}

async function diagnose(server: AppServer, body: object): Promise<[number, Answer]> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/diagnoses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
  return [ms, JSON.parse(text) as Answer];
}

function memoryMiB(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
  if (!pid) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

async function apiserverRssMiB(): Promise<number> {
  const text = await kubectl(['get', '--raw', '/metrics']);
  const bytes = Number(/^process_resident_memory_bytes (\S+)/m.exec(text)?.[1] ?? NaN);
  return Math.round(bytes / 1024 / 1024);
}

/**
 * The same reads at every size, made straight to the API server: CONTROL_ROUNDS GETs of one
 * Service and as many LISTs of its pods (the first bench Service, a few backends). What the API
 * server spends on them says how fast it answers one request at this size, apart from anything a
 * diagnosis asks; a diagnosis whose time grows exactly as the control's does no more work.
 */
const CONTROL_ROUNDS = 20;
async function controlReads(): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(testEnv.kubeconfig);
  const tls: { ca?: Buffer; cert?: Buffer; key?: Buffer; headers?: Record<string, string> } = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new Agent({ ca: tls.ca, cert: tls.cert, key: tls.key, keepAlive: true });
  const server = kc.getCurrentCluster()!.server;
  const service = `web-${BACKENDS[0]}`;
  const read = (url: string) =>
    new Promise<void>((resolve, reject) =>
      request(`${server}${url}`, { agent, headers: tls.headers }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(url))));
      })
        .on('error', reject)
        .end(),
    );
  try {
    const before = await readCounters();
    for (let i = 0; i < CONTROL_ROUNDS; i++) {
      await read(`/api/v1/namespaces/bench/services/${service}`);
      await read(`/api/v1/namespaces/bench/pods?labelSelector=app%3D${service}`);
    }
    const after = await readCounters();
    return (after.seconds - before.seconds) * 1000;
  } finally {
    agent.destroy();
  }
}

async function typeAhead(server: AppServer): Promise<number> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/targets?q=web`, { headers: authHeaders() });
  await res.text();
  if (!res.ok) throw new Error(`type-ahead: ${res.status}`);
  return performance.now() - started;
}

async function measureSize(nodes: number, pods: number, rows: Row[]): Promise<SizeFigures> {
  const size = `${nodes} / ${pods}`;
  const server = await startAppServer(Number(process.env.HOPSCOPE_PORT ?? 3199));
  try {
    const cold = await typeAhead(server);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push(await typeAhead(server));
    const idle = await settledBackground();
    const control = await withKwokPaused(async () => {
      const started = Date.now();
      const ms = await controlReads();
      return ms - idle.seconds * (Date.now() - started);
    });
    console.log(`  ${size}: control reads ${control.toFixed(1)} ms of API server time`);
    for (const b of BACKENDS)
      for (const [name, body] of Object.entries(paths(b))) {
        await diagnose(server, body); // warm: connections, the JIT
        const times: number[] = [];
        let last: Answer | undefined;
        const metaRequests: number[] = [];
        const metaBytes: number[] = [];
        const [before, after] = await withKwokPaused(async () => {
          const first = await readCounters();
          for (let i = 0; i < RUNS; i++) {
            const [ms, answer] = await diagnose(server, body);
            times.push(ms);
            metaRequests.push(answer.diagnosis.meta.apiRequests);
            metaBytes.push(answer.diagnosis.meta.apiBytes ?? NaN);
            last = answer;
          }
          return [first, await readCounters()] as const;
        });
        const s = (after.at - before.at) / 1000;
        const per = (delta: number, rate: number) => (delta - rate * s) / RUNS;
        const mean = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length;
        const d = last!.diagnosis;
        rows.push({
          size,
          backends: b,
          path: name,
          metaRequests: mean(metaRequests),
          serverRequests: per(after.requests - before.requests, idle.requests),
          metaKB: mean(metaBytes) / 1024,
          serverKB: per(after.bytes - before.bytes, idle.bytes) / 1024,
          apiserverMs: per(after.seconds - before.seconds, idle.seconds) * 1000,
          promQueries: d.meta.promQueries,
          promQueriesCounted: (after.promQueries - before.promQueries) / RUNS,
          promSamples: d.meta.promSamples ?? null,
          p50Ms: percentile(times, 50),
          p95Ms: percentile(times, 95),
          answer: `${d.summary.verdict}${d.summary.hop ? ` at ${d.summary.hop}` : ''}`,
          apiserverTop: [...after.secondsBy]
            .map(
              ([key, v]) => [key, ((v - (before.secondsBy.get(key) ?? 0)) * 1000) / RUNS] as const,
            )
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([key, ms]) => `${key} ${ms.toFixed(1)} ms`)
            .join(', '),
        });
        const r = rows.at(-1)!;
        console.log(
          `  ${size} web-${b} ${name}: ${r.metaRequests} requests (server ${r.serverRequests.toFixed(1)}), ` +
            `${r.metaKB.toFixed(0)} KB (server ${r.serverKB.toFixed(0)}), API server ${r.apiserverMs.toFixed(0)} ms, ` +
            `p50 ${r.p50Ms.toFixed(0)} ms p95 ${r.p95Ms.toFixed(0)} ms, ${r.answer}\n    API server time: ${r.apiserverTop}`,
        );
      }
    const page = await withKwokPaused(() =>
      measurePage(
        server.url,
        `/diagnose?kind=clusterip&namespace=bench&service=web-${BACKENDS[1] ?? BACKENDS[0]}&port=80&client=bench/toolbox`,
        PAGE_RUNS,
      ),
    );
    return {
      size,
      nodes,
      pods,
      services: Math.ceil(Math.max(0, pods - fixedPods(nodes)) / PER_SERVICE) + BACKENDS.length + 2,
      background: idle,
      rssMiB: memoryMiB(server.pid, 'VmRSS'),
      peakRssMiB: memoryMiB(server.pid, 'VmHWM'),
      apiserverRssMiB: await apiserverRssMiB(),
      controlMs: control,
      typeAheadColdMs: cold,
      typeAheadP50Ms: percentile(warm, 50),
      typeAheadP95Ms: percentile(warm, 95),
      page,
    };
  } finally {
    server.stop();
  }
}

function table(rows: Row[], sizes: SizeFigures[]): string {
  const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
  const lines = [
    `Runs per path: ${RUNS} (after one warm-up). Requests and KB per diagnosis: from the ` +
      "diagnosis's meta / counted by the API server's /metrics (other clients' idle rate " +
      'subtracted). API server ms: its own apiserver_request_duration_seconds for those reads.',
    '',
    '| cluster (nodes / pods) | backends | path | requests meta / server | KB meta / server | API server ms | Prometheus queries meta / counted | samples | p50 ms | p95 ms | answer |',
    '| --- | --: | --- | --: | --: | --: | --: | --: | --: | --: | --- |',
  ];
  for (const r of rows)
    lines.push(
      `| ${r.size} | ${r.backends} | ${r.path} | ${f(r.metaRequests)} / ${f(r.serverRequests, 1)} | ` +
        `${f(r.metaKB)} / ${f(r.serverKB)} | ${f(r.apiserverMs, 1)} | ${r.promQueries} / ` +
        `${f(r.promQueriesCounted, 1)} | ${r.promSamples === null ? 'n/a' : f(r.promSamples)} | ` +
        `${f(r.p50Ms)} | ${f(r.p95Ms)} | ${r.answer} |`,
    );
  lines.push(
    '',
    `| cluster (nodes / pods) | Services | app RSS / peak MiB | API server RSS MiB | API server ms for the control reads (${CONTROL_ROUNDS} GET + ${CONTROL_ROUNDS} LIST) | type-ahead cold / p50 / p95 ms | page: shell / first panel / complete ms (median) | page JS KiB gz (charts) |`,
    '| --- | --: | --: | --: | --: | --: | --: | --: |',
  );
  for (const s of sizes) {
    const med = (v: number[]) => f(percentile(v, 50));
    lines.push(
      `| ${s.size} | ${s.services} | ${s.rssMiB} / ${s.peakRssMiB} | ${s.apiserverRssMiB} | ${f(s.controlMs, 1)} | ` +
        `${f(s.typeAheadColdMs)} / ${f(s.typeAheadP50Ms)} / ${f(s.typeAheadP95Ms)} | ` +
        `${med(s.page.shellMs)} / ${med(s.page.firstPanelMs)} / ${med(s.page.completeMs)} | ` +
        `${f(s.page.jsGzipBytes / 1024)} (${f(s.page.chartGzipBytes / 1024)}) |`,
    );
  }
  return lines.join('\n') + '\n';
}

ensureCluster();
const rows: Row[] = [];
const sizes: SizeFigures[] = [];
const started = Date.now();
try {
  const first = SIZES[0]!;
  if (loaded) {
    const { nodes, pods } = SIZES.at(-1)!;
    const fill = Math.max(0, pods - fixedPods(nodes));
    await waitForRunningPods(60_000);
    await waitForBackends(60_000);
    sizes.push(await measureSize(nodes, fixedPods(nodes) + fill, rows));
    SIZES.length = 0; // measured: nothing to load below
  } else
    await loadCluster({
      name: SCENARIO,
      dir: '',
      objects: [...baseObjects(), ...nodeObjects(0, first.nodes)],
      expectations: [],
    });
  let nodes = first.nodes;
  let fill = 0;
  for (const { nodes: wantNodes, pods: wantPods } of SIZES) {
    const t0 = Date.now();
    await addToCluster(SCENARIO, nodeObjects(nodes, wantNodes));
    nodes = Math.max(nodes, wantNodes);
    // The backends are spread again over every node of this size.
    await kubectl([
      'delete',
      'pods',
      '-n',
      'bench',
      '-l',
      'app!=toolbox',
      '--grace-period=0',
      '--force',
      '--wait=true',
    ]);
    const wantFill = Math.max(fill, wantPods - fixedPods(nodes));
    await addToCluster(SCENARIO, [...backendObjects(nodes), ...fillObjects(fill, wantFill, nodes)]);
    fill = wantFill;
    await waitForRunningPods(30 * 60_000);
    await waitForBackends(10 * 60_000);
    console.log(
      `${nodes} nodes, ${fixedPods(nodes) + fill} pods: ready in ${Math.round((Date.now() - t0) / 1000)} s`,
    );
    sizes.push(await measureSize(nodes, fixedPods(nodes) + fill, rows));
  }
} finally {
  if (!keep) await resetCluster();
}

const out = table(rows, sizes);
console.log(`\n${out}`);
mkdirSync(path.dirname(OUT), { recursive: true });
const header =
  `# Scale benchmark\n\n\`npm run bench:scale -- ${process.argv.slice(2).join(' ')}\`, ` +
  `${new Date().toISOString().slice(0, 16)}Z, ${Math.round((Date.now() - started) / 60_000)} min.\n\n`;
writeFileSync(OUT, header + out);
writeFileSync(OUT.replace(/\.md$/, '.json'), JSON.stringify({ rows, sizes }, null, 2));
console.log(`written to ${OUT}`);
