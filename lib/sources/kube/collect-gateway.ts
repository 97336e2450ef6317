import 'server-only';
// The Gateway API side of a gateway path: the HTTPRoute by name, each Gateway it names (a few,
// by name) with its GatewayClass, and the ReferenceGrants of the namespaces the matched rule's
// backendRefs reach into. Reads by name only: what is read follows the path, not the cluster.
import {
  matchHttpRoute,
  type BackendRef,
  type GatewayClassInfo,
  type GatewayInfo,
  type GatewayParent,
  type GatewaySide,
  type GenerationCondition,
  type HttpRouteInfo,
  type ParentRef,
  type ReferenceGrantInfo,
} from '@/lib/model/gateway';
import type { GatewayPath } from '@/lib/model/path';
import { gatewayRouteOf } from '@/lib/model/path-text';
import { gatheredValue, notRead, type Gathered } from '@/lib/model/snapshot';
import { gatherList, gatherOne, type KubeApis } from './api';
import { collectControllerPods } from './controller-pods';
import { dataPlaneSelector } from '@/lib/profiles/gateway-controllers';

const GROUP = 'gateway.networking.k8s.io';
/** A route names a few parents; more are not read (and said so by the check as unexamined). */
export const MAX_GATEWAY_PARENTS = 4;

/* The wire shapes, as far as they are read (gateway.networking.k8s.io/v1, ReferenceGrant v1beta1). */
interface WireCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}
interface WireParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  sectionName?: string;
  port?: number;
}
interface WireRoute {
  metadata?: { namespace?: string; name?: string; generation?: number };
  spec?: {
    parentRefs?: WireParentRef[];
    hostnames?: string[];
    rules?: {
      matches?: {
        path?: { type?: string; value?: string };
        headers?: { name?: string; value?: string; type?: string }[];
        queryParams?: { name?: string }[];
        method?: string;
      }[];
      backendRefs?: (WireParentRef & { weight?: number })[];
    }[];
  };
  status?: {
    parents?: {
      parentRef?: WireParentRef;
      controllerName?: string;
      conditions?: WireCondition[];
    }[];
  };
}
interface WireGrpcRoute {
  metadata?: WireRoute['metadata'];
  spec?: {
    parentRefs?: WireParentRef[];
    hostnames?: string[];
    rules?: {
      matches?: {
        method?: { type?: string; service?: string; method?: string };
        headers?: { name?: string; value?: string; type?: string }[];
      }[];
      backendRefs?: (WireParentRef & { weight?: number })[];
    }[];
  };
  status?: WireRoute['status'];
}
interface WireGateway {
  metadata?: { namespace?: string; name?: string; generation?: number };
  spec?: {
    gatewayClassName?: string;
    listeners?: {
      name?: string;
      hostname?: string;
      port?: number;
      protocol?: string;
      allowedRoutes?: { namespaces?: { from?: string } };
    }[];
  };
  status?: {
    addresses?: { value?: string }[];
    conditions?: WireCondition[];
    listeners?: { name?: string; attachedRoutes?: number; conditions?: WireCondition[] }[];
  };
}
interface WireGatewayClass {
  metadata?: { name?: string; generation?: number };
  spec?: { controllerName?: string };
  status?: { conditions?: WireCondition[] };
}
interface WireReferenceGrant {
  metadata?: { namespace?: string; name?: string };
  spec?: {
    from?: { group?: string; kind?: string; namespace?: string }[];
    to?: { group?: string; kind?: string; name?: string }[];
  };
}

function conditions(list: WireCondition[] | undefined): GenerationCondition[] {
  return (list ?? []).map((c) => ({
    type: c.type ?? '',
    status: c.status === 'True' || c.status === 'False' ? c.status : 'Unknown',
    ...(c.reason ? { reason: c.reason } : {}),
    ...(c.message ? { message: c.message } : {}),
    ...(c.lastTransitionTime ? { lastTransitionTime: c.lastTransitionTime } : {}),
    ...(c.observedGeneration !== undefined ? { observedGeneration: c.observedGeneration } : {}),
  }));
}

/** A parentRef with the API's defaults filled in (group, kind Gateway, the route's namespace). */
function parentRef(r: WireParentRef, routeNamespace: string): ParentRef {
  return {
    group: r.group ?? GROUP,
    kind: r.kind ?? 'Gateway',
    namespace: r.namespace ?? routeNamespace,
    name: r.name ?? '',
    ...(r.sectionName ? { sectionName: r.sectionName } : {}),
    ...(r.port !== undefined ? { port: r.port } : {}),
  };
}

function backendRef(r: WireParentRef & { weight?: number }, routeNamespace: string): BackendRef {
  return {
    group: r.group ?? '',
    kind: r.kind ?? 'Service',
    namespace: r.namespace ?? routeNamespace,
    name: r.name ?? '',
    ...(r.port !== undefined ? { port: r.port } : {}),
    weight: r.weight ?? 1,
  };
}

