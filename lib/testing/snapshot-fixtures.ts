// Snapshot fixtures for check tests: a healthy 3-node cluster as the collector would have
// gathered it, and small builders to break one thing at a time.
import type { AccessPath } from '@/lib/model/path';
import type { GatewaySide } from '@/lib/model/gateway';
import type { Unit } from '@/lib/model/units';
import type { MetricId } from '@/lib/promql/queries';
import type {
  BackendSide,
  Condition,
  DnsInfo,
  EndpointSliceInfo,
  Gathered,
  IngressSide,
  MetricQueryResult,
  MetricsSide,
  NodeInfo,
  PodInfo,
  ServiceInfo,
  Snapshot,
} from '@/lib/model/snapshot';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;

export function node(name: string, patch: Partial<NodeInfo> = {}): NodeInfo {
  const c = (type: string, status: Condition['status']): Condition => ({
    type,
    status,
    lastTransitionTime: ago(30 * 24 * 60 * MIN),
    lastHeartbeatTime: ago(10_000),
  });
  return {
    name,
    unschedulable: false,
    taints: [],
    internalIP: '10.0.0.1',
    leaseRenewTime: ago(5_000),
    conditions: [
      c('Ready', 'True'),
      c('MemoryPressure', 'False'),
      c('DiskPressure', 'False'),
      c('PIDPressure', 'False'),
    ],
    ...patch,
  };
}

export function pod(
  name: string,
  ip: string,
  nodeName: string,
  patch: Partial<PodInfo> = {},
): PodInfo {
  return {
    namespace: 'shop',
    name,
    uid: `uid-${name}`,
    labels: { app: 'web' },
    nodeName,
    phase: 'Running',
    podIP: ip,
    hostNetwork: false,
    ready: true,
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'PodScheduled', status: 'True' },
    ],
    containers: [
      {
        name: 'web',
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        ready: true,
        restartCount: 0,
        state: 'running',
        startedAt: ago(2 * 24 * 60 * MIN),
      },
    ],
    startTime: ago(2 * 24 * 60 * MIN),
    dnsPolicy: 'ClusterFirst',
    dnsNameservers: [],
    ...patch,
  };
}

export function notReady(p: PodInfo): PodInfo {
  return {
    ...p,
    ready: false,
    conditions: p.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)),
    containers: p.containers.map((c) => ({ ...c, ready: false })),
  };
}

export function service(patch: Partial<ServiceInfo> = {}): ServiceInfo {
  return {
    namespace: 'shop',
    name: 'web',
    type: 'ClusterIP',
    clusterIP: '10.96.20.10',
    selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    publishNotReadyAddresses: false,
    loadBalancerIngress: [],
    ...patch,
  };
}

export function sliceFor(pods: PodInfo[], portName = 'http'): EndpointSliceInfo {
  return {
    name: 'web-abc',
    addressType: 'IPv4',
    ports: [{ name: portName, port: 8080, protocol: 'TCP' }],
    endpoints: pods
      .filter((p) => p.podIP)
      .map((p) => ({
        addresses: [p.podIP!],
        ready: p.ready,
        serving: p.ready,
        terminating: false,
        nodeName: p.nodeName,
        targetRef: { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid },
      })),
  };
}

export function backend(pods: PodInfo[], svc: ServiceInfo = service()): BackendSide {
  const slice = sliceFor(pods);
  return {
    service: { value: svc },
    pods: { value: pods },
    nearMisses: { value: [] },
    endpointSlices: { value: [slice] },
    ipHolders: Object.fromEntries(
      pods
        .filter((p) => p.podIP)
        .map((p) => [
          p.podIP!,
          {
            value: [
              {
                namespace: p.namespace,
                name: p.name,
                uid: p.uid,
                nodeName: p.nodeName,
                phase: p.phase,
                deleting: false,
              },
            ],
          },
        ]),
    ),
    events: { value: [] },
    networkPolicies: { value: [] },
  };
}

