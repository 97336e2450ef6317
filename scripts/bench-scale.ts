// Cost of one diagnosis when the path is big, printed (not asserted): against the real test
// cluster it loads with kwok a Service of P pods spread over N nodes (kube-proxy on every node,
// CoreDNS, an ingress-nginx controller), then diagnoses each path kind through POST
// /api/diagnoses of the built app and prints API requests (the diagnosis's `meta`), the answer's
// bytes, the gathered snapshot's bytes and the time.
//   npm run bench:scale -- [--nodes 200] [--pods 500] [--runs 3] [--json out.json] [--keep]
// The objects carry the scenario label, so the next scenario load (or the end of this run,
// without --keep) removes them.
import { writeFileSync } from 'node:fs';
import { authHeaders, startAppServer } from '@/e2e/harness/app-server';
import { ensureCluster } from '@/e2e/harness/ensure-cluster';
import { kubectl, kubectlJson } from '@/e2e/harness/kubectl';

/**
 * Seconds the API server has spent on GET and LIST requests so far, from its own
 * apiserver_request_duration_seconds (all clients: kwok's own reads are in it too).
 */
async function apiserverReadSeconds(): Promise<number> {
  const text = await kubectl(['get', '--raw', '/metrics']);
  let sum = 0;
  for (const line of text.split('\n'))
    if (/^apiserver_request_duration_seconds_sum\{.*verb="(GET|LIST)"/.test(line))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}
import { loadCluster, resetCluster } from '@/e2e/harness/load-cluster';
import type { KubeObject } from '@/e2e/harness/scenario';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}
const NODES = flag('nodes', 200);
const PODS = flag('pods', 500);
const RUNS = flag('runs', 3);
const jsonAt = process.argv.indexOf('--json');
const jsonFile = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;
const keep = process.argv.includes('--keep');

const nodeName = (i: number) => `bench-node-${String(i).padStart(4, '0')}`;
const ago = new Date(Date.now() - 86_400_000).toISOString();
const now = new Date().toISOString();

function node(i: number): KubeObject {
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

function objects(): KubeObject[] {
  const out: KubeObject[] = [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } },
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx' } },
  ];
  for (let i = 0; i < NODES; i++) out.push(node(i));
  const http = [{ name: 'http', containerPort: 8080 }];
  for (let i = 0; i < PODS; i++)
    out.push(pod('bench', `web-${i}`, nodeName(i % NODES), { app: 'web' }, http));
  out.push(pod('bench', 'toolbox', nodeName(0), { app: 'toolbox' }, []));
  out.push(service('bench', 'web', { app: 'web' }));
  out.push(service('bench', 'web-nodeport', { app: 'web' }, { type: 'NodePort' }));
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
  for (let i = 0; i < NODES; i++)
    out.push(
      pod('kube-system', `kube-proxy-${i}`, nodeName(i), { 'k8s-app': 'kube-proxy' }, [], true),
    );
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
    out.push(pod('ingress-nginx', `ingress-nginx-controller-${i}`, nodeName(i), controller, http));
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
  out.push({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'bench' },
    spec: {
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'bench.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  });
  return out;
}

interface Slices {
  items: { endpoints?: { conditions?: { ready?: boolean } }[] }[];
}
async function waitForReadyEndpoints(want: number): Promise<number> {
  const deadline = Date.now() + 180_000;
  let ready = 0;
  while (Date.now() < deadline) {
    const slices = await kubectlJson<Slices>([
      'get',
      'endpointslices',
      '-n',
      'bench',
      '-l',
      'kubernetes.io/service-name=web',
    ]);
    ready = slices.items
      .flatMap((s) => s.endpoints ?? [])
      .filter((e) => e.conditions?.ready !== false).length;
    if (ready >= want) return ready;
    await new Promise((r) => setTimeout(r, 2000));
  }
  return ready;
}

const paths: Record<string, object> = {
  'clusterip+client': {
    kind: 'clusterip',
    namespace: 'bench',
    service: 'web',
    port: 80,
    client: { namespace: 'bench', pod: 'toolbox' },
  },
  clusterip: { kind: 'clusterip', namespace: 'bench', service: 'web', port: 80 },
  nodeport: { kind: 'nodeport', namespace: 'bench', service: 'web-nodeport', port: 80 },
  ingress: { kind: 'ingress', namespace: 'bench', ingress: 'web', host: 'bench.example.com' },
};

interface Row {
  path: string;
  apiRequests: number;
  answerBytes: number;
  snapshotBytes: number;
  p50Ms: number;
  /** The API server's own GET+LIST time per diagnosis (all clients). */
  apiserverMs: number;
  worstHop: string;
  hops: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

interface Answer {
  diagnosis: {
    meta: { apiRequests: number };
    hops: { kind: string; verdict: string }[];
    summary: { sentence: string };
  };
  snapshot: unknown;
}

ensureCluster();
const t0 = Date.now();
const loaded = await loadCluster({
  name: 'bench-scale',
  dir: '',
  objects: objects(),
  expectations: [],
});
const ready = await waitForReadyEndpoints(PODS);
console.log(
  `loaded ${loaded.objects} objects (${NODES} nodes, ${PODS} pods) in ${Date.now() - t0} ms; ` +
    `${ready} of ${PODS} endpoints ready`,
);

const server = await startAppServer();
const rows: Row[] = [];
try {
  for (const [name, body] of Object.entries(paths)) {
    const times: number[] = [];
    let last: { text: string; snapshot: string; answer: Answer } | undefined;
    const serverBefore = await apiserverReadSeconds();
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/diagnoses?include=snapshot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authHeaders() },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      times.push(performance.now() - started);
      if (!res.ok) throw new Error(`${name}: ${res.status} ${text.slice(0, 200)}`);
      const answer = JSON.parse(text) as Answer;
      last = { text, snapshot: JSON.stringify(answer.snapshot), answer };
    }
    const apiserverMs = Math.round((((await apiserverReadSeconds()) - serverBefore) * 1000) / RUNS);
    const d = last!.answer.diagnosis;
    // The answer without the snapshot is what the page and API callers receive by default.
    const answerBytes = Buffer.byteLength(JSON.stringify({ diagnosis: d }));
    rows.push({
      path: name,
      apiRequests: d.meta.apiRequests,
      answerBytes,
      snapshotBytes: Buffer.byteLength(last!.snapshot),
      p50Ms: Math.round(median(times)),
      apiserverMs,
      worstHop: d.summary.sentence.slice(0, 90),
      hops: d.hops.map((h) => `${h.kind}:${h.verdict}`).join(' '),
    });
  }
} finally {
  server.stop();
  if (!keep) await resetCluster();
}

console.log(`\n${NODES} nodes, ${PODS} pods, ${RUNS} runs per path`);
console.log('path              requests  answer KB  snapshot KB  p50 ms  API server ms (GET+LIST)');
for (const r of rows)
  console.log(
    `${r.path.padEnd(17)} ${String(r.apiRequests).padStart(8)}  ${(r.answerBytes / 1024).toFixed(0).padStart(9)}  ` +
      `${(r.snapshotBytes / 1024).toFixed(0).padStart(11)}  ${String(r.p50Ms).padStart(6)}  ${String(r.apiserverMs).padStart(7)}`,
  );
for (const r of rows) console.log(`\n${r.path}: ${r.worstHop}\n  ${r.hops}`);
if (jsonFile)
  writeFileSync(jsonFile, JSON.stringify({ nodes: NODES, pods: PODS, runs: RUNS, rows }, null, 2));