export function toHttpRoute(w: WireRoute): HttpRouteInfo {
  const ns = w.metadata?.namespace ?? '';
  return {
    namespace: ns,
    name: w.metadata?.name ?? '',
    generation: w.metadata?.generation ?? 0,
    parentRefs: (w.spec?.parentRefs ?? []).map((r) => parentRef(r, ns)),
    hostnames: w.spec?.hostnames ?? [],
    rules: (w.spec?.rules ?? []).map((rule) => ({
      matches: (rule.matches?.length ? rule.matches : [{}]).map((m) => ({
        path: {
          type:
            m.path?.type === 'Exact' || m.path?.type === 'RegularExpression'
              ? m.path.type
              : 'PathPrefix',
          value: m.path?.value ?? '/',
        },
        headers: (m.headers ?? []).map((h) => ({
          name: h.name ?? '',
          value: h.value ?? '',
          type: h.type ?? 'Exact',
        })),
        ...(m.queryParams?.length ? { queryParams: m.queryParams.map((q) => q.name ?? '') } : {}),
        ...(m.method ? { method: m.method } : {}),
      })),
      backendRefs: (rule.backendRefs ?? []).map((b) => backendRef(b, ns)),
    })),
    parents: (w.status?.parents ?? []).map((p) => ({
      parentRef: parentRef(p.parentRef ?? {}, ns),
      controllerName: p.controllerName ?? '',
      conditions: conditions(p.conditions),
    })),
  };
}

const escapeRegExp = (v: string) => v.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * A GRPCRoute method match as the path of the HTTP/2 request it admits (`/<service>/<method>`):
 * service and method exactly is an Exact path, a service alone a PathPrefix, anything else a
 * regular expression.
 */
function grpcPath(m: { type?: string; service?: string; method?: string } | undefined): {
  type: 'Exact' | 'PathPrefix' | 'RegularExpression';
  value: string;
} {
  if (!m || (!m.service && !m.method)) return { type: 'PathPrefix', value: '/' };
  if (m.type === 'RegularExpression')
    return { type: 'RegularExpression', value: `/${m.service || '[^/]+'}/${m.method || '[^/]+'}` };
  if (m.service && m.method) return { type: 'Exact', value: `/${m.service}/${m.method}` };
  if (m.service) return { type: 'PathPrefix', value: `/${m.service}` };
  return { type: 'RegularExpression', value: `/[^/]+/${escapeRegExp(m.method!)}` };
}

export function toGrpcRoute(w: WireGrpcRoute): HttpRouteInfo {
  const ns = w.metadata?.namespace ?? '';
  return {
    ...toHttpRoute({ metadata: w.metadata, status: w.status, spec: { ...w.spec, rules: [] } }),
    kind: 'GRPCRoute',
    rules: (w.spec?.rules ?? []).map((rule) => ({
      matches: (rule.matches?.length ? rule.matches : [{}]).map((m) => ({
        path: grpcPath(m.method),
        headers: (m.headers ?? []).map((h) => ({
          name: h.name ?? '',
          value: h.value ?? '',
          type: h.type ?? 'Exact',
        })),
      })),
      backendRefs: (rule.backendRefs ?? []).map((b) => backendRef(b, ns)),
    })),
  };
}

export function toGateway(w: WireGateway): GatewayInfo {
  return {
    namespace: w.metadata?.namespace ?? '',
    name: w.metadata?.name ?? '',
    generation: w.metadata?.generation ?? 0,
    className: w.spec?.gatewayClassName ?? '',
    listeners: (w.spec?.listeners ?? []).map((l) => ({
      name: l.name ?? '',
      ...(l.hostname ? { hostname: l.hostname } : {}),
      port: l.port ?? 0,
      protocol: l.protocol ?? '',
      allowedNamespaces:
        l.allowedRoutes?.namespaces?.from === 'All'
          ? 'All'
          : l.allowedRoutes?.namespaces?.from === 'Selector'
            ? 'Selector'
            : 'Same',
    })),
    addresses: (w.status?.addresses ?? []).map((a) => a.value ?? '').filter(Boolean),
    conditions: conditions(w.status?.conditions),
    listenerStatus: (w.status?.listeners ?? []).map((l) => ({
      name: l.name ?? '',
      attachedRoutes: l.attachedRoutes ?? 0,
      conditions: conditions(l.conditions),
    })),
  };
}

export function toGatewayClass(w: WireGatewayClass): GatewayClassInfo {
  return {
    name: w.metadata?.name ?? '',
    controllerName: w.spec?.controllerName ?? '',
    generation: w.metadata?.generation ?? 0,
    conditions: conditions(w.status?.conditions),
  };
}

export function toReferenceGrant(w: WireReferenceGrant): ReferenceGrantInfo {
  return {
    namespace: w.metadata?.namespace ?? '',
    name: w.metadata?.name ?? '',
    from: (w.spec?.from ?? []).map((f) => ({
      group: f.group ?? '',
      kind: f.kind ?? '',
      namespace: f.namespace ?? '',
    })),
    to: (w.spec?.to ?? []).map((t) => ({
      group: t.group ?? '',
      kind: t.kind ?? '',
      ...(t.name ? { name: t.name } : {}),
    })),
  };
}