export function dns(patch: Partial<DnsInfo> = {}): DnsInfo {
  const pods = [
    pod('coredns-a', '10.244.1.2', 'worker-1', {
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
    }),
    pod('coredns-b', '10.244.2.2', 'worker-2', {
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
    }),
  ];
  return {
    service: service({
      namespace: 'kube-system',
      name: 'kube-dns',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }],
    }),
    endpointSlices: [sliceFor(pods, 'dns')],
    pods,
    corefile:
      '.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n    }\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n}\n',
    ...patch,
  };
}

export const WEB_PODS = [
  pod('web-1', '10.244.1.10', 'worker-1'),
  pod('web-2', '10.244.2.10', 'worker-2'),
  pod('web-3', '10.244.3.10', 'worker-3'),
];
const CLIENT = pod('toolbox', '10.244.2.20', 'worker-2', { labels: { app: 'toolbox' } });

function kubeProxyOn(nodes: string[]): Snapshot['kubeProxy'] {
  return {
    value: {
      daemonSetFound: true,
      mode: 'iptables',
      podsByNode: Object.fromEntries(
        nodes.map((n) => [
          n,
          [pod(`kube-proxy-${n}`, '10.0.0.1', n, { namespace: 'kube-system', hostNetwork: true })],
        ]),
      ),
    },
  };
}

function base(path: AccessPath, pods: PodInfo[]): Snapshot {
  return {
    schema: 1,
    path,
    cluster: 'test',
    contextIsCurrent: true,
    takenAt: NOW.toISOString(),
    backendServiceName: 'web',
    backend: backend(pods),
    nodes: Object.fromEntries(
      ['worker-1', 'worker-2', 'worker-3'].map((n) => [n, { value: node(n) }]),
    ),
    kubeProxy: kubeProxyOn(['worker-2']),
    namespaceLabels: {
      shop: { value: { 'kubernetes.io/metadata.name': 'shop' } },
      'ingress-nginx': { value: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
    },
    metrics: null,
    meta: { apiRequests: 20, durationMs: 50 },
  };
}

export function clusterIpSnapshot(pods: PodInfo[] = WEB_PODS): Snapshot {
  return {
    ...base(
      {
        kind: 'clusterip',
        namespace: 'shop',
        service: 'web',
        port: 80,
        client: { namespace: 'shop', pod: 'toolbox' },
        window: { minutes: 30 },
      },
      pods,
    ),
    client: { value: CLIENT },
    clientNetworkPolicies: { value: [] },
    dns: { value: dns() },
  };
}

export function nodePortSnapshot(
  pods: PodInfo[] = WEB_PODS,
  svcPatch: Partial<ServiceInfo> = {},
): Snapshot {
  const s = base(
    {
      kind: 'nodeport',
      namespace: 'shop',
      service: 'web',
      port: 80,
      node: 'worker-1',
      window: { minutes: 30 },
    },
    pods,
  );
  const svc = service({
    type: 'NodePort',
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30100 }],
    externalTrafficPolicy: 'Cluster',
    ...svcPatch,
  });
  return { ...s, backend: backend(pods, svc), kubeProxy: kubeProxyOn(['worker-1']) };
}

export function ingressSide(patch: Partial<IngressSide> = {}): IngressSide {
  const controller = [
    pod('ingress-nginx-a', '10.244.1.5', 'worker-1', {
      namespace: 'ingress-nginx',
      labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
    }),
  ];
  return {
    ingress: {
      value: {
        namespace: 'shop',
        name: 'web',
        className: 'nginx',
        rules: [
          {
            host: 'shop.example.com',
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'web', port: { name: 'http' } } },
              },
            ],
          },
        ],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
        loadBalancer: [{ ip: '203.0.113.7' }],
      },
    },
    ingressClass: { value: { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true } },
    controllerPods: { value: controller },
    controllerService: {
      value: service({
        namespace: 'ingress-nginx',
        name: 'ingress-nginx-controller',
        type: 'LoadBalancer',
        loadBalancerIngress: [{ ip: '203.0.113.7' }],
      }),
    },
    tls: {
      secrets: { 'shop-tls': { value: true } },
      certificates: { value: null },
      events: { value: [] },
    },
    ...patch,
  };
}

