import 'server-only';
// Gathers what the six steps need for one path into a Snapshot. It asks narrowly — by name,
// label selector or field selector — never for all pods of the cluster, and a failed request
// becomes a SourceIssue in the snapshot while the rest goes on.
import type { V1Lease, V1Node, V1Pod } from '@kubernetes/client-node';
import type { AccessPath } from '@/lib/model/path';
import {
  gatheredValue,
  SNAPSHOT_SCHEMA,
  isGathered,
  notRead,
  unreadBackend,
  type BackendSide,
  type DnsInfo,
  type Gathered,
  type IngressSide,
  type KubeProxyInfo,
  type LogTail,
  type NearMissPod,
  type NodeInfo,
  type PartialRead,
  type PodInfo,
  type ReplicaSetInfo,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import { matchIngress } from '@/lib/model/ingress-match';
import type { GatewaySide } from '@/lib/model/gateway';
import { collectGateway } from './collect-gateway';
import { selectorString } from '@/lib/model/labels';
import { profileForController } from '@/lib/profiles/ingress-controllers';
import { collectControllerPods } from './controller-pods';
import { logReadRefusal, refusedLogTails } from './log-access';
import { gatherList, gatherOne, gatherPagedList, type KubeApis, type PagedList } from './api';
import { IP_LOOKUP_ORDER, ipLookupPlan } from './ip-lookups';
import { Semaphore } from '@/lib/sources/concurrency';
import { collectTlsEvidence, type TlsReadOptions } from './tls-evidence';
import {
  toEndpointSlice,
  toEventInfo,
  toIngressClass,
  toIngressInfo,
  toNetworkPolicy,
  toNodeInfo,
  toPodInfo,
  toPodIpHolder,
  toReplicaSetInfo,
  toServiceInfo,
  writesOf,
} from './adapt';

/** Endpoint addresses looked up for other holders (one cluster-wide LIST each), and how many at once. */
export const MAX_IP_LOOKUPS = 12;
const IP_LOOKUP_CONCURRENCY = 4;
/** Backend pods read (in pages); a bigger Service is examined on its first ones, said so. */
export const MAX_BACKEND_PODS = 1000;
/** Nodes of the path examined; more are said "checked N of M". */
export const MAX_PATH_NODES = 60;
/** Up to this many nodes are read by name (Node and Lease GETs); more by LISTs. */
export const NODE_GETS_UP_TO = 4;
/** Node names per `kubernetes.io/hostname in (…)` LIST: a short URL, a small answer. */
const NODES_PER_LIST = 30;
/** Node Leases (heartbeats) are read, one GET each, for at most this many nodes of the path. */
export const MAX_LEASE_NODES = 8;
/** kube-proxy is examined on at most this many nodes of the path, one small LIST each. */
export const MAX_KUBE_PROXY_NODES = 8;
/** Warning events of the namespace's pods read per diagnosis (one page). */
const EVENT_LIMIT = 500;
/** Deployments keep 10 old ReplicaSets by default (revisionHistoryLimit): a few more, bounded. */
const MAX_REPLICA_SETS = 50;

async function collectBackend(
  api: KubeApis,
  namespace: string,
  serviceName: string,
  readLogs: boolean,
): Promise<BackendSide> {
  const o = api.options;
  const service = await gatherOne(
    `get Service ${namespace}/${serviceName}`,
    () => api.core.readNamespacedService({ namespace, name: serviceName }, o),
    toServiceInfo,
  );
  const svc = gatheredValue(service) ?? null;
  const selector = svc?.selector ?? {};
  const hasSelector = Object.keys(selector).length > 0;
  // Without the Service there is no selector: its pods are unknown, not "none".
  const unread = 'issue' in service ? service.issue : undefined;

  const [podList, endpointSlices, events, networkPolicies, replicaSets] = await Promise.all([
    unread
      ? Promise.resolve<Gathered<PagedList<PodInfo>>>({
          issue: notRead(`list the pods of Service ${namespace}/${serviceName}`, unread),
        })
      : hasSelector
        ? gatherPagedList(
            `list pods in ${namespace} with ${selectorString(selector)}`,
            (page) =>
              api.core.listNamespacedPod(
                { namespace, labelSelector: selectorString(selector), ...page },
                o,
              ),
            toPodInfo,
            { maxItems: MAX_BACKEND_PODS },
          )
        : Promise.resolve<Gathered<PagedList<PodInfo>>>({ value: { items: [] } }),
    gatherList(
      `list EndpointSlices of ${namespace}/${serviceName}`,
      () =>
        api.discovery.listNamespacedEndpointSlice(
          { namespace, labelSelector: `kubernetes.io/service-name=${serviceName}` },
          o,
        ),
      (l) => l.items.map(toEndpointSlice),
    ),
    gatherList(
      `list Warning events of pods in ${namespace}`,
      () =>
        api.core.listNamespacedEvent(
          // Every Warning about a pod (probes, sandboxes, mounts…), newest kept, bounded.
          { namespace, fieldSelector: 'involvedObject.kind=Pod,type=Warning', limit: EVENT_LIMIT },
          o,
        ),
      (l) => l.items.map(toEventInfo),
    ),
    gatherList(
      `list NetworkPolicies in ${namespace}`,
      () => api.networking.listNamespacedNetworkPolicy({ namespace }, o),
      (l) => l.items.map(toNetworkPolicy),
    ),
    // The workload's rollouts: its ReplicaSets carry the pods' labels, so the selector finds them.
    unread || !hasSelector
      ? Promise.resolve<Gathered<ReplicaSetInfo[]>>({ value: [] })
      : gatherList(
          `list ReplicaSets in ${namespace} with ${selectorString(selector)}`,
          () =>
            api.apps.listNamespacedReplicaSet(
              { namespace, labelSelector: selectorString(selector), limit: MAX_REPLICA_SETS },
              o,
            ),
          (l) => l.items.map(toReplicaSetInfo),
        ),
  ]);

  const pods: Gathered<PodInfo[]> = isGathered(podList) ? { value: podList.value.items } : podList;
  const podsPartial = gatheredValue(podList)?.truncated;
  const nearMisses: Gathered<NearMissPod[]> = unread
    ? { issue: notRead('look for pods that almost match the selector', unread) }
    : hasSelector && isGathered(pods) && pods.value.length === 0
      ? await collectNearMisses(api, namespace, selector)
      : { value: [] };

  const plan = ipLookupPlan(gatheredValue(endpointSlices) ?? [], gatheredValue(pods) ?? []);
  const ipHolders: BackendSide['ipHolders'] = {};
  const lookups = new Semaphore(IP_LOOKUP_CONCURRENCY);
  await Promise.all(
    plan.lookups.slice(0, MAX_IP_LOOKUPS).map((ip) =>
      lookups.run(async () => {
        ipHolders[ip] = await gatherList(
          `list pods with status.podIP=${ip}`,
          () => api.core.listPodForAllNamespaces({ fieldSelector: `status.podIP=${ip}` }, o),
          (l) =>
            l.items
              .filter((p: V1Pod) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed')
              .map(toPodIpHolder),
        );
      }),
    ),
  );

  // The caller's right to read logs is asked in the backend's own namespace, which on a gateway
  // path may not be the route's.
  const refusal = readLogs ? await logReadRefusal(api, namespace) : null;
  const logTails = !readLogs
    ? undefined
    : refusal
      ? refusedLogTails(gatheredValue(pods) ?? [], refusal)
      : await collectLogTails(api, gatheredValue(pods) ?? []);
  return {
    service,
    pods,
    ...(podsPartial
      ? {
          podsPartial: {
            checked: podsPartial.read,
            ...(podsPartial.total ? { of: podsPartial.total } : {}),
          },
        }
      : {}),
    nearMisses,
    endpointSlices,
    ipHolders,
    ...(plan.lookups.length > MAX_IP_LOOKUPS || plan.quiet.length > 0
      ? { ipLookups: { order: IP_LOOKUP_ORDER } }
      : {}),
    events,
    networkPolicies,
    replicaSets,
    ...(logTails ? { logTails } : {}),
  };
}

/** Lines read from the end of each log: enough to see the container's usual gap between writes. */
export const LOG_TAIL_LINES = 20;
const MAX_LOG_PODS = 10;

export function summarizeLogTail(container: string, text: string): LogTail {
  // With timestamps=true every line starts with its RFC 3339 time; the content is not kept.
  const times = text
    .split('\n')
    .map((l) => Date.parse(l.split(' ', 1)[0] ?? ''))
    .filter((t) => Number.isFinite(t));
  const gaps = times
    .slice(1)
    .map((t, i) => (t - times[i]!) / 1000)
    .sort((a, b) => a - b);
  return {
    container,
    lines: times.length,
    lastAt: times.length ? new Date(times[times.length - 1]!).toISOString() : null,
    medianGapSeconds: gaps.length ? gaps[Math.floor(gaps.length / 2)]! : null,
  };
}

async function collectLogTails(
  api: KubeApis,
  pods: PodInfo[],
): Promise<Record<string, Gathered<LogTail>>> {
  const out: Record<string, Gathered<LogTail>> = {};
  for (const pod of pods.filter((p) => p.phase === 'Running').slice(0, MAX_LOG_PODS)) {
    const container = pod.containers[0]?.name ?? '';
    out[pod.name] = await gatherList(
      `read the last ${LOG_TAIL_LINES} log lines of ${pod.namespace}/${pod.name}`,
      () =>
        api.core.readNamespacedPodLog(
          {
            namespace: pod.namespace,
            name: pod.name,
            container,
            tailLines: LOG_TAIL_LINES,
            timestamps: true,
          },
          api.options,
        ),
      (text) => summarizeLogTail(container, String(text)),
    );
  }
  return out;
}

/** Pods that match all of the selector but one label: the usual typo or stale label. */
async function collectNearMisses(
  api: KubeApis,
  namespace: string,
  selector: Record<string, string>,
): Promise<Gathered<NearMissPod[]>> {
  const found = new Map<string, NearMissPod>();
  for (const [key, want] of Object.entries(selector)) {
    const rest = Object.fromEntries(Object.entries(selector).filter(([k]) => k !== key));
    const query = Object.keys(rest).length > 0 ? selectorString(rest) : key;
    const result = await gatherList(
      `list pods in ${namespace} with ${query}`,
      () => api.core.listNamespacedPod({ namespace, labelSelector: query, limit: 20 }, api.options),
      (l) => l.items,
    );
    if (!isGathered(result)) return { issue: result.issue };
    for (const pod of result.value) {
      const has = pod.metadata?.labels?.[key] ?? null;
      const name = pod.metadata?.name ?? '';
      if (has !== want && !found.has(name)) found.set(name, { name, labelKey: key, want, has });
    }
  }
  return { value: [...found.values()] };
}

function renewTime(lease: V1Lease): string | null {
  const t = lease.spec?.renewTime as Date | string | undefined;
  return t ? new Date(t).toISOString() : null;
}

async function collectNode(api: KubeApis, name: string): Promise<Gathered<NodeInfo | null>> {
  const [node, lease] = await Promise.all([
    gatherOne(
      `get Node ${name}`,
      () => api.core.readNode({ name }, api.options),
      (n) => n,
    ),
    gatherOne(
      `get Lease kube-node-lease/${name}`,
      () =>
        api.coordination.readNamespacedLease({ namespace: 'kube-node-lease', name }, api.options),
      renewTime,
    ),
  ]);
  if (!isGathered(node)) return node;
  if (!node.value) return { value: null };
  const info = toNodeInfo(node.value, gatheredValue(lease) ?? null);
  return { value: 'issue' in lease ? { ...info, leaseUnread: lease.issue } : info };
}

/**
 * The nodes of the path: a few by name (two GETs each); more through LISTs by their hostname
 * label, 30 names each, with the Leases (heartbeats) of the first MAX_LEASE_NODES by name, so that
 * what is read follows the path, not the cluster (a LIST of kube-node-lease holds every node). A
 * node no complete LIST holds (its hostname label may differ from its name) is read by name, a few
 * of them; the rest are counted as not examined.
 */
async function collectNodes(
  api: KubeApis,
  names: string[],
): Promise<{ nodes: Snapshot['nodes']; partial?: PartialRead }> {
  const examined = names.slice(0, MAX_PATH_NODES);
  const nodes: Snapshot['nodes'] = {};
  if (examined.length <= NODE_GETS_UP_TO) {
    await Promise.all(
      examined.map(async (n) => {
        nodes[n] = await collectNode(api, n);
      }),
    );
    return { nodes };
  }
  const o = api.options;
  const chunks: string[][] = [];
  for (let i = 0; i < examined.length; i += NODES_PER_LIST)
    chunks.push(examined.slice(i, i + NODES_PER_LIST));
  const leaseNames = examined.slice(0, MAX_LEASE_NODES);
  const [nodeLists, leaseReads] = await Promise.all([
    Promise.all(
      chunks.map((chunk) =>
        gatherList(
          `list Nodes by hostname (${chunk.length})`,
          () =>
            api.core.listNode(
              { labelSelector: `kubernetes.io/hostname in (${chunk.join(',')})` },
              o,
            ),
          (l) => l.items,
        ),
      ),
    ),
    Promise.all(
      leaseNames.map((name) =>
        gatherOne(
          `get Lease kube-node-lease/${name}`,
          () => api.coordination.readNamespacedLease({ namespace: 'kube-node-lease', name }, o),
          renewTime,
        ),
      ),
    ),
  ]);
  const byName = new Map<string, V1Node>();
  chunks.forEach((chunk, i) => {
    const list = nodeLists[i]!;
    if (!isGathered(list)) for (const n of chunk) nodes[n] = { issue: list.issue };
    else for (const n of list.value) byName.set(n.metadata?.name ?? '', n);
  });
  const leases = new Map(leaseNames.map((name, i) => [name, leaseReads[i]!]));
  const unmatched: string[] = [];
  for (const name of examined) {
    if (nodes[name]) continue;
    const node = byName.get(name);
    if (!node) {
      unmatched.push(name);
      continue;
    }
    const lease = leases.get(name);
    nodes[name] = {
      value: !lease
        ? { ...toNodeInfo(node, null), leaseNotExamined: true }
        : 'issue' in lease
          ? { ...toNodeInfo(node, null), leaseUnread: lease.issue }
          : toNodeInfo(node, lease.value ?? null),
    };
  }
  await Promise.all(
    unmatched.slice(0, NODE_GETS_UP_TO).map(async (n) => {
      nodes[n] = await collectNode(api, n);
    }),
  );
  const checked = Object.keys(nodes).length;
  return checked < names.length ? { nodes, partial: { checked, of: names.length } } : { nodes };
}

async function collectKubeProxy(api: KubeApis, nodes: string[]): Promise<Gathered<KubeProxyInfo>> {
  const o = api.options;
  const [daemonSet, config] = await Promise.all([
    gatherOne(
      'get DaemonSet kube-system/kube-proxy',
      () => api.apps.readNamespacedDaemonSet({ namespace: 'kube-system', name: 'kube-proxy' }, o),
      (ds) => writesOf(ds.metadata),
    ),
    gatherOne(
      'get ConfigMap kube-system/kube-proxy',
      () => api.core.readNamespacedConfigMap({ namespace: 'kube-system', name: 'kube-proxy' }, o),
      (cm) => ({
        mode: /^\s*mode:\s*"?([a-z]*)"?/m.exec(cm.data?.['config.conf'] ?? '')?.[1] ?? '',
        writes: writesOf(cm.metadata),
      }),
    ),
  ]);
  if (!isGathered(daemonSet)) return { issue: daemonSet.issue };
  const found = await findKubeProxyPods(api, nodes);
  if (!isGathered(found)) return found;
  const { pods, examined } = found.value;
  const podsByNode: Record<string, PodInfo[]> = {};
  for (const node of examined) podsByNode[node] = pods.filter((p) => p.nodeName === node);
  const checked = Object.keys(podsByNode).length;
  return {
    value: {
      podsByNode,
      ...(checked < nodes.length ? { partial: { checked, of: nodes.length } } : {}),
      daemonSetFound: daemonSet.value !== null,
      mode: gatheredValue(config)?.mode ?? null,
      daemonSetWrites: daemonSet.value ?? [],
      configWrites: gatheredValue(config)?.writes ?? [],
    },
  };
}

/**
 * kube-proxy pods of the given nodes, by `spec.nodeName` (an indexed field): one small LIST per
 * node, on the first MAX_KUBE_PROXY_NODES (the nodes traffic enters or leaves by, then those of
 * pods in trouble), so that what is read does not grow with the cluster or the Service.
 */
async function findKubeProxyPods(
  api: KubeApis,
  nodes: string[],
): Promise<Gathered<{ pods: PodInfo[]; examined: string[] }>> {
  const o = api.options;
  const labelSelector = 'k8s-app=kube-proxy';
  const examined = nodes.slice(0, MAX_KUBE_PROXY_NODES);
  const perNode = await Promise.all(
    examined.map((node) =>
      gatherList(
        `list kube-proxy pods on ${node}`,
        () =>
          api.core.listNamespacedPod(
            { namespace: 'kube-system', labelSelector, fieldSelector: `spec.nodeName=${node}` },
            o,
          ),
        (l) => l.items.map(toPodInfo),
      ),
    ),
  );
  const failed = perNode.find((g) => !isGathered(g));
  if (failed && 'issue' in failed) return { issue: failed.issue };
  return { value: { pods: perNode.flatMap((g) => gatheredValue(g) ?? []), examined } };
}

async function collectDns(api: KubeApis): Promise<Gathered<DnsInfo>> {
  const o = api.options;
  const ns = 'kube-system';
  const [service, slices, pods, corefile] = await Promise.all([
    gatherOne(
      'get Service kube-system/kube-dns',
      () => api.core.readNamespacedService({ namespace: ns, name: 'kube-dns' }, o),
      toServiceInfo,
    ),
    gatherList(
      'list EndpointSlices of kube-system/kube-dns',
      () =>
        api.discovery.listNamespacedEndpointSlice(
          { namespace: ns, labelSelector: 'kubernetes.io/service-name=kube-dns' },
          o,
        ),
      (l) => l.items.map(toEndpointSlice),
    ),
    gatherList(
      'list CoreDNS pods (k8s-app=kube-dns)',
      () => api.core.listNamespacedPod({ namespace: ns, labelSelector: 'k8s-app=kube-dns' }, o),
      (l) => l.items.map(toPodInfo),
    ),
    gatherOne(
      'get ConfigMap kube-system/coredns',
      () => api.core.readNamespacedConfigMap({ namespace: ns, name: 'coredns' }, o),
      (cm) => ({ corefile: cm.data?.Corefile ?? null, writes: writesOf(cm.metadata) }),
    ),
  ]);
  for (const g of [service, slices, pods, corefile] as Gathered<unknown>[])
    if ('issue' in g) return { issue: g.issue };
  return {
    value: {
      service: gatheredValue(service) ?? null,
      endpointSlices: gatheredValue(slices) ?? [],
      pods: gatheredValue(pods) ?? [],
      corefile: gatheredValue(corefile)?.corefile ?? null,
      corefileWrites: gatheredValue(corefile)?.writes ?? [],
    },
  };
}

async function collectIngress(
  api: KubeApis,
  path: Extract<AccessPath, { kind: 'ingress' }>,
  tlsOptions: TlsReadOptions,
): Promise<{ side: IngressSide; backendService: string | null }> {
  const o = api.options;
  const ingress = await gatherOne(
    `get Ingress ${path.namespace}/${path.ingress}`,
    () =>
      api.networking.readNamespacedIngress({ namespace: path.namespace, name: path.ingress }, o),
    toIngressInfo,
  );
  const ing = gatheredValue(ingress) ?? null;
  const match = ing ? matchIngress(ing, path.host, path.path) : null;
  const className = ing?.className ?? ing?.annotationClass;
  // An Ingress that could not be read names no class, no controller, no backend: all unknown.
  const unread = 'issue' in ingress ? ingress.issue : undefined;

  const ingressClass: IngressSide['ingressClass'] = unread
    ? { issue: notRead('read the IngressClass the Ingress names', unread) }
    : !ing
      ? { value: null }
      : className
        ? await gatherOne(
            `get IngressClass ${className}`,
            () => api.networking.readIngressClass({ name: className }, o),
            toIngressClass,
          )
        : await gatherList(
            'list IngressClasses (for the default)',
            () => api.networking.listIngressClass({}, o),
            (l) => l.items.map(toIngressClass).find((c) => c.isDefault) ?? null,
          );
  const profile =
    isGathered(ingressClass) && ingressClass.value
      ? profileForController(ingressClass.value.controller)
      : undefined;

  const classUnread = 'issue' in ingressClass ? ingressClass.issue : undefined;
  const [controllerPods, controllerService]: [
    IngressSide['controllerPods'],
    IngressSide['controllerService'],
  ] = classUnread
    ? [
        { issue: notRead('list the ingress controller pods', classUnread) },
        { issue: notRead("read the ingress controller's Service", classUnread) },
      ]
    : profile
      ? await collectControllerPods(api, profile)
      : [{ value: [] as PodInfo[] }, { value: null }];

  // TLS evidence without reading Secrets unless the server allows it (tls-evidence.ts).
  const tls = ing ? await collectTlsEvidence(api, ing, tlsOptions) : null;
  return {
    side: { ingress, ingressClass, controllerPods, controllerService, tls },
    backendService: match?.backend.service?.name ?? null,
  };
}

function uniq(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
}

export async function collectSnapshot(
  api: KubeApis,
  path: AccessPath,
  cluster: string,
  now: Date,
  options: { readLogs?: boolean; tls?: TlsReadOptions } = {},
): Promise<Snapshot> {
  const started = Date.now();
  const o = api.options;
  let ingress: IngressSide | undefined;
  let gateway: GatewaySide | undefined;
  let ingressUnread: SourceIssue | undefined;
  let backendServiceName: string | null =
    path.kind === 'ingress' || path.kind === 'gateway' ? null : path.service;
  let backendNamespace = path.namespace;
  if (path.kind === 'ingress') {
    const collected = await collectIngress(api, path, options.tls ?? { readSecrets: false });
    ingressUnread = 'issue' in collected.side.ingress ? collected.side.ingress.issue : undefined;
    ingress = collected.side;
    backendServiceName = collected.backendService;
  }
  if (path.kind === 'gateway') {
    const collected = await collectGateway(api, path);
    ingressUnread = 'issue' in collected.side.route ? collected.side.route.issue : undefined;
    gateway = collected.side;
    backendServiceName = collected.backend?.name ?? null;
    backendNamespace = collected.backend?.namespace ?? path.namespace;
  }

  const client =
    path.kind === 'clusterip' && path.client
      ? await gatherOne(
          `get Pod ${path.client.namespace}/${path.client.pod}`,
          () =>
            api.core.readNamespacedPod(
              { namespace: path.client!.namespace, name: path.client!.pod },
              o,
            ),
          toPodInfo,
        )
      : undefined;

  // The client's egress policies: one LIST of its namespace, or the backend's read when shared.
  const clientPod = client && isGathered(client) ? client.value : null;
  const clientNs = clientPod?.namespace;
  const ownClientPolicies =
    clientNs !== undefined && !(clientNs === path.namespace && backendServiceName);
  const [backend, dns, clientPolicies] = await Promise.all([
    backendServiceName
      ? collectBackend(api, backendNamespace, backendServiceName, options.readLogs === true)
      : Promise.resolve(ingressUnread ? unreadBackend(ingressUnread) : null),
    path.kind === 'clusterip' ? collectDns(api) : Promise.resolve(undefined),
    ownClientPolicies
      ? gatherList(
          `list NetworkPolicies in ${clientNs}`,
          () => api.networking.listNamespacedNetworkPolicy({ namespace: clientNs }, o),
          (l) => l.items.map(toNetworkPolicy),
        )
      : Promise.resolve(undefined),
  ]);
  const clientNetworkPolicies = clientPod
    ? (clientPolicies ?? backend?.networkPolicies)
    : undefined;

  // Nodes of pods in trouble first: where only some nodes are examined, those are.
  const calm = (p: PodInfo) => Number(p.ready && p.containers.every((c) => c.restartCount === 0));
  const backendPods = [...(gatheredValue(backend?.pods) ?? [])].sort((a, b) => calm(a) - calm(b));
  const backendNodes = uniq(backendPods.map((p) => p.nodeName));
  const clientNode = client && isGathered(client) ? client.value?.nodeName : undefined;
  const controllerNodes = uniq(
    (gatheredValue(ingress?.controllerPods) ?? []).map((p) => p.nodeName),
  );
  const entryNodes = path.kind === 'nodeport' ? (path.node ? [path.node] : backendNodes) : [];
  const proxyNodes =
    path.kind === 'clusterip'
      ? clientNode
        ? [clientNode]
        : backendNodes
      : path.kind === 'nodeport'
        ? entryNodes
        : controllerNodes;

  // Nodes are named by the pods on them: when those pods could not be read, neither can the
  // nodes (nor kube-proxy on them) be said to be fine.
  const unreadPods = [
    backend && 'issue' in backend.pods ? backend.pods.issue : undefined,
    client && 'issue' in client ? client.issue : undefined,
    ingress && 'issue' in ingress.controllerPods ? ingress.controllerPods.issue : undefined,
  ].find((i): i is SourceIssue => i !== undefined);
  const unnamedNodes = unreadPods ? notRead('name the nodes of the path', unreadPods) : undefined;
  const proxyNodesUnknown =
    path.kind === 'clusterip'
      ? client && 'issue' in client
        ? client.issue
        : !clientNode && backend && 'issue' in backend.pods
          ? backend.pods.issue
          : undefined
      : path.kind === 'nodeport'
        ? !path.node && backend && 'issue' in backend.pods
          ? backend.pods.issue
          : undefined
        : ingress && 'issue' in ingress.controllerPods
          ? ingress.controllerPods.issue
          : undefined;
  // The nodes traffic enters or leaves by come first: they are examined whatever the cap.
  const nodeNames = [
    ...new Set([...uniq([...entryNodes, clientNode, ...controllerNodes]), ...uniq(backendNodes)]),
  ];
  const { nodes, partial: nodesPartial } = await collectNodes(api, nodeNames);
  const kubeProxy: Gathered<KubeProxyInfo> = proxyNodesUnknown
    ? { issue: notRead('find kube-proxy on the nodes of the path', proxyNodesUnknown) }
    : await collectKubeProxy(api, proxyNodes);

  // Egress rules name destinations by namespace labels: CoreDNS's namespace is read only then.
  const clientEgressPolicies = (gatheredValue(clientNetworkPolicies) ?? []).some((np) =>
    np.policyTypes.includes('Egress'),
  );
  const namespaces = uniq([
    path.namespace,
    backendNamespace,
    clientNs,
    ...(clientEgressPolicies ? (gatheredValue(dns)?.pods ?? []).map((p) => p.namespace) : []),
    ...(gatheredValue(ingress?.controllerPods) ?? []).map((p) => p.namespace),
  ]);
  const namespaceLabels: Snapshot['namespaceLabels'] = {};
  await Promise.all(
    namespaces.map(async (name) => {
      namespaceLabels[name] = await gatherOne(
        `get Namespace ${name}`,
        () => api.core.readNamespace({ name }, o),
        (ns) => ns.metadata?.labels ?? {},
      );
    }),
  );

  return {
    schema: SNAPSHOT_SCHEMA,
    path,
    cluster,
    takenAt: now.toISOString(),
    backendServiceName,
    ...(backendNamespace !== path.namespace ? { backendNamespace } : {}),
    backend,
    nodes,
    ...(nodesPartial ? { nodesPartial } : {}),
    ...(unnamedNodes ? { unnamedNodes } : {}),
    kubeProxy,
    namespaceLabels,
    client,
    ...(clientNetworkPolicies ? { clientNetworkPolicies } : {}),
    dns,
    ingress,
    ...(gateway ? { gateway } : {}),
    metrics: null,
    meta: {
      apiRequests: api.requestCount(),
      apiBytes: api.responseBytes(),
      durationMs: Date.now() - started,
    },
  };
}