async function collectParent(api: KubeApis, ref: ParentRef): Promise<GatewayParent> {
  const o = api.options;
  if (ref.group !== GROUP || ref.kind !== 'Gateway')
    return { ref, gateway: { value: null }, gatewayClass: { value: null } };
  const gateway = await gatherOne(
    `get Gateway ${ref.namespace}/${ref.name}`,
    () =>
      api.custom.getNamespacedCustomObject(
        {
          group: GROUP,
          version: 'v1',
          namespace: ref.namespace,
          plural: 'gateways',
          name: ref.name,
        },
        o,
      ) as Promise<WireGateway>,
    toGateway,
  );
  if ('issue' in gateway)
    return {
      ref,
      gateway,
      gatewayClass: { issue: notRead('read the GatewayClass of the Gateway', gateway.issue) },
    };
  if (!gateway.value) return { ref, gateway, gatewayClass: { value: null } };
  const className = gateway.value.className;
  const gatewayClass = await gatherOne(
    `get GatewayClass ${className}`,
    () =>
      api.custom.getClusterCustomObject(
        { group: GROUP, version: 'v1', plural: 'gatewayclasses', name: className },
        o,
      ) as Promise<WireGatewayClass>,
    toGatewayClass,
  );
  // The data plane is labelled by the controller, which the class names: an unread class leaves
  // it unread, a missing one leaves nothing to look for (the class check says why).
  const cls = gatheredValue(gatewayClass);
  if ('issue' in gatewayClass) {
    const why = notRead("find the Gateway's data-plane pods", gatewayClass.issue);
    return { ref, gateway, gatewayClass, dataPlanePods: { issue: why } };
  }
  if (!cls) return { ref, gateway, gatewayClass };
  const where = dataPlaneSelector(cls.controllerName, gateway.value);
  const [dataPlanePods, dataPlaneService] = await collectControllerPods(api, {
    podSelector: where.selector,
    serviceSelector: where.selector,
    namespace: where.namespace,
  });
  return { ref, gateway, gatewayClass, dataPlanePods, dataPlaneService };
}

/**
 * Each parentRef's Gateway, class and data plane, read once per Gateway: a route naming two
 * listeners of one Gateway (http and https) is one Gateway, one data plane.
 */
async function collectParents(api: KubeApis, refs: ParentRef[]): Promise<GatewayParent[]> {
  const byGateway = new Map<string, Promise<GatewayParent>>();
  return Promise.all(
    refs.map(async (ref) => {
      const key = `${ref.group}/${ref.kind}/${ref.namespace}/${ref.name}`;
      if (!byGateway.has(key)) byGateway.set(key, collectParent(api, ref));
      const read = await byGateway.get(key)!;
      return { ...read, ref };
    }),
  );
}

/**
 * The route, its parents and the grants the matched rule needs; and the backend Service the path
 * follows further: the matched rule's first Service backendRef of non-zero weight.
 */
export async function collectGateway(
  api: KubeApis,
  path: GatewayPath,
): Promise<{ side: GatewaySide; backend: { namespace: string; name: string } | null }> {
  const o = api.options;
  const named = gatewayRouteOf(path);
  const read = (plural: string) =>
    api.custom.getNamespacedCustomObject(
      { group: GROUP, version: 'v1', namespace: path.namespace, plural, name: named.name },
      o,
    );
  const route =
    named.kind === 'GRPCRoute'
      ? await gatherOne(
          `get GRPCRoute ${path.namespace}/${named.name}`,
          () => read('grpcroutes') as Promise<WireGrpcRoute>,
          toGrpcRoute,
        )
      : await gatherOne(
          `get HTTPRoute ${path.namespace}/${named.name}`,
          () => read('httproutes') as Promise<WireRoute>,
          toHttpRoute,
        );
  if ('issue' in route || !route.value)
    return { side: { route, parents: [], referenceGrants: {} }, backend: null };
  const r = route.value;
  const match = matchHttpRoute(r, path.host, path.path);
  const services = (match?.rule.backendRefs ?? []).filter(
    (b) => b.kind === 'Service' && (b.group === '' || b.group === 'core'),
  );
  const foreign = [...new Set(services.map((b) => b.namespace).filter((ns) => ns !== r.namespace))];
  const [parents, grants] = await Promise.all([
    collectParents(api, r.parentRefs.slice(0, MAX_GATEWAY_PARENTS)),
    Promise.all(
      foreign.map((ns) =>
        gatherList(
          `list ReferenceGrants in ${ns}`,
          () =>
            api.custom.listNamespacedCustomObject(
              { group: GROUP, version: 'v1beta1', namespace: ns, plural: 'referencegrants' },
              o,
            ) as Promise<{ items?: WireReferenceGrant[] }>,
          (l) => (l.items ?? []).map(toReferenceGrant),
        ),
      ),
    ),
  ]);
  const referenceGrants: Record<string, Gathered<ReferenceGrantInfo[]>> = Object.fromEntries(
    foreign.map((ns, i) => [ns, grants[i]!]),
  );
  const followed = services.find((b) => b.weight > 0) ?? null;
  return {
    side: { route, parents, referenceGrants },
    backend: followed ? { namespace: followed.namespace, name: followed.name } : null,
  };
}