export function ingressSnapshot(
  pods: PodInfo[] = WEB_PODS,
  side: IngressSide = ingressSide(),
): Snapshot {
  const s = base(
    {
      kind: 'ingress',
      namespace: 'shop',
      ingress: 'web',
      host: 'shop.example.com',
      path: '/cart',
      window: { minutes: 30 },
    },
    pods,
  );
  return { ...s, ingress: side, kubeProxy: kubeProxyOn(['worker-1']) };
}

/** An Ingress path whose IngressClass names this controller (its profile decides the series read). */
export function servedBy(controller: string): Snapshot {
  return ingressSnapshot(undefined, {
    ...ingressSide(),
    ingressClass: { value: { name: 'edge', controller, isDefault: true } },
  });
}

// ---------------------------------------------------------------- Gateway API
const TRUE = (type: string, generation = 1) => ({
  type,
  status: 'True' as const,
  reason: type,
  observedGeneration: generation,
});

/** A healthy gateway path's Gateway API side: one route, one Gateway programmed, its class accepted. */
/** The Envoy proxies Envoy Gateway provisioned for Gateway infra/public. */
export const ENVOY_PODS: PodInfo[] = ['envoy-infra-public-7c9d-a', 'envoy-infra-public-7c9d-b'].map(
  (name, i) =>
    pod(name, `10.244.${i + 1}.30`, `worker-${i + 1}`, {
      namespace: 'envoy-gateway-system',
      labels: {
        'gateway.envoyproxy.io/owning-gateway-name': 'public',
        'gateway.envoyproxy.io/owning-gateway-namespace': 'infra',
      },
    }),
);

export function gatewaySide(patch: Partial<GatewaySide> = {}): GatewaySide {
  const ref = {
    group: 'gateway.networking.k8s.io',
    kind: 'Gateway',
    namespace: 'infra',
    name: 'public',
  };
  return {
    route: {
      value: {
        namespace: 'shop',
        name: 'web',
        generation: 1,
        parentRefs: [ref],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [] }],
            backendRefs: [
              { group: '', kind: 'Service', namespace: 'shop', name: 'web', port: 80, weight: 1 },
            ],
          },
        ],
        parents: [
          {
            parentRef: ref,
            controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
            conditions: [TRUE('Accepted'), TRUE('ResolvedRefs')],
          },
        ],
      },
    },
    parents: [
      {
        ref,
        gateway: {
          value: {
            namespace: 'infra',
            name: 'public',
            generation: 1,
            className: 'eg',
            listeners: [
              {
                name: 'http',
                hostname: '*.example.com',
                port: 80,
                protocol: 'HTTP',
                allowedNamespaces: 'All',
              },
            ],
            addresses: ['203.0.113.10'],
            conditions: [TRUE('Accepted'), TRUE('Programmed')],
            listenerStatus: [
              {
                name: 'http',
                attachedRoutes: 1,
                conditions: [TRUE('Accepted'), TRUE('Programmed'), TRUE('ResolvedRefs')],
              },
            ],
          },
        },
        gatewayClass: {
          value: {
            name: 'eg',
            controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
            generation: 1,
            conditions: [TRUE('Accepted')],
          },
        },
        dataPlanePods: { value: ENVOY_PODS },
        dataPlaneService: {
          value: service({
            namespace: 'envoy-gateway-system',
            name: 'envoy-infra-public-3b8a6f1c',
            type: 'LoadBalancer',
            clusterIP: '10.96.40.10',
            ports: [{ name: 'http-80', port: 80, targetPort: 10080, protocol: 'TCP' }],
            loadBalancerIngress: [{ ip: '203.0.113.10' }],
          }),
        },
      },
    ],
    referenceGrants: {},
    ...patch,
  };
}

export function gatewaySnapshot(
  pods: PodInfo[] = WEB_PODS,
  side: GatewaySide = gatewaySide(),
): Snapshot {
  const s = base(
    {
      kind: 'gateway',
      namespace: 'shop',
      httproute: 'web',
      host: 'shop.example.com',
      path: '/cart',
      window: { minutes: 30 },
    },
    pods,
  );
  return {
    ...s,
    gateway: side,
    kubeProxy: { value: { daemonSetFound: true, mode: 'iptables', podsByNode: {} } },
  };
}

