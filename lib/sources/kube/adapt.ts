// Reshapes client-node wire objects into snapshot types, once, at the boundary.
// Dates from the client arrive as Date objects; the snapshot keeps RFC 3339 strings.
import type {
  CoreV1Event,
  V1EndpointSlice,
  V1Ingress,
  V1IngressBackend,
  V1IngressClass,
  V1LabelSelector,
  V1NetworkPolicy,
  V1NetworkPolicyPeer,
  V1NetworkPolicyPort,
  V1Node,
  V1ObjectMeta,
  V1Pod,
  V1ReplicaSet,
  V1Service,
} from '@kubernetes/client-node';
import type {
  ObjectWrite,
  ReplicaSetInfo,
  Condition,
  EndpointSliceInfo,
  EventInfo,
  IngressBackendRef,
  IngressClassInfo,
  IngressInfo,
  LabelSelector,
  NetworkPolicyInfo,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NodeInfo,
  PodInfo,
  PodIpHolder,
  ServiceInfo,
} from '@/lib/model/snapshot';

function iso(value: Date | string | undefined | null): string | undefined {
  if (!value) return undefined;
  return value instanceof Date ? value.toISOString() : String(value);
}

function toConditions(
  list:
    | {
        type: string;
        status: string;
        reason?: string;
        message?: string;
        lastTransitionTime?: Date;
        lastHeartbeatTime?: Date;
      }[]
    | undefined,
): Condition[] {
  return (list ?? []).map((c) => ({
    type: c.type,
    status: (c.status === 'True' || c.status === 'False'
      ? c.status
      : 'Unknown') as Condition['status'],
    reason: c.reason,
    message: c.message,
    lastTransitionTime: iso(c.lastTransitionTime),
    lastHeartbeatTime: iso(c.lastHeartbeatTime),
  }));
}

export function toNodeInfo(node: V1Node, leaseRenewTime: string | null): NodeInfo {
  return {
    name: node.metadata?.name ?? '',
    conditions: toConditions(node.status?.conditions),
    unschedulable: node.spec?.unschedulable === true,
    taints: (node.spec?.taints ?? []).map((t) => ({
      key: t.key,
      value: t.value,
      effect: t.effect,
    })),
    internalIP: node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
    leaseRenewTime,
  };
}

export function toPodInfo(pod: V1Pod): PodInfo {
  const statuses = new Map((pod.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  const conditions = toConditions(pod.status?.conditions);
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    labels: pod.metadata?.labels ?? {},
    nodeName: pod.spec?.nodeName,
    phase: pod.status?.phase ?? 'Unknown',
    reason: pod.status?.reason,
    message: pod.status?.message,
    podIP: pod.status?.podIP,
    hostNetwork: pod.spec?.hostNetwork === true,
    ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
    conditions,
    containers: (pod.spec?.containers ?? []).map((c) => {
      const s = statuses.get(c.name);
      const state = s?.state?.running
        ? 'running'
        : s?.state?.waiting
          ? 'waiting'
          : s?.state?.terminated
            ? 'terminated'
            : 'unknown';
      const last = s?.lastState?.terminated;
      return {
        name: c.name,
        ports: (c.ports ?? []).map((p) => ({
          name: p.name,
          containerPort: p.containerPort,
          protocol: p.protocol ?? 'TCP',
        })),
        ready: s?.ready === true,
        restartCount: s?.restartCount ?? 0,
        state,
        reason: s?.state?.waiting?.reason ?? s?.state?.terminated?.reason,
        message: s?.state?.waiting?.message ?? s?.state?.terminated?.message,
        exitCode: s?.state?.terminated?.exitCode,
        startedAt: iso(s?.state?.running?.startedAt),
        lastTermination: last
          ? { reason: last.reason, exitCode: last.exitCode, finishedAt: iso(last.finishedAt) }
          : undefined,
      };
    }),
    createdAt: iso(pod.metadata?.creationTimestamp),
    startTime: iso(pod.status?.startTime),
    deletionTimestamp: iso(pod.metadata?.deletionTimestamp),
    dnsPolicy: pod.spec?.dnsPolicy ?? 'ClusterFirst',
    dnsNameservers: pod.spec?.dnsConfig?.nameservers ?? [],
    dnsNdots: (() => {
      const v = pod.spec?.dnsConfig?.options?.find((o) => o.name === 'ndots')?.value;
      return v === undefined ? undefined : Number(v);
    })(),
  };
}

export function toPodIpHolder(pod: V1Pod): PodIpHolder {
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    uid: pod.metadata?.uid ?? '',
    nodeName: pod.spec?.nodeName,
    phase: pod.status?.phase ?? 'Unknown',
    deleting: Boolean(pod.metadata?.deletionTimestamp),
  };
}

