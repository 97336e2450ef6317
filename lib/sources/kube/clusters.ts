import 'server-only';
// The clusters Hopscope can look at: inside a pod its own cluster through its ServiceAccount, plus
// the contexts of the kubeconfig named by HOPSCOPE_KUBECONFIG (or KUBECONFIG), narrowed to
// HOPSCOPE_CONTEXTS when set.
// Credentials stay here, on the server; a caller's own identity replaces or narrows them.
import { existsSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import type { KubeIdentity } from './identity';

export class UnknownClusterError extends Error {
  constructor(
    readonly cluster: string,
    readonly known: string[],
  ) {
    super(`unknown cluster "${cluster}"; known: ${known.join(', ') || 'none'}`);
    this.name = 'UnknownClusterError';
  }
}

export class KubeConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeConfigError';
  }
}

let cached: KubeConfig | undefined;

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
const IN_CLUSTER_ENTRY = 'hopscope:in-cluster-service-account';

/**
 * Inside a pod (KUBERNETES_SERVICE_HOST set and a ServiceAccount token mounted), the pod's own
 * cluster through its ServiceAccount, as the context HOPSCOPE_IN_CLUSTER_CONTEXT (default
 * `in-cluster`); HOPSCOPE_IN_CLUSTER=0 turns it off. The token file is re-read as the kubelet
 * rotates it. HOPSCOPE_SERVICE_ACCOUNT_ROOT prefixes the mount path (a test's stand-in for it).
 */
function inClusterConfig(): KubeConfig | null {
  if (process.env.HOPSCOPE_IN_CLUSTER === '0' || !process.env.KUBERNETES_SERVICE_HOST) return null;
  const root = process.env.HOPSCOPE_SERVICE_ACCOUNT_ROOT ?? '';
  if (!existsSync(`${root}${SERVICE_ACCOUNT_DIR}/token`)) return null;
  const loaded = new KubeConfig();
  loaded.loadFromCluster(root);
  const name = process.env.HOPSCOPE_IN_CLUSTER_CONTEXT || 'in-cluster';
  // The cluster and user get names no mounted kubeconfig uses, so its contexts cannot point at them.
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: loaded.clusters.map((c) => ({ ...c, name: IN_CLUSTER_ENTRY })),
    users: loaded.users.map((u) => ({ ...u, name: IN_CLUSTER_ENTRY })),
    contexts: [{ name, cluster: IN_CLUSTER_ENTRY, user: IN_CLUSTER_ENTRY }],
    currentContext: name,
  });
  return kc;
}

/**
 * The clusters: the pod's own (when in one) first and as the default, plus the contexts of the
 * kubeconfig named by HOPSCOPE_KUBECONFIG (or KUBECONFIG) — a mounted file naming more clusters.
 * Outside a pod, that kubeconfig (or the default one) alone.
 */
function loadKubeConfig(): KubeConfig {
  if (cached) return cached;
  const file = process.env.HOPSCOPE_KUBECONFIG ?? process.env.KUBECONFIG;
  const own = inClusterConfig();
  const kc = new KubeConfig();
  try {
    if (file) kc.loadFromFile(file);
    else if (!own) kc.loadFromDefault();
  } catch (error) {
    throw new KubeConfigError(
      `cannot read the kubeconfig${file ? ` ${file}` : ''}: set HOPSCOPE_KUBECONFIG to a readable kubeconfig`,
      { cause: error },
    );
  }
  if (own) {
    const taken = new Set(own.contexts.map((c) => c.name));
    const dropped = kc.contexts.filter((c) => taken.has(c.name)).map((c) => c.name);
    if (dropped.length > 0)
      console.error(
        `hopscope: the mounted kubeconfig's context ${dropped.join(', ')} has the in-cluster context's name and is left out`,
      );
    own.loadFromOptions({
      clusters: [...own.clusters, ...kc.clusters.filter((c) => c.name !== IN_CLUSTER_ENTRY)],
      users: [...own.users, ...kc.users.filter((u) => u.name !== IN_CLUSTER_ENTRY)],
      contexts: [...own.contexts, ...kc.contexts.filter((c) => !taken.has(c.name))],
      currentContext: own.currentContext,
    });
    cached = own;
    return own;
  }
  cached = kc;
  return kc;
}

/** The contexts that may be diagnosed: HOPSCOPE_CONTEXTS (comma-separated), or all of them. */
function allowedContexts(kc: KubeConfig): string[] {
  const all = kc.getContexts().map((c) => c.name);
  const listed = (process.env.HOPSCOPE_CONTEXTS ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return listed.length > 0 ? all.filter((name) => listed.includes(name)) : all;
}

/** The default context: the kubeconfig's current one when allowed, else the first allowed. */
function defaultContext(kc: KubeConfig): string | undefined {
  const allowed = allowedContexts(kc);
  return allowed.includes(kc.getCurrentContext()) ? kc.getCurrentContext() : allowed[0];
}

export function listClusters(): { name: string; current: boolean }[] {
  const kc = loadKubeConfig();
  const current = defaultContext(kc);
  return allowedContexts(kc).map((name) => ({ name, current: name === current }));
}

/** Whether commands need `--context`: the cluster is not the kubeconfig's current context. */
export function isDefaultContext(cluster: string): boolean {
  return loadKubeConfig().getCurrentContext() === cluster;
}

/**
 * A KubeConfig narrowed to one allowed context (the default when none is named), carrying the
 * caller's bearer token instead of the kubeconfig's credentials when the identity has one.
 * Impersonation is added per request (lib/sources/kube/api.ts).
 */
export function kubeConfigFor(
  cluster?: string,
  identity?: KubeIdentity,
): { kc: KubeConfig; name: string } {
  const base = loadKubeConfig();
  const allowed = allowedContexts(base);
  const name = cluster ?? defaultContext(base) ?? base.getCurrentContext();
  if (!allowed.includes(name)) throw new UnknownClusterError(name, allowed);
  const kc = new KubeConfig();
  kc.loadFromString(base.exportConfig());
  kc.setCurrentContext(name);
  if (identity?.kind !== 'bearer') return { kc, name };
  const context = kc.getContextObject(name)!;
  const server = kc.getCluster(context.cluster);
  if (!server) throw new KubeConfigError(`context ${name} names no cluster`);
  const own = new KubeConfig();
  own.loadFromOptions({
    clusters: [server],
    users: [{ name: 'caller', token: identity.token }],
    contexts: [{ name, cluster: server.name, user: 'caller' }],
    currentContext: name,
  });
  return { kc: own, name };
}