// ---------------------------------------------------------------- metrics
const END = Math.floor(NOW.getTime() / 1000);
const START = END - 1800;

/** A query result with one series per entry; each series gets its values one step apart, ending at NOW. */
export function result(
  id: MetricId,
  unit: Unit,
  series: { labels?: Record<string, string>; values: number[] }[],
  kind: 'range' | 'instant' = 'range',
): Gathered<MetricQueryResult> {
  return {
    value: {
      id,
      title: id,
      unit,
      promql: `promql_for_${id.replace(/\W/g, '_')}`,
      kind,
      start: START,
      end: END,
      step: 60,
      warnings: [],
      series: series.map((x) => ({
        labels: x.labels ?? {},
        points: x.values.map((v, i) => ({ t: END - (x.values.length - 1 - i) * 60, v })),
      })),
    },
  };
}

/** Results by typed query id: a fixture cannot name a query no step runs. */
type MetricResults = Partial<Record<MetricId, Gathered<MetricQueryResult>>>;

const flat = (v: number, n = 30) => Array.from({ length: n }, () => v);
const perNode = (v: number) =>
  ['worker-1', 'worker-2', 'worker-3'].map((n) => ({ labels: { instance: n }, values: flat(v) }));
const perPod = (v: number) => WEB_PODS.map((p) => ({ labels: { pod: p.name }, values: flat(v) }));