export function toServiceInfo(svc: V1Service): ServiceInfo {
  return {
    writes: writesOf(svc.metadata),
    namespace: svc.metadata?.namespace ?? '',
    name: svc.metadata?.name ?? '',
    type: (svc.spec?.type ?? 'ClusterIP') as ServiceInfo['type'],
    clusterIP: svc.spec?.clusterIP,
    selector: svc.spec?.selector ?? {},
    ports: (svc.spec?.ports ?? []).map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: (p.targetPort as number | string | undefined) ?? p.port,
      protocol: p.protocol ?? 'TCP',
      nodePort: p.nodePort,
    })),
    externalTrafficPolicy: svc.spec?.externalTrafficPolicy,
    internalTrafficPolicy: svc.spec?.internalTrafficPolicy,
    publishNotReadyAddresses: svc.spec?.publishNotReadyAddresses === true,
    loadBalancerIngress: (svc.status?.loadBalancer?.ingress ?? []).map((i) => ({
      ip: i.ip,
      hostname: i.hostname,
    })),
  };
}

export function toEndpointSlice(slice: V1EndpointSlice): EndpointSliceInfo {
  return {
    writes: writesOf(slice.metadata),
    name: slice.metadata?.name ?? '',
    addressType: slice.addressType,
    ports: (slice.ports ?? []).map((p) => ({ name: p.name, port: p.port, protocol: p.protocol })),
    endpoints: (slice.endpoints ?? []).map((e) => {
      // Per the API, a nil `ready` means ready; serving follows ready when unset.
      const ready = e.conditions?.ready ?? true;
      return {
        addresses: e.addresses,
        ready,
        serving: e.conditions?.serving ?? ready,
        terminating: e.conditions?.terminating ?? false,
        nodeName: e.nodeName,
        targetRef: e.targetRef?.name
          ? {
              kind: e.targetRef.kind ?? 'Pod',
              namespace: e.targetRef.namespace,
              name: e.targetRef.name,
              uid: e.targetRef.uid,
            }
          : undefined,
      };
    }),
  };
}

function toSelector(sel: V1LabelSelector | undefined): LabelSelector {
  return {
    matchLabels: sel?.matchLabels,
    matchExpressions: sel?.matchExpressions?.map((e) => ({
      key: e.key,
      operator: e.operator as 'In',
      values: e.values,
    })),
  };
}

function toPeer(peer: V1NetworkPolicyPeer): NetworkPolicyPeer {
  return {
    podSelector: peer.podSelector ? toSelector(peer.podSelector) : undefined,
    namespaceSelector: peer.namespaceSelector ? toSelector(peer.namespaceSelector) : undefined,
    ipBlock: peer.ipBlock
      ? { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] }
      : undefined,
  };
}

function toPolicyPort(p: V1NetworkPolicyPort): NetworkPolicyPort {
  return {
    protocol: p.protocol ?? 'TCP',
    port: p.port as number | string | undefined,
    endPort: p.endPort,
  };
}

