// The Snapshot: a typed, serialisable record of everything gathered for one path and window.
// Collectors fill it; checks read only it. Wire types (V1Pod, Prometheus tuples) never reach here.
import type { AccessPath } from './path';
import type { Unit } from './units';
import type { ProbeRun } from './probe';
import type { GatewaySide } from './gateway';
import type { Message } from '@/lib/i18n/message';

export const SNAPSHOT_SCHEMA = 1;

/** Why a source could not tell us something; becomes an `unknown` verdict with the reason. */
export type SourceIssueKind =
  'forbidden' | 'unauthorized' | 'timeout' | 'unreachable' | 'server-error' | 'bad-response';

export interface SourceIssue {
  source: 'kubernetes' | 'prometheus';
  kind: SourceIssueKind;
  /** What we tried, in words: "list pods with status.podIP=10.244.1.7". */
  what: string;
  message: string;
  status?: number;
}

/** A value we asked for, or the reason we could not have it. */
export type Gathered<T> = { value: T } | { issue: SourceIssue };

/** A read that was not made because the read it needs failed: it fails for the same reason. */
export function notRead(what: string, cause: SourceIssue): SourceIssue {
  return { ...cause, what: `${what} (it needs: ${cause.what})` };
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastHeartbeatTime?: string;
}

export interface NodeInfo {
  name: string;
  conditions: Condition[];
  unschedulable: boolean;
  taints: { key: string; value?: string; effect: string }[];
  internalIP?: string;
  /** Renew time of the node's Lease in kube-node-lease; null when it has none. */
  leaseRenewTime: string | null;
  /** Why the Lease could not be read: its heartbeat is then unknown, not missing. */
  leaseUnread?: SourceIssue;
  /** The Lease was not read (beyond the sample of a wide path): only the node's conditions speak. */
  leaseNotExamined?: true;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: string;
}

export interface ContainerInfo {
  name: string;
  ports: ContainerPort[];
  ready: boolean;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  reason?: string;
  message?: string;
  /** Exit code of the current state when it is `terminated`. */
  exitCode?: number;
  startedAt?: string;
  lastTermination?: { reason?: string; exitCode?: number; finishedAt?: string };
}

export interface PodInfo {
  namespace: string;
  name: string;
  uid: string;
  labels: Record<string, string>;
  nodeName?: string;
  phase: string;
  /** Why the pod is in its phase, when the kubelet says (`Evicted`), and its message. */
  reason?: string;
  message?: string;
  podIP?: string;
  hostNetwork: boolean;
  ready: boolean;
  conditions: Condition[];
  containers: ContainerInfo[];
  createdAt?: string;
  /** When the kubelet started the pod (status.startTime). */
  startTime?: string;
  deletionTimestamp?: string;
  dnsPolicy: string;
  dnsNameservers: string[];
  dnsNdots?: number;
}

export interface ServicePortInfo {
  name?: string;
  port: number;
  targetPort: number | string;
  protocol: string;
  nodePort?: number;
}

/**
 * One manager's last write of an object, from its managedFields (status writes left out: those
 * are observations, not changes): who, when, and the fields it owns (`spec.selector`).
 */
export interface ObjectWrite {
  manager: string;
  operation: string;
  time: string;
  fields: string[];
}

export interface ServiceInfo {
  /** Writes of the object, from its managedFields; absent where not read. */
  writes?: ObjectWrite[];
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  clusterIP?: string;
  selector: Record<string, string>;
  ports: ServicePortInfo[];
  externalTrafficPolicy?: string;
  internalTrafficPolicy?: string;
  publishNotReadyAddresses: boolean;
  loadBalancerIngress: { ip?: string; hostname?: string }[];
}

export interface EndpointInfo {
  addresses: string[];
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid?: string };
}

export interface EndpointSliceInfo {
  writes?: ObjectWrite[];
  name: string;
  addressType: string;
  ports: { name?: string; port?: number; protocol?: string }[];
  endpoints: EndpointInfo[];
}

/** A pod that holds some IP, as far as we need it to spot leaked and duplicated addresses. */
export interface PodIpHolder {
  namespace: string;
  name: string;
  uid: string;
  nodeName?: string;
  phase: string;
  deleting: boolean;
}

/** A pod in the Service's namespace that matches all but one of its selector's labels. */
export interface NearMissPod {
  name: string;
  labelKey: string;
  want: string;
  has: string | null;
}

/**
 * A read that stopped at its cap: `checked` of the `of` members were examined (`of` is absent
 * when the API server could not count the rest — then only "the first N" can be said).
 */
export interface PartialRead {
  checked: number;
  of?: number;
}