export function healthyMetricResults(): MetricResults {
  return {
    'golden.presence.micrometer.direct': result(
      'golden.presence.micrometer.direct',
      'count',
      [{ values: [3] }],
      'instant',
    ),
    'golden.rate': result('golden.rate', 'reqps', [{ values: flat(20) }]),
    'golden.rate.1d': result('golden.rate.1d', 'reqps', [{ values: flat(20) }]),
    'golden.rate.1h': result('golden.rate.1h', 'reqps', [{ values: flat(20) }]),
    'golden.errors': result('golden.errors', 'ratio', [{ values: flat(0.0004) }]),
    'golden.errors.1d': result('golden.errors.1d', 'ratio', [{ values: flat(0.0004) }]),
    'golden.errors.1h': result('golden.errors.1h', 'ratio', [{ values: flat(0.0004) }]),
    'golden.p99': result('golden.p99', 'seconds', [{ values: flat(0.2) }]),
    'golden.p99.1d': result('golden.p99.1d', 'seconds', [{ values: flat(0.2) }]),
    'golden.p99.1h': result('golden.p99.1h', 'seconds', [{ values: flat(0.2) }]),
    'golden.p50': result('golden.p50', 'seconds', [{ values: flat(0.04) }]),
    'node.cpu': result('node.cpu', 'ratio', perNode(0.3)),
    'node.memory': result('node.memory', 'ratio', perNode(0.4)),
    'node.conntrack': result('node.conntrack', 'ratio', perNode(0.05)),
    'node.net_errors': result('node.net_errors', 'count', perNode(0)),
    'node.listen_overflows': result('node.listen_overflows', 'count', perNode(0)),
    'node.psi_cpu': result('node.psi_cpu', 'ratio', perNode(0.01)),
    'node.containers': result(
      'node.containers',
      'count',
      WEB_PODS.map((p) => ({
        labels: { namespace: 'shop', pod: p.name, node: p.nodeName! },
        values: [1],
      })),
      'instant',
    ),
    'pod.throttling': result('pod.throttling', 'ratio', perPod(0.01)),
    'pod.memory': result('pod.memory', 'ratio', perPod(0.5)),
    'pod.restarts': result(
      'pod.restarts',
      'count',
      perPod(0).map((x) => ({ ...x, values: [0] })),
      'instant',
    ),
    'dns.requests': result('dns.requests', 'reqps', [{ values: flat(100) }]),
    'dns.servfail': result('dns.servfail', 'ratio', [{ values: flat(0) }]),
    'dns.nxdomain': result('dns.nxdomain', 'ratio', [{ values: flat(0.02) }]),
    'dns.refused': result('dns.refused', 'ratio', [{ values: flat(0) }]),
    'dns.p99': result('dns.p99', 'seconds', [{ values: flat(0.004) }]),
    'dns.panics': result('dns.panics', 'count', [{ values: [0] }], 'instant'),
    'dns.forward_failures': result('dns.forward_failures', 'count', [{ values: [0] }], 'instant'),
    'dns.cache_hits': result('dns.cache_hits', 'ratio', [{ values: flat(0.8) }]),
    'kp.rule_age': result(
      'kp.rule_age',
      'seconds',
      [
        { labels: { instance: 'worker-2' }, values: [20] },
        { labels: { instance: '10.0.0.1:10249' }, values: [25] },
      ],
      'instant',
    ),
    'kp.sync_p99': result('kp.sync_p99', 'seconds', [
      { labels: { instance: 'worker-2' }, values: flat(0.02) },
    ]),
    'kp.restore_failures': result(
      'kp.restore_failures',
      'count',
      [{ labels: { instance: 'worker-2' }, values: [0] }],
      'instant',
    ),
    'kp.programming_p99': result('kp.programming_p99', 'seconds', [
      { labels: { instance: 'worker-2' }, values: flat(0.5) },
    ]),
    'kp.no_local_endpoints': result(
      'kp.no_local_endpoints',
      'count',
      [{ labels: { instance: 'worker-2' }, values: [0] }],
      'instant',
    ),
    'ing.presence.direct': result('ing.presence.direct', 'count', [{ values: [6] }], 'instant'),
    'gw.5xx': result('gw.5xx', 'ratio', [{ values: flat(0) }]),
    'gw.upstream_p99': result('gw.upstream_p99', 'seconds', [{ values: flat(0.09) }]),
    'gw.upstream_p99.1d': result('gw.upstream_p99.1d', 'seconds', [{ values: flat(0.09) }]),
    'gw.connect_fail': result('gw.connect_fail', 'count', [{ values: flat(0) }]),
    'ing.5xx': result('ing.5xx', 'ratio', [{ values: flat(0) }]),
    'ing.4xx': result('ing.4xx', 'ratio', [{ values: flat(0.003) }]),
    'ing.request_p99': result('ing.request_p99', 'seconds', [{ values: flat(0.1) }]),
    'ing.response_p99': result('ing.response_p99', 'seconds', [{ values: flat(0.09) }]),
    'ing.response_p99.1d': result('ing.response_p99.1d', 'seconds', [{ values: flat(0.09) }]),
    'ing.connect_p99': result('ing.connect_p99', 'seconds', [{ values: flat(0.002) }]),
    'ing.orphan': result('ing.orphan', 'count', [], 'instant'),
    'ing.reload_ok': result(
      'ing.reload_ok',
      'count',
      [{ labels: { controller_pod: 'ingress-nginx-a' }, values: [1] }],
      'instant',
    ),
    'ing.cert_expiry': result('ing.cert_expiry', 'seconds', [{ values: [60 * 86400] }], 'instant'),
  };
}

function definedOnly(results: MetricResults): MetricsSide['results'] {
  const entries = Object.entries(results).filter(
    (e): e is [string, Gathered<MetricQueryResult>] => e[1] !== undefined,
  );
  return Object.fromEntries(entries);
}

export function withMetrics(
  s: Snapshot,
  patch: MetricResults = {},
  side: Partial<MetricsSide> = {},
): Snapshot {
  return {
    ...s,
    metrics: {
      window: { start: START, end: END, step: 60 },
      goldenProfile: 'micrometer',
      goldenLayout: 'direct',
      goldenProfilesTried: ['micrometer', 'prometheus-client', 'ingress-nginx', 'istio', 'linkerd'],
      layouts: s.path.kind === 'ingress' ? { ingress: 'direct' } : {},
      results: definedOnly({ ...healthyMetricResults(), ...patch }),
      orphanedContainers: { value: [] },
      queries: 40,
      ...side,
    },
  };
}
