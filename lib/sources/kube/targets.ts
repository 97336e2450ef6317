import 'server-only';
// Type-ahead over the Services and Ingresses of a cluster. "shop/" scopes the listing to one
// namespace; otherwise one cluster-wide list of Services and of Ingresses (never pods), kept
// for a short while so that typing costs no API requests.
import type { SourceIssue } from '@/lib/model/snapshot';
import { KubeConfigError, kubeConfigFor, UnknownClusterError } from './clusters';
import { makeKubeApis, toSourceIssue } from './api';
import type { Target } from '@/lib/model/target';
import { identityKey, KUBECONFIG_IDENTITY, type KubeIdentity } from './identity';

const TTL_MS = 30_000;
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

interface WireRouteList {
  items?: { metadata?: { namespace?: string; name?: string }; spec?: { hostnames?: string[] } }[];
}
const LIST_LIMIT = 2000;
const MAX_CACHED = 32;
const cache = new Map<string, { at: number; targets: Promise<Target[]> }>();

/** The Kubernetes API refused or did not answer the listing: the reason, as data. */
export class TargetListError extends Error {
  constructor(readonly issue: SourceIssue) {
    super(`could not ${issue.what}: ${issue.message}`);
    this.name = 'TargetListError';
  }
}

async function list(
  cluster: string | undefined,
  namespace: string | undefined,
  identity: KubeIdentity,
): Promise<Target[]> {
  const where = namespace ? `in ${namespace}` : 'in all namespaces';
  try {
    return await listAll(cluster, namespace, identity);
  } catch (error) {
    if (error instanceof UnknownClusterError || error instanceof KubeConfigError) throw error;
    throw new TargetListError(toSourceIssue(`list Services and Ingresses ${where}`, error));
  }
}

async function listAll(
  cluster: string | undefined,
  namespace: string | undefined,
  identity: KubeIdentity,
): Promise<Target[]> {
  const { kc } = kubeConfigFor(cluster, identity);
  const api = makeKubeApis(kc, { identity });
  const o = api.options;
  // Routes only where the Gateway API is installed and the caller may list them: without them
  // the Services and Ingresses are still worth offering.
  const routeList = (plural: 'httproutes' | 'grpcroutes') =>
    (namespace
      ? api.custom.listNamespacedCustomObject(
          { group: GATEWAY_GROUP, version: 'v1', namespace, plural, limit: LIST_LIMIT },
          o,
        )
      : api.custom.listClusterCustomObject(
          { group: GATEWAY_GROUP, version: 'v1', plural, limit: LIST_LIMIT },
          o,
        )) as Promise<WireRouteList>;
  const [services, ingresses, routes, grpcRoutes] = await Promise.all([
    namespace
      ? api.core.listNamespacedService({ namespace, limit: LIST_LIMIT }, o)
      : api.core.listServiceForAllNamespaces({ limit: LIST_LIMIT }, o),
    namespace
      ? api.networking.listNamespacedIngress({ namespace, limit: LIST_LIMIT }, o)
      : api.networking.listIngressForAllNamespaces({ limit: LIST_LIMIT }, o),
    // Any failure (no Gateway API, no right, a timeout) costs those routes only.
    routeList('httproutes').catch((): WireRouteList => ({ items: [] })),
    routeList('grpcroutes').catch((): WireRouteList => ({ items: [] })),
  ]);
  return [
    ...services.items.map((s): Target => {
      const type = s.spec?.type ?? 'ClusterIP';
      return {
        kind: 'service',
        namespace: s.metadata?.namespace ?? '',
        name: s.metadata?.name ?? '',
        detail: type,
        hosts: [],
        ports: (s.spec?.ports ?? []).map((p) => p.port),
        suggestedKind: type === 'NodePort' || type === 'LoadBalancer' ? 'nodeport' : 'clusterip',
      };
    }),
    ...ingresses.items.map((i): Target => {
      const hosts = [
        ...new Set((i.spec?.rules ?? []).map((r) => r.host).filter((h): h is string => Boolean(h))),
      ];
      return {
        kind: 'ingress',
        namespace: i.metadata?.namespace ?? '',
        name: i.metadata?.name ?? '',
        detail: hosts.join(', ') || '(any host)',
        hosts,
        ports: [],
        suggestedKind: 'ingress',
      };
    }),
    ...[
      ...(routes.items ?? []).map((r) => ({ r, kind: 'httproute' as const })),
      ...(grpcRoutes.items ?? []).map((r) => ({ r, kind: 'grpcroute' as const })),
    ].map(({ r, kind }): Target => {
      const hosts = r.spec?.hostnames ?? [];
      return {
        kind,
        namespace: r.metadata?.namespace ?? '',
        name: r.metadata?.name ?? '',
        detail: hosts.join(', ') || '(any host)',
        hosts,
        ports: [],
        suggestedKind: 'gateway',
      };
    }),
  ];
}

export async function searchTargets(
  cluster: string | undefined,
  q: string,
  identity: KubeIdentity = KUBECONFIG_IDENTITY,
  limit = 20,
): Promise<Target[]> {
  const text = q.trim().toLowerCase();
  const slash = text.indexOf('/');
  const namespace = slash > 0 ? text.slice(0, slash) : undefined;
  const rest = slash > 0 ? text.slice(slash + 1) : text;
  // One caller's listing is never another's: what they may list differs.
  const key = `${identityKey(identity)}|${cluster ?? ''}|${namespace ?? '*'}`;
  let entry = cache.get(key);
  if (!entry || Date.now() - entry.at > TTL_MS) {
    entry = { at: Date.now(), targets: list(cluster, namespace, identity) };
    cache.delete(key);
    cache.set(key, entry);
    // Keep the most recent lists only: a map keyed by what people type must not grow forever.
    while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
    entry.targets.catch(() => cache.delete(key));
  }
  const all = await entry.targets;
  const score = (t: Target) => {
    const name = `${t.namespace}/${t.name}`;
    if (t.name === rest || t.hosts.includes(rest)) return 0;
    if (t.name.startsWith(rest) || t.hosts.some((h) => h.startsWith(rest))) return 1;
    return name.includes(rest) || t.hosts.some((h) => h.includes(rest)) ? 2 : 3;
  };
  return all
    .filter((t) => score(t) < 3)
    .sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name))
    .slice(0, limit);
}