export interface KubeProxyInfo {
  /** kube-proxy pods found on each node that matters (kube-system, k8s-app=kube-proxy). */
  podsByNode: Record<string, PodInfo[]>;
  /** Set when the LIST of kube-proxy pods stopped at its cap: nodes it did not reach are left out. */
  partial?: PartialRead;
  daemonSetFound: boolean;
  /** Proxy mode from the kube-proxy ConfigMap ('' means the default, iptables). */
  mode: string | null;
  /** Writes of the kube-proxy DaemonSet and ConfigMap. */
  daemonSetWrites?: ObjectWrite[];
  configWrites?: ObjectWrite[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except: string[] };
}
export interface NetworkPolicyPort {
  protocol: string;
  port?: number | string;
  endPort?: number;
}
export interface NetworkPolicyInfo {
  writes?: ObjectWrite[];
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** As the API defaults it: ["Ingress"], plus "Egress" when spec.egress is present. */
  policyTypes: ('Ingress' | 'Egress')[];
  ingress: { from: NetworkPolicyPeer[]; ports: NetworkPolicyPort[] }[];
  egress: { to: NetworkPolicyPeer[]; ports: NetworkPolicyPort[] }[];
}

export interface EventInfo {
  involvedObject: string;
  reason: string;
  message: string;
  count: number;
  lastTimestamp?: string;
  type: string;
}

export interface DnsInfo {
  service: ServiceInfo | null;
  endpointSlices: EndpointSliceInfo[];
  pods: PodInfo[];
  /** The Corefile from ConfigMap kube-system/coredns, or null when there is none. */
  corefile: string | null;
  /** Writes of that ConfigMap. */
  corefileWrites?: ObjectWrite[];
}

/** A ReplicaSet of the backend's workload: its Deployment revision and its writes (rollouts). */
export interface ReplicaSetInfo {
  name: string;
  revision?: string;
  replicas: number;
  writes: ObjectWrite[];
}

export interface IngressBackendRef {
  service?: { name: string; port: { name?: string; number?: number } };
  resource?: { kind: string; name: string };
}
export interface IngressPathRule {
  path?: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  backend: IngressBackendRef;
}

export interface IngressInfo {
  writes?: ObjectWrite[];
  namespace: string;
  name: string;
  className?: string;
  /** The legacy `kubernetes.io/ingress.class` annotation. */
  annotationClass?: string;
  rules: { host?: string; paths: IngressPathRule[] }[];
  defaultBackend?: IngressBackendRef;
  tls: { hosts: string[]; secretName?: string }[];
  loadBalancer: { ip?: string; hostname?: string }[];
}

export interface IngressClassInfo {
  name: string;
  controller: string;
  isDefault: boolean;
}

export interface IngressSide {
  ingress: Gathered<IngressInfo | null>;
  /** The class the Ingress names (or the default class), null when absent. */
  ingressClass: Gathered<IngressClassInfo | null>;
  controllerPods: Gathered<PodInfo[]>;
  controllerService: Gathered<ServiceInfo | null>;
  /** What tells whether the TLS Secrets the Ingress names exist; null when it names none. */
  tls: TlsEvidence | null;
}

/** A cert-manager Certificate (cert-manager.io/v1) as far as the TLS check needs it. */
export interface CertificateInfo {
  name: string;
  secretName: string;
  /** Its Ready condition, when cert-manager has set one. */
  ready?: Condition;
}

/**
 * Evidence about the Ingress's TLS Secrets, gathered without reading Secrets unless the server
 * allows it: the Secrets themselves (metadata only) need `get secrets`, which is opt-in.
 */
export interface TlsEvidence {
  /** Secret existence by name; null when reading Secrets is off (HOPSCOPE_READ_TLS_SECRETS). */
  secrets: Record<string, Gathered<boolean>> | null;
  /** The namespace's cert-manager Certificates; null when cert-manager is not installed. */
  certificates?: Gathered<CertificateInfo[] | null>;
  /** Warning events about the Ingress (from its controller or cert-manager). */
  events: Gathered<EventInfo[]>;
}

/** The Service the path ends at and everything behind it. */
export interface BackendSide {
  service: Gathered<ServiceInfo | null>;
  pods: Gathered<PodInfo[]>;
  nearMisses: Gathered<NearMissPod[]>;
  endpointSlices: Gathered<EndpointSliceInfo[]>;
  /** Set when more pods match the selector than were read: the first `checked` are examined. */
  podsPartial?: PartialRead;
  /**
   * For the endpoint addresses looked up (a bounded sample, see `ipLookups`): the live pods that
   * hold that IP (field selector status.podIP).
   */
  ipHolders: Record<string, Gathered<PodIpHolder[]>>;
  /** How the looked-up addresses were chosen when not all were: said in the evidence. */
  ipLookups?: { order: string };
  events: Gathered<EventInfo[]>;
  networkPolicies: Gathered<NetworkPolicyInfo[]>;
  /** The ReplicaSets the Service's selector matches (rollouts of its workload); absent in old snapshots. */
  replicaSets?: Gathered<ReplicaSetInfo[]>;
  /** Last log lines of each backend pod's first container, when the path asked for logs. */
  logTails?: Record<string, Gathered<LogTail>>;
}

