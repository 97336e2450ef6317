import 'server-only';
// The pods of a controller the path goes through, found through its Service: Services are few,
// so a cluster-wide LIST of them by label is cheap, and the pods are then read in one namespace.
import { selectorString } from '@/lib/model/labels';
import { gatheredValue, type Gathered, type PodInfo, type ServiceInfo } from '@/lib/model/snapshot';
import { toPodInfo, toServiceInfo } from './adapt';
import { gatherList, type KubeApis } from './api';

/** Controller pods listed cluster-wide by label, when no controller Service names their namespace. */
const MAX_CONTROLLER_PODS = 100;

/**
 * A controller's pods (an ingress controller's, a Gateway's data plane): its Service found by
 * label (Services are few, pods are many), then its pods by that Service's selector in its own
 * namespace. Only without a Service are the pods looked for by the label, and then a bounded
 * number. `namespace` keeps both lookups in one namespace when the label alone is not unique
 * across the cluster (a Gateway's name).
 */
export async function collectControllerPods(
  api: KubeApis,
  profile: { podSelector: string; serviceSelector: string; namespace?: string },
): Promise<[Gathered<PodInfo[]>, Gathered<ServiceInfo | null>]> {
  const o = api.options;
  const ns = profile.namespace;
  const service = await gatherList(
    `list controller Services${ns ? ` in ${ns}` : ''} with ${profile.serviceSelector}`,
    () =>
      ns
        ? api.core.listNamespacedService(
            { namespace: ns, labelSelector: profile.serviceSelector, limit: 10 },
            o,
          )
        : api.core.listServiceForAllNamespaces(
            { labelSelector: profile.serviceSelector, limit: 10 },
            o,
          ),
    (l): ServiceInfo | null => (l.items[0] ? toServiceInfo(l.items[0]) : null),
  );
  const svc = gatheredValue(service);
  const selector = svc && Object.keys(svc.selector).length > 0 ? svc.selector : undefined;
  const pods: Gathered<PodInfo[]> =
    svc && selector
      ? await gatherList(
          `list controller pods in ${svc.namespace} with ${selectorString(selector)}`,
          () =>
            api.core.listNamespacedPod(
              {
                namespace: svc.namespace,
                labelSelector: selectorString(selector),
                limit: MAX_CONTROLLER_PODS,
              },
              o,
            ),
          (l) => l.items.map(toPodInfo),
        )
      : await gatherList(
          `list controller pods${ns ? ` in ${ns}` : ''} with ${profile.podSelector}`,
          () =>
            ns
              ? api.core.listNamespacedPod(
                  { namespace: ns, labelSelector: profile.podSelector, limit: MAX_CONTROLLER_PODS },
                  o,
                )
              : api.core.listPodForAllNamespaces(
                  { labelSelector: profile.podSelector, limit: MAX_CONTROLLER_PODS },
                  o,
                ),
          (l) => l.items.map(toPodInfo),
        );
  return [pods, service];
}
