// Facts derived from a snapshot that several checks and the topology share. Pure.
import { matchIngress } from '@/lib/model/ingress-match';
import { matchHttpRoute } from '@/lib/model/gateway';
import type { AccessPath } from '@/lib/model/path';
import {
  profileForController,
  type BackendRef,
  type IngressControllerProfile,
} from '@/lib/profiles/ingress-controllers';
import {
  gatheredValue,
  type Condition,
  type EndpointSliceInfo,
  type IngressInfo,
  type NodeInfo,
  type PodInfo,
  type ServiceInfo,
  type ServicePortInfo,
  type Snapshot,
} from '@/lib/model/snapshot';

export function condition(conditions: Condition[], type: string): Condition | undefined {
  return conditions.find((c) => c.type === type);
}

export function nodeReadyStatus(node: NodeInfo): Condition['status'] {
  return condition(node.conditions, 'Ready')?.status ?? 'Unknown';
}

export function ageMs(now: Date, iso: string | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : now.getTime() - t;
}

export function formatAge(ms: number | undefined): string {
  if (ms === undefined) return 'an unknown time';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h}h` : `${Math.round(h / 24)}d`;
}

export function backendService(s: Snapshot): ServiceInfo | null | undefined {
  return gatheredValue(s.backend?.service);
}

export function backendPods(s: Snapshot): PodInfo[] {
  return gatheredValue(s.backend?.pods) ?? [];
}

/** The backend port the matching Ingress rule names, on the Ingress path. */
export function ingressBackendPort(s: Snapshot): { name?: string; number?: number } | undefined {
  if (s.path.kind === 'gateway') {
    const route = gatheredValue(s.gateway?.route);
    const rule = route ? matchHttpRoute(route, s.path.host, s.path.path)?.rule : undefined;
    const port = rule?.backendRefs.find((b) => b.kind === 'Service' && b.weight > 0)?.port;
    return port === undefined ? undefined : { number: port };
  }
  const ing = gatheredValue(s.ingress?.ingress);
  if (!ing || s.path.kind !== 'ingress') return undefined;
  return matchIngress(ing, s.path.host, s.path.path)?.backend.service?.port;
}

/**
 * The EndpointSlices that carry the path's Service port. Slice ports are named after Service
 * ports; a slice without the port (e.g. a named targetPort no pod declares) serves nothing on it.
 */
export function pathSlices(s: Snapshot): EndpointSliceInfo[] {
  const slices = gatheredValue(s.backend?.endpointSlices) ?? [];
  const svc = gatheredValue(s.backend?.service);
  if (!svc) return slices;
  const names = new Set(
    pathServicePorts(s.path, svc, ingressBackendPort(s)).map((p) => p.name ?? ''),
  );
  return slices.filter((sl) => sl.ports.some((p) => names.has(p.name ?? '')));
}

/** Addresses the data plane sends the path's traffic to now: ready endpoints (or serving, when not-ready addresses are published). */
export function readyEndpointIps(s: Snapshot): Set<string> {
  const svc = gatheredValue(s.backend?.service);
  const ips = new Set<string>();
  for (const slice of pathSlices(s)) {
    for (const e of slice.endpoints) {
      if (e.ready || (svc?.publishNotReadyAddresses && e.serving))
        e.addresses.forEach((a) => ips.add(a));
    }
  }
  return ips;
}

export function readyEndpointNodes(s: Snapshot): Set<string> {
  const nodes = new Set<string>();
  for (const slice of pathSlices(s)) {
    for (const e of slice.endpoints) if (e.ready && e.nodeName) nodes.add(e.nodeName);
  }
  return nodes;
}

/** The Service ports this path goes through: the one it names, or all of them. */
export function pathServicePorts(
  path: AccessPath,
  svc: ServiceInfo,
  ingressPort?: { name?: string; number?: number },
): ServicePortInfo[] {
  const want =
    path.kind === 'ingress' || path.kind === 'gateway'
      ? (ingressPort?.number ?? ingressPort?.name)
      : path.port;
  if (want === undefined) return svc.ports;
  return svc.ports.filter((p) => p.port === want || p.name === want);
}

export function podRef(pod: PodInfo): string {
  return `v1 Pod ${pod.namespace}/${pod.name}`;
}

export function nodeHostsOf(s: Snapshot): {
  entry: string[];
  client?: string;
  backend: string[];
  controller: string[];
} {
  const client = gatheredValue(s.client)?.nodeName;
  const backend = [
    ...new Set(
      backendPods(s)
        .map((p) => p.nodeName)
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  const controller = [
    ...new Set(
      (gatheredValue(s.ingress?.controllerPods) ?? [])
        .map((p) => p.nodeName)
        .filter((n): n is string => Boolean(n)),
    ),
  ];
  const entry = s.path.kind === 'nodeport' ? (s.path.node ? [s.path.node] : backend) : [];
  return { entry, client, backend, controller };
}

/** How metrics may name these nodes: by name, and by InternalIP (with or without a port). */
export function nodeIdentities(s: Snapshot, names: readonly string[]): string[] {
  const ips = names.map((n) => gatheredValue(s.nodes[n])?.internalIP);
  return [...names, ...ips.filter((ip): ip is string => Boolean(ip))];
}

export function ingRef(ing: IngressInfo): string {
  return `networking.k8s.io/v1 Ingress ${ing.namespace}/${ing.name}`;
}

/** The backend Service's namespace: the path's, unless an HTTPRoute reaches into another. */
export function backendNamespace(s: Snapshot): string {
  return s.backendNamespace ?? s.path.namespace;
}

/** The profile of the controller the path's IngressClass names, when it was read and is known. */
export function pathIngressProfile(s: Snapshot): IngressControllerProfile | undefined {
  const cls = gatheredValue(s.ingress?.ingressClass);
  return cls ? profileForController(cls.controller) : undefined;
}

/** The path's backend as the Ingress rule that matches names it, with the Service port it resolves to. */
export function pathBackendRef(s: Snapshot): BackendRef | null {
  const ing = gatheredValue(s.ingress?.ingress);
  if (!ing || s.path.kind !== 'ingress') return null;
  const ref = matchIngress(ing, s.path.host, s.path.path)?.backend.service;
  if (!ref) return null;
  const ingressPort =
    ref.port.name ?? (ref.port.number === undefined ? undefined : String(ref.port.number));
  if (ingressPort === undefined) return null;
  const svc = gatheredValue(s.backend?.service);
  const servicePort = svc?.ports.find((p) =>
    ref.port.name !== undefined ? p.name === ref.port.name : p.port === ref.port.number,
  );
  return {
    namespace: ing.namespace,
    ingress: ing.name,
    service: ref.name,
    ingressPort,
    servicePort: servicePort ? { name: servicePort.name, port: servicePort.port } : undefined,
  };
}
