// Which endpoint addresses to look up for other holders. Each look-up is a cluster-wide pod LIST
// by `status.podIP` (not indexed: the API server scans every pod), so only a bounded sample is
// made, the likeliest first. What the path already gives decides the order: an endpoint whose
// targetRef names a selected pod holding that IP is consistent, yet a leaked sandbox may still
// hold the same IP, so those are sampled after the inconsistent ones, not skipped.
import type { EndpointSliceInfo, PodInfo } from '@/lib/model/snapshot';

/** The order, in words, for the evidence ("examined N of M, …"). */
export const IP_LOOKUP_ORDER =
  'first addresses no selected pod holds as its endpoint says, then those of pods not ready, restarting or newest (a reused address is a recent one); addresses of ready pods that never restarted and hold the address their endpoint names are not looked up, so that a healthy Service costs the API server no cluster-wide scan';

/**
 * Endpoint addresses worth looking up, in order (every address once), and the quiet ones that are
 * not: a ready pod that never restarted, holding the address its endpoint names, shows none of
 * what a shared address does (refused connections, failing probes, restarts).
 */
export function ipLookupPlan(
  slices: EndpointSliceInfo[],
  pods: PodInfo[],
): { lookups: string[]; quiet: string[] } {
  const ranked = rankedAddresses(slices, pods);
  return {
    lookups: ranked.filter((r) => r.rank < QUIET).map((r) => r.ip),
    quiet: ranked.filter((r) => r.rank === QUIET).map((r) => r.ip),
  };
}

const QUIET = 3;

function rankedAddresses(
  slices: EndpointSliceInfo[],
  pods: PodInfo[],
): { ip: string; rank: number }[] {
  const byName = new Map(pods.map((p) => [p.name, p]));
  const rank = new Map<string, number>();
  const start = new Map<string, number>();
  for (const slice of slices)
    for (const ep of slice.endpoints)
      for (const ip of ep.addresses) {
        const pod = ep.targetRef?.name ? byName.get(ep.targetRef.name) : undefined;
        const consistent = pod !== undefined && pod.podIP === ip;
        const restarts = pod ? Math.max(0, ...pod.containers.map((c) => c.restartCount)) : 0;
        const r = !consistent ? 0 : !pod.ready ? 1 : restarts > 0 ? 2 : QUIET;
        rank.set(ip, Math.min(rank.get(ip) ?? r, r));
        start.set(ip, Date.parse(pod?.startTime ?? pod?.createdAt ?? '') || 0);
      }
  return [...rank.keys()]
    .sort(
      (a, b) => rank.get(a)! - rank.get(b)! || start.get(b)! - start.get(a)! || (a < b ? -1 : 1),
    )
    .map((ip) => ({ ip, rank: rank.get(ip)! }));
}
