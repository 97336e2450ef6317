// Whether a hop's metric part could be looked at: Prometheus failing for its queries, or the
// series it needs absent, makes that part `unknown` with the reason — never `ok`.
import type { Finding } from '@/lib/model/finding';
import type { HopKind, StepId } from '@/lib/model/hops';
import type { Snapshot } from '@/lib/model/snapshot';
import { finding, sourceUnknown } from './finding-builder';
import type { MetricId } from '@/lib/promql/queries';
import { readMetric } from './read-metrics';

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