/** What the tail of a container's log says about when it last wrote (never the lines themselves). */
export interface LogTail {
  container: string;
  lines: number;
  lastAt: string | null;
  medianGapSeconds: number | null;
}

export interface MetricPoint {
  t: number;
  v: number;
}
export interface MetricSeries {
  labels: Record<string, string>;
  points: MetricPoint[];
}

/** One PromQL query as it ran: the query, its range (Unix seconds) and what came back. */
export interface MetricQueryResult {
  id: string;
  title: string;
  /** The title as a message, for the reader's language (absent in older snapshots). */
  titleMessage?: Message;
  unit: Unit;
  promql: string;
  kind: 'range' | 'instant';
  start: number;
  end: number;
  step: number;
  series: MetricSeries[];
  warnings: string[];
}

/** A pod as a node's metrics name it (cAdvisor's `namespace`, `pod`, `node` labels). */
export interface PodOnNode {
  namespace: string;
  pod: string;
  node: string;
}

export interface MetricsSide {
  window: { start: number; end: number; step: number };
  /** The golden-metrics profile whose series exist for this backend, or null when none has. */
  goldenProfile: string | null;
  /** The label layout of that profile the series arrived in (`direct`, `exported`, …). */
  goldenLayout: string | null;
  /** The profiles tried for golden metrics, in order (for the "no series" explanation). */
  goldenProfilesTried: string[];
  /** Per source with install-dependent labels (e.g. `ingress`): the layout that had series, or null. */
  layouts: Record<string, string | null>;
  results: Record<string, Gathered<MetricQueryResult>>;
  /** Pods cAdvisor still reports on the path's nodes that the API no longer has (leaked sandboxes). */
  orphanedContainers: Gathered<PodOnNode[]>;
  queries: number;
  /** Samples the queries loaded, as Prometheus counted them (when it says). */
  samples?: number;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  path: AccessPath;
  cluster: string;
  /**
   * True when `cluster` is the kubeconfig's current context: copied commands then need no
   * `--context`. Absent (not known) counts as false: naming the context is never wrong.
   */
  contextIsCurrent?: boolean;
  takenAt: string;
  /** Name of the Service the traffic reaches (for Ingress: the matched rule's backend). */
  backendServiceName: string | null;
  /** Its namespace when not the path's (an HTTPRoute's backendRef into another namespace). */
  backendNamespace?: string;
  backend: BackendSide | null;
  nodes: Record<string, Gathered<NodeInfo | null>>;
  /** Set when the path has more nodes than are examined: the others are not in `nodes`. */
  nodesPartial?: PartialRead;
  /**
   * Why some nodes of the path could not even be named (the pods that run on them could not be
   * read): the node hop is unknown then, whatever the nodes that were read say.
   */
  unnamedNodes?: SourceIssue;
  kubeProxy: Gathered<KubeProxyInfo>;
  namespaceLabels: Record<string, Gathered<Record<string, string> | null>>;
  client?: Gathered<PodInfo | null>;
  /** NetworkPolicies of the client pod's namespace (its egress); the backend's read when shared. */
  clientNetworkPolicies?: Gathered<NetworkPolicyInfo[]>;
  dns?: Gathered<DnsInfo>;
  ingress?: IngressSide;
  /** The Gateway API objects of a gateway path. */
  gateway?: GatewaySide;
  /** Prometheus evidence; null when no Prometheus is configured for the cluster. */
  metrics: MetricsSide | null;
  /** The path trace's probes, when a probe run was made (step 6). */
  probes?: Gathered<ProbeRun>;
  /** Why no probe run was made although the path asked for one (no vantage point enabled). */
  traceNotRun?: string;
  /** A vantage point the user may confirm for the trace (an ephemeral debug container), in words. */
  traceOffer?: string;
  /** metricsPending: the Prometheus part is still being gathered (a first, partial view). */
  meta: {
    apiRequests: number;
    /** Bytes of the API server's response bodies this gather read. */
    apiBytes?: number;
    durationMs: number;
    metricsPending?: boolean;
  };
}

export function isGathered<T>(g: Gathered<T> | undefined): g is { value: T } {
  return g !== undefined && 'value' in g;
}

/** The value that was read, or undefined when the read failed or was never made. */
export function gatheredValue<T>(g: Gathered<T> | undefined): T | undefined {
  return isGathered(g) ? g.value : undefined;
}

/** The backend side when the object that names it (the Ingress) could not be read: every part unknown. */
export function unreadBackend(cause: SourceIssue): BackendSide {
  const issue = (what: string) => ({ issue: notRead(what, cause) });
  return {
    service: issue('read the Service the Ingress rule leads to'),
    pods: issue("list the backend Service's pods"),
    nearMisses: issue('look for pods that almost match'),
    endpointSlices: issue("list the backend Service's EndpointSlices"),
    ipHolders: {},
    events: issue("list the backend pods' Warning events"),
    networkPolicies: issue("list the backend's NetworkPolicies"),
  };
}
