import 'server-only';
// The host an alert's Ingress or route serves, read with the caller's identity when the alert
// carries no host label: its first rule's host (Ingress) or first hostname (route).
import type { AlertTarget } from '@/lib/model/alert-link';
import type { Caller } from './auth/caller';
import { kubeConfigFor } from '@/lib/sources/kube/clusters';
import { isNotFound, makeKubeApis, toSourceIssue } from '@/lib/sources/kube/api';

export async function hostOf(
  t: AlertTarget,
  caller: Caller,
): Promise<{ host: string } | { problem: string }> {
  if (t.host) return { host: t.host };
  const what = `${t.kind === 'ingress' ? 'Ingress' : t.routeKind === 'grpcroute' ? 'GRPCRoute' : 'HTTPRoute'} ${t.namespace}/${t.name}`;
  try {
    const { kc } = kubeConfigFor(t.cluster, caller.identity);
    const api = makeKubeApis(kc, {
      identity: caller.identity,
      timeoutMs: 3_000,
      requestId: caller.requestId,
    });
    const hosts =
      t.kind === 'ingress'
        ? (
            await api.networking.readNamespacedIngress(
              { namespace: t.namespace, name: t.name },
              api.options,
            )
          ).spec?.rules?.flatMap((r) => (r.host ? [r.host] : []))
        : (
            (await api.custom.getNamespacedCustomObject(
              {
                group: 'gateway.networking.k8s.io',
                version: 'v1',
                namespace: t.namespace,
                plural: `${t.routeKind ?? 'httproute'}s`,
                name: t.name,
              },
              api.options,
            )) as { spec?: { hostnames?: string[] } }
          ).spec?.hostnames;
    const host = hosts?.find((h) => !h.startsWith('*'));
    return host ? { host } : { problem: `${what} names no host: add a host label to the alert` };
  } catch (error) {
    if (isNotFound(error)) return { problem: `${what} does not exist` };
    // The kind of failure only: the API server's address or answer stays on the server.
    return {
      problem: `could not read ${what} for its host (${toSourceIssue(`read ${what}`, error).kind}): add a host label to the alert`,
    };
  }
}
