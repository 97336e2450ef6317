import 'server-only';
// The clusters Hopscope can look at: the contexts of the kubeconfig named by HOPSCOPE_KUBECONFIG
// (or KUBECONFIG, or the in-cluster service account), narrowed to HOPSCOPE_CONTEXTS when set.
// Credentials stay here, on the server; a caller's own identity replaces or narrows them.
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

function loadKubeConfig(): KubeConfig {
  if (cached) return cached;
  const kc = new KubeConfig();
  const file = process.env.HOPSCOPE_KUBECONFIG ?? process.env.KUBECONFIG;
  try {
    if (file) kc.loadFromFile(file);
    else kc.loadFromDefault();
  } catch (error) {
    throw new KubeConfigError(
      `cannot read the kubeconfig${file ? ` ${file}` : ''}: set HOPSCOPE_KUBECONFIG to a readable kubeconfig`,
      { cause: error },
    );
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
