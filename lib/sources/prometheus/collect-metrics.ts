import 'server-only';
// Runs what the steps declared for a path against Prometheus: first the probes (golden-metric
// candidates, and each source's label layouts, each list in order), then every query (with the
// chosen candidate's and layouts'), a few at a time. When nothing matched, a bounded look at
// the series that do exist. Talks to Prometheus only; which queries to run is the steps' business.
import type { Gathered, MetricQueryResult, MetricsSide, SourceIssue } from '@/lib/model/snapshot';
import type { MetricPlan } from '@/lib/promql/plan';
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

export interface Probed<C> {
  chosen: C | null;
  probes: Results;
  down?: SourceIssue;
}

/** The first candidate whose probe finds series, with every probe's answer; null when none has. */
export async function firstWithSeries<C extends { probe: QuerySpec<string> }>(
  prom: PrometheusClient,
  candidates: readonly C[],
  window: MetricWindow,
): Promise<Probed<C>> {
  const probes: Results = {};
  for (const c of candidates) {
    const result = await prom.run(c.probe, window);
    probes[c.probe.id] = result;
    if ('issue' in result) return { chosen: null, probes, down: result.issue }; // stop asking
    if ((result.value.series[0]?.points[0]?.v ?? 0) > 0) return { chosen: c, probes };
  }
  return { chosen: null, probes };
}

/**
 * The queries to run once the probes have answered: the chosen golden candidate's (or, when none
 * had series, the bounded look at the series that exist), each source's chosen layout's (or its
 * first layout's, which will answer "no series", and the look at what exists), then the rest.
 */
export function queriesAfterProbes(
  plan: MetricPlan,
  golden: Probed<MetricPlan['goldenProfiles'][number]>,
  layouts: readonly Probed<MetricPlan['layoutChoices'][number]['candidates'][number]>[],
): QuerySpec[] {
  const goldenSpecs = golden.chosen
    ? golden.chosen.queries
    : plan.goldenProfiles.length > 0
      ? plan.goldenNearest
      : [];
  const layoutSpecs = plan.layoutChoices.flatMap((choice, i) => {
    const chosen = layouts[i]?.chosen;
    if (chosen) return chosen.queries;
    return [...(choice.candidates[0]?.queries ?? []), choice.nearest];
  });
  return [...goldenSpecs, ...layoutSpecs, ...plan.queries];
}

export async function collectMetrics(
  prom: PrometheusClient,
  plan: MetricPlan,
  window: MetricWindow,
): Promise<PrometheusEvidence> {
  const [golden, ...layouts] = await Promise.all([
    firstWithSeries(prom, plan.goldenProfiles, window),
    ...plan.layoutChoices.map((c) => firstWithSeries(prom, c.candidates, window)),
  ]);
  const down = [golden!, ...layouts].find((p) => p.down)?.down;
  const specs = queriesAfterProbes(plan, golden!, layouts);
  // When a probe already found Prometheus failing, do not pile up timeouts behind it.
  const results: Results = down
    ? Object.fromEntries(specs.map((q) => [q.id, { issue: { ...down, what: `run ${q.id}` } }]))
    : await runAll(prom, specs, withContext(window));
  return {
    window,
    goldenProfile: golden!.chosen?.profile ?? null,
    goldenLayout: golden!.chosen?.layout ?? null,
    goldenProfilesTried: [...new Set(plan.goldenProfiles.map((c) => c.profile))],
    layouts: Object.fromEntries(
      plan.layoutChoices.map((c, i) => [c.source, layouts[i]?.chosen?.layout ?? null]),
    ),
    results: { ...results, ...Object.assign({}, golden!.probes, ...layouts.map((l) => l.probes)) },
    queries: prom.queries(),
    samples: prom.samplesLoaded(),
  };
}
