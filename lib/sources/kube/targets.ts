import 'server-only';
// Type-ahead over the Services and Ingresses of a cluster. "shop/" scopes the listing to one
// namespace; otherwise one cluster-wide list of Services and of Ingresses (never pods), kept
// for a short while so that typing costs no API requests.
import type { SourceIssue } from '@/lib/model/snapshot';
import { KubeConfigError, kubeConfigFor, UnknownClusterError } from './clusters';
import { makeKubeApis, toSourceIssue } from './api';
import type { Target } from '@/lib/model/target';
import {
  isIpLiteral,
  matchTargets,
  publicTarget,
  type ListedTarget,
} from '@/lib/model/target-match';
import { matchesSelector } from '@/lib/model/labels';
import { identityKey, KUBECONFIG_IDENTITY, type KubeIdentity } from './identity';

const TTL_MS = 30_000;
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

interface WireRouteList {
  items?: { metadata?: { namespace?: string; name?: string }; spec?: { hostnames?: string[] } }[];
}
const LIST_LIMIT = 2000;
const MAX_CACHED = 32;
const cache = new Map<string, { at: number; targets: Promise<ListedTarget[]> }>();
/** Pods looked up for an IP typed into the picker (one LIST by status.podIP). */
const POD_IP_LIMIT = 5;

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
): Promise<ListedTarget[]> {
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
): Promise<ListedTarget[]> {
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
    ...services.items.map((s): ListedTarget => {
      const type = s.spec?.type ?? 'ClusterIP';
      return {
        clusterIP: s.spec?.clusterIP,
        selector: s.spec?.selector,
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
  const matched = matchTargets(all, text, limit);
  if (matched.length > 0 || !isIpLiteral(rest)) return matched;
  return servicesOfPodIp(cluster, namespace, rest, identity, all);
}

/**
 * An IP that is no Service's ClusterIP may be a pod's: the Services of its namespace whose
 * selector picks that pod. One LIST of pods by status.podIP (an indexed field).
 */
async function servicesOfPodIp(
  cluster: string | undefined,
  namespace: string | undefined,
  ip: string,
  identity: KubeIdentity,
  all: readonly ListedTarget[],
): Promise<Target[]> {
  const { kc } = kubeConfigFor(cluster, identity);
  const api = makeKubeApis(kc, { identity });
  const fieldSelector = `status.podIP=${ip}`;
  // From the API server's watch cache (resourceVersion 0), not a read of every pod in etcd; a
  // caller who may not list pods gets no pod-IP matches, not a failed search.
  let pods;
  try {
    pods = namespace
      ? await api.core.listNamespacedPod(
          { namespace, fieldSelector, limit: POD_IP_LIMIT, resourceVersion: '0' },
          api.options,
        )
      : await api.core.listPodForAllNamespaces(
          { fieldSelector, limit: POD_IP_LIMIT, resourceVersion: '0' },
          api.options,
        );
  } catch (error) {
    const issue = toSourceIssue(`list pods with ${fieldSelector}`, error);
    if (issue.kind === 'forbidden' || issue.kind === 'unauthorized') return [];
    throw new TargetListError(issue);
  }
  const seen = new Set<string>();
  return pods.items.flatMap((pod) => {
    const ns = pod.metadata?.namespace ?? '';
    const labels = pod.metadata?.labels ?? {};
    return all
      .filter(
        (t) =>
          t.kind === 'service' &&
          t.namespace === ns &&
          Object.keys(t.selector ?? {}).length > 0 &&
          matchesSelector(labels, { matchLabels: t.selector }) &&
          !seen.has(`${t.namespace}/${t.name}`),
      )
      .map((t) => {
        seen.add(`${t.namespace}/${t.name}`);
        return t;
      })
      .map((t) => ({
        ...publicTarget(t),
        note: `selects pod ${ns}/${pod.metadata?.name} (${ip})`,
      }));
  });
}