export function toNetworkPolicy(np: V1NetworkPolicy): NetworkPolicyInfo {
  const spec = np.spec;
  const policyTypes =
    (spec?.policyTypes as ('Ingress' | 'Egress')[] | undefined) ??
    (spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
  return {
    writes: writesOf(np.metadata),
    namespace: np.metadata?.namespace ?? '',
    name: np.metadata?.name ?? '',
    podSelector: toSelector(spec?.podSelector),
    policyTypes,
    ingress: (spec?.ingress ?? []).map((rule) => ({
      from: (rule._from ?? []).map(toPeer),
      ports: (rule.ports ?? []).map(toPolicyPort),
    })),
    egress: (spec?.egress ?? []).map((rule) => ({
      to: (rule.to ?? []).map(toPeer),
      ports: (rule.ports ?? []).map(toPolicyPort),
    })),
  };
}

function toBackend(b: V1IngressBackend | undefined): IngressBackendRef | undefined {
  if (!b) return undefined;
  return {
    service: b.service
      ? {
          name: b.service.name,
          port: { name: b.service.port?.name, number: b.service.port?.number },
        }
      : undefined,
    resource: b.resource ? { kind: b.resource.kind, name: b.resource.name } : undefined,
  };
}

export function toIngressInfo(ing: V1Ingress): IngressInfo {
  return {
    writes: writesOf(ing.metadata),
    namespace: ing.metadata?.namespace ?? '',
    name: ing.metadata?.name ?? '',
    className: ing.spec?.ingressClassName,
    annotationClass: ing.metadata?.annotations?.['kubernetes.io/ingress.class'],
    rules: (ing.spec?.rules ?? []).map((r) => ({
      host: r.host,
      paths: (r.http?.paths ?? []).map((p) => ({
        path: p.path,
        pathType: p.pathType as 'Exact' | 'Prefix' | 'ImplementationSpecific',
        backend: toBackend(p.backend) ?? {},
      })),
    })),
    defaultBackend: toBackend(ing.spec?.defaultBackend),
    tls: (ing.spec?.tls ?? []).map((t) => ({ hosts: t.hosts ?? [], secretName: t.secretName })),
    loadBalancer: (ing.status?.loadBalancer?.ingress ?? []).map((i) => ({
      ip: i.ip,
      hostname: i.hostname,
    })),
  };
}

export function toIngressClass(ic: V1IngressClass): IngressClassInfo {
  return {
    name: ic.metadata?.name ?? '',
    controller: ic.spec?.controller ?? '',
    isDefault: ic.metadata?.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true',
  };
}

export function toEventInfo(ev: CoreV1Event): EventInfo {
  return {
    involvedObject: `${ev.involvedObject.kind}/${ev.involvedObject.namespace ?? ''}/${ev.involvedObject.name ?? ''}`,
    reason: ev.reason ?? '',
    message: ev.message ?? '',
    count: ev.count ?? 1,
    lastTimestamp: iso(ev.lastTimestamp ?? ev.eventTime ?? ev.metadata.creationTimestamp),
    type: ev.type ?? 'Normal',
  };
}

/** The fields a managedFields entry owns, two levels deep: `spec.selector`, `data.Corefile`. */
function ownedFields(fieldsV1: unknown): string[] {
  const out: string[] = [];
  const tree = (fieldsV1 ?? {}) as Record<string, Record<string, unknown>>;
  for (const [top, sub] of Object.entries(tree)) {
    if (!top.startsWith('f:')) continue;
    const children = Object.keys(sub ?? {}).filter((k) => k.startsWith('f:'));
    if (children.length === 0) out.push(top.slice(2));
    for (const c of children) out.push(`${top.slice(2)}.${c.slice(2)}`);
  }
  return out;
}

/**
 * Who last wrote the object and when, from its managedFields: one entry per manager. Status
 * writes (a controller reporting) are not changes anyone made, and are left out.
 */
export function writesOf(meta: V1ObjectMeta | undefined): ObjectWrite[] {
  return (meta?.managedFields ?? [])
    .filter((m) => m.subresource !== 'status' && m.time)
    .map((m) => ({
      manager: m.manager ?? 'unknown',
      operation: m.operation ?? 'Update',
      time: iso(m.time)!,
      fields: ownedFields(m.fieldsV1).filter((f) => !f.startsWith('metadata.')),
    }));
}

export function toReplicaSetInfo(rs: V1ReplicaSet): ReplicaSetInfo {
  return {
    name: rs.metadata?.name ?? '',
    revision: rs.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    replicas: rs.spec?.replicas ?? 0,
    writes: writesOf(rs.metadata),
  };
}
