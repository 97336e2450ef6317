import 'server-only';
// Which of the pods a node's metrics still report the API server no longer has: leaked pod
// sandboxes keep their network namespace and IP after the pod object is gone.
import type { Gathered, PodOnNode } from '@/lib/model/snapshot';
import { gatherOne, type KubeApis } from './api';

/** At most this many pods are looked up, one GET each, per diagnosis. */
export const MAX_POD_LOOKUPS = 20;

export async function findMissingPods(
  api: KubeApis,
  candidates: Gathered<PodOnNode[]>,
): Promise<Gathered<PodOnNode[]>> {
  if ('issue' in candidates) return candidates;
  const missing: PodOnNode[] = [];
  for (const c of candidates.value.slice(0, MAX_POD_LOOKUPS)) {
    const found = await gatherOne(
      `get Pod ${c.namespace}/${c.pod}`,
      () => api.core.readNamespacedPod({ namespace: c.namespace, name: c.pod }, api.options),
      () => true,
    );
    if ('issue' in found) return { issue: found.issue };
    if (found.value === null) missing.push(c);
  }
  return { value: missing };
}
