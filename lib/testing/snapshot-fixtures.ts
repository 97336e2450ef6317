// Snapshot fixtures for check tests: a healthy 3-node cluster as the collector would have
// gathered it, and small builders to break one thing at a time.
import type { AccessPath } from '@/lib/model/path';
import type {
  BackendSide, Condition, DnsInfo, EndpointSliceInfo, IngressSide, NodeInfo, PodInfo, ServiceInfo, Snapshot,
} from '@/lib/model/snapshot';

export const NOW = new Date('2026-11-23T12:00:00Z');
export const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;

export function node(name: string, patch: Partial<NodeInfo> = {}): NodeInfo {
  const c = (type: string, status: Condition['status']): Condition => ({ type, status, lastTransitionTime: ago(30 * 24 * 60 * MIN), lastHeartbeatTime: ago(10_000) });
  return {
    name, unschedulable: false, taints: [], internalIP: '10.0.0.1', leaseRenewTime: ago(5_000),
    conditions: [c('Ready', 'True'), c('MemoryPressure', 'False'), c('DiskPressure', 'False'), c('PIDPressure', 'False')],
    ...patch,
  };
}

export function pod(name: string, ip: string, nodeName: string, patch: Partial<PodInfo> = {}): PodInfo {
  return {
    namespace: 'shop', name, uid: `uid-${name}`, labels: { app: 'web' }, nodeName, phase: 'Running', podIP: ip, hostNetwork: false, ready: true,
    conditions: [{ type: 'Ready', status: 'True' }, { type: 'PodScheduled', status: 'True' }],
    containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], ready: true, restartCount: 0, state: 'running', startedAt: ago(2 * 24 * 60 * MIN) }],
    startTime: ago(2 * 24 * 60 * MIN), dnsPolicy: 'ClusterFirst', dnsNameservers: [],
    ...patch,
  };
}

export function notReady(p: PodInfo): PodInfo {
  return { ...p, ready: false, conditions: p.conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c)), containers: p.containers.map((c) => ({ ...c, ready: false })) };
}

export function service(patch: Partial<ServiceInfo> = {}): ServiceInfo {
  return {
    namespace: 'shop', name: 'web', type: 'ClusterIP', clusterIP: '10.96.20.10', selector: { app: 'web' },
    ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }], publishNotReadyAddresses: false, loadBalancerIngress: [],
    ...patch,
  };
}

export function sliceFor(pods: PodInfo[], portName = 'http'): EndpointSliceInfo {
  return {
    name: 'web-abc', addressType: 'IPv4', ports: [{ name: portName, port: 8080, protocol: 'TCP' }],
    endpoints: pods.filter((p) => p.podIP).map((p) => ({ addresses: [p.podIP!], ready: p.ready, serving: p.ready, terminating: false, nodeName: p.nodeName, targetRef: { kind: 'Pod', namespace: p.namespace, name: p.name, uid: p.uid } })),
  };
}

export function backend(pods: PodInfo[], svc: ServiceInfo = service()): BackendSide {
  const slice = sliceFor(pods);
  return {
    service: { value: svc },
    pods: { value: pods },
    nearMisses: { value: [] },
    endpointSlices: { value: [slice] },
    ipHolders: Object.fromEntries(pods.filter((p) => p.podIP).map((p) => [p.podIP!, { value: [{ namespace: p.namespace, name: p.name, uid: p.uid, nodeName: p.nodeName, phase: p.phase, deleting: false }] }])),
    events: { value: [] },
    networkPolicies: { value: [] },
  };
}

export function dns(patch: Partial<DnsInfo> = {}): DnsInfo {
  const pods = [pod('coredns-a', '10.244.1.2', 'worker-1', { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }), pod('coredns-b', '10.244.2.2', 'worker-2', { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } })];
  return {
    service: service({ namespace: 'kube-system', name: 'kube-dns', clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' }] }),
    endpointSlices: [sliceFor(pods, 'dns')],
    pods,
    corefile: '.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n    }\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n}\n',
    ...patch,
  };
}

export const WEB_PODS = [pod('web-1', '10.244.1.10', 'worker-1'), pod('web-2', '10.244.2.10', 'worker-2'), pod('web-3', '10.244.3.10', 'worker-3')];
const CLIENT = pod('toolbox', '10.244.2.20', 'worker-2', { labels: { app: 'toolbox' } });

function kubeProxyOn(nodes: string[]): Snapshot['kubeProxy'] {
  return { value: { daemonSetFound: true, mode: 'iptables', podsByNode: Object.fromEntries(nodes.map((n) => [n, [pod(`kube-proxy-${n}`, '10.0.0.1', n, { namespace: 'kube-system', hostNetwork: true })]])) } };
}

function base(path: AccessPath, pods: PodInfo[]): Snapshot {
  return {
    schema: 1, path, cluster: 'test', takenAt: NOW.toISOString(), backendServiceName: 'web',
    backend: backend(pods),
    nodes: Object.fromEntries(['worker-1', 'worker-2', 'worker-3'].map((n) => [n, { value: node(n) }])),
    kubeProxy: kubeProxyOn(['worker-2']),
    namespaceLabels: { shop: { value: { 'kubernetes.io/metadata.name': 'shop' } }, 'ingress-nginx': { value: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
    meta: { apiRequests: 20, durationMs: 50 },
  };
}

export function clusterIpSnapshot(pods: PodInfo[] = WEB_PODS): Snapshot {
  return { ...base({ kind: 'clusterip', namespace: 'shop', service: 'web', port: 80, client: { namespace: 'shop', pod: 'toolbox' }, window: { minutes: 30 } }, pods), client: { value: CLIENT }, dns: { value: dns() } };
}

export function nodePortSnapshot(pods: PodInfo[] = WEB_PODS, svcPatch: Partial<ServiceInfo> = {}): Snapshot {
  const s = base({ kind: 'nodeport', namespace: 'shop', service: 'web', port: 80, node: 'worker-1', window: { minutes: 30 } }, pods);
  const svc = service({ type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30100 }], externalTrafficPolicy: 'Cluster', ...svcPatch });
  return { ...s, backend: backend(pods, svc), kubeProxy: kubeProxyOn(['worker-1']) };
}

export function ingressSide(patch: Partial<IngressSide> = {}): IngressSide {
  const controller = [pod('ingress-nginx-a', '10.244.1.5', 'worker-1', { namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx' } })];
  return {
    ingress: { value: { namespace: 'shop', name: 'web', className: 'nginx', rules: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] }], tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }], loadBalancer: [{ ip: '203.0.113.7' }] } },
    ingressClass: { value: { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true } },
    controllerPods: { value: controller },
    controllerService: { value: service({ namespace: 'ingress-nginx', name: 'ingress-nginx-controller', type: 'LoadBalancer', loadBalancerIngress: [{ ip: '203.0.113.7' }] }) },
    tlsSecrets: { 'shop-tls': { value: true } },
    ...patch,
  };
}

export function ingressSnapshot(pods: PodInfo[] = WEB_PODS, side: IngressSide = ingressSide()): Snapshot {
  const s = base({ kind: 'ingress', namespace: 'shop', ingress: 'web', host: 'shop.example.com', path: '/cart', window: { minutes: 30 } }, pods);
  return { ...s, ingress: side, kubeProxy: kubeProxyOn(['worker-1']) };
}
