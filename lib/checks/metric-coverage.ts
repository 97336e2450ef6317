// Whether a hop's metric part could be looked at: Prometheus failing for its queries, or the
// series it needs absent, makes that part `unknown` with the reason — never `ok`.
import type { Finding } from '@/lib/model/finding';
import type { HopKind, StepId } from '@/lib/model/hops';
import type { Snapshot } from '@/lib/model/snapshot';
import { finding, sourceUnknown } from './finding-builder';
import type { MetricId } from '@/lib/promql/queries';
import { clockTime, queryEvidence, readMetric } from './read-metrics';

export interface CoreSeries {
  id: MetricId;
  metric: string;
  scrapeHint: string;
}

export function metricCoverage(
  s: Snapshot,
  step: StepId,
  hop: HopKind,
  ids: readonly MetricId[],
  core: CoreSeries[],
): Finding[] {
  if (!s.metrics) return [];
  for (const id of ids) {
    const r = readMetric(s, id);
    if (r.state === 'unavailable') {
      return [
        {
          ...sourceUnknown(step, hop, r.issue),
          code: 'METRICS_UNAVAILABLE',
          title: `Prometheus: could not ${r.issue.what} (${r.issue.kind}): ${r.issue.message} — the metric part of ${hop} is unknown`,
        },
      ];
    }
  }
  const stale = staleSeries(s, step, hop, ids);
  if (stale.length > 0) return stale;
  return core
    .filter((c) => readMetric(s, c.id).state === 'empty')
    .map((c) =>
      finding('METRICS_SERIES_ABSENT', {
        step,
        hop,
        severity: 'unknown',
        title: `no series for ${c.metric}: ${c.scrapeHint}`,
        evidence: [{ kind: 'note', text: `query ${c.id} returned no series in the window` }],
      }),
    );
}

/** Series the hop depends on that stopped before the window ended: what they say is not now. */
function staleSeries(s: Snapshot, step: StepId, hop: HopKind, ids: readonly MetricId[]): Finding[] {
  for (const id of ids) {
    const r = readMetric(s, id);
    if (r.state !== 'stale') continue;
    return [
      finding('METRICS_STALE', {
        step,
        hop,
        severity: 'unknown',
        title: `no sample of ${r.result.title} since ${clockTime(r.lastAt)}: the metric part of ${hop} is unknown (is its exporter still scraped?)`,
        evidence: [queryEvidence(r.result, `newest sample at ${clockTime(r.lastAt)}`)],
      }),
    ];
  }
  return [];
}
