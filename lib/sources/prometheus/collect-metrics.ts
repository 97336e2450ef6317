import 'server-only';
// Runs what the steps declared for a path against Prometheus: first the golden-metric profile
// probes in order, then every query (with the chosen profile's), a few at a time. Talks to
// Prometheus only; which queries to run is the steps' business.
import type { Gathered, MetricQueryResult, MetricsSide, SourceIssue } from '@/lib/model/snapshot';
import type { MetricPlan, ProfileCandidate } from '@/lib/promql/plan';
import type { QuerySpec } from '@/lib/promql/queries';
import { withContext, type MetricWindow } from '@/lib/promql/window';
import type { PrometheusClient } from './client';

/** What Prometheus said for a path: everything of the snapshot's metrics but the Kubernetes lookups. */
export type PrometheusEvidence = Omit<MetricsSide, 'orphanedContainers'>;

type Results = Record<string, Gathered<MetricQueryResult>>;

/** At most this many queries in flight: a diagnosis must not become a load spike on a struggling Prometheus. */
const CONCURRENCY = 6;

function outage(issue: SourceIssue): boolean {
  return issue.kind === 'unreachable' || issue.kind === 'timeout';
}

export async function runAll(
  prom: PrometheusClient,
  specs: readonly QuerySpec<string>[],
  window: MetricWindow,
): Promise<Results> {
  const results: Results = {};
  const queue = [...specs];
  let down: SourceIssue | undefined;
  // Once one query finds Prometheus unreachable or timing out, the rest are not sent to wait
  // for the same.
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        if (down) {
          results[spec.id] = { issue: { ...down, what: `run ${spec.id}` } };
          continue;
        }
        const r = await prom.run(spec, window);
        if ('issue' in r && outage(r.issue)) down = r.issue;
        results[spec.id] = r;
      }
    }),
  );
  return results;
}

/** The first profile whose probe finds series, with every probe's answer; null when none has. */
async function chooseProfile(
  prom: PrometheusClient,
  candidates: readonly ProfileCandidate[],
  window: MetricWindow,
): Promise<{ chosen: ProfileCandidate | null; probes: Results; down?: SourceIssue }> {
  const probes: Results = {};
  for (const c of candidates) {
    const result = await prom.run(c.probe, window);
    probes[c.probe.id] = result;
    if ('issue' in result) return { chosen: null, probes, down: result.issue }; // stop asking
    if ((result.value.series[0]?.points[0]?.v ?? 0) > 0) return { chosen: c, probes };
  }
  return { chosen: null, probes };
}

export async function collectMetrics(
  prom: PrometheusClient,
  plan: MetricPlan,
  window: MetricWindow,
): Promise<PrometheusEvidence> {
  const { chosen, probes, down } = await chooseProfile(prom, plan.goldenProfiles, window);
  const specs = [...(chosen?.queries ?? []), ...plan.queries];
  // When a probe already found Prometheus failing, do not pile up timeouts behind it.
  const results: Results = down
    ? Object.fromEntries(specs.map((q) => [q.id, { issue: { ...down, what: `run ${q.id}` } }]))
    : await runAll(prom, specs, withContext(window));
  return {
    window,
    goldenProfile: chosen?.profile ?? null,
    goldenProfilesTried: plan.goldenProfiles.map((c) => c.profile),
    results: { ...results, ...probes },
    queries: prom.queries(),
  };
}
