import 'server-only';
// The clusters Hopscope can look at: the contexts of the kubeconfig named by HOPSCOPE_KUBECONFIG
// (or KUBECONFIG, or the in-cluster service account). Credentials stay here, on the server.
import { KubeConfig } from '@kubernetes/client-node';

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

export function listClusters(): { name: string; current: boolean }[] {
  const kc = loadKubeConfig();
  return kc
    .getContexts()
    .map((c) => ({ name: c.name, current: c.name === kc.getCurrentContext() }));
}

/** A KubeConfig narrowed to one context; the default context when none is named. */
export function kubeConfigFor(cluster?: string): { kc: KubeConfig; name: string } {
  const base = loadKubeConfig();
  const name = cluster ?? base.getCurrentContext();
  const known = base.getContexts().map((c) => c.name);
  if (!known.includes(name)) throw new UnknownClusterError(name, known);
  const kc = new KubeConfig();
  kc.loadFromString(base.exportConfig());
  kc.setCurrentContext(name);
  return { kc, name };
}
