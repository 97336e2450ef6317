// The metric series each step shows as charts: current values and, where there is one, the same
// window a day earlier (an `offset 1d` query already carries the current timestamps). Pure.
import type { ChartData, ChartSeries } from '@/lib/model/diagnosis';
import type { StepId } from '@/lib/model/hops';
import type { MetricQueryResult, Snapshot } from '@/lib/model/snapshot';
import { readMetric } from './read-metrics';

const STEP_CHARTS: Record<StepId, readonly (readonly [id: string, baseline?: string])[]> = {
  1: [['node.cpu'], ['node.conntrack'], ['pod.throttling'], ['pod.memory']],
  2: [
    ['golden.rate', 'golden.rate.1d'],
    ['golden.errors', 'golden.errors.1d'],
    ['golden.p99', 'golden.p99.1d'],
  ],
  3: [['dns.servfail'], ['dns.p99']],
  4: [['kp.sync_p99']],
  5: [['ing.5xx'], ['ing.response_p99', 'ing.response_p99.1d'], ['ing.request_p99']],
  6: [],
};

function seriesName(labels: Record<string, string>, fallback: string): string {
  return labels.pod ?? labels.instance ?? labels.controller_pod ?? fallback;
}

function toSeries(r: MetricQueryResult, fallback: string): ChartSeries[] {
  return r.series.map((x) => ({
    name: seriesName(x.labels, fallback),
    points: x.points.filter((p) => Number.isFinite(p.v)),
  }));
}

export function chartsForStep(s: Snapshot, step: StepId): ChartData[] {
  const out: ChartData[] = [];
  for (const [id, baselineId] of STEP_CHARTS[step]) {
    const r = readMetric(s, id, { withContext: true });
    if (r.state !== 'ok' || r.result.kind !== 'range') continue;
    const b = baselineId ? readMetric(s, baselineId, { withContext: true }) : undefined;
    out.push({
      id,
      title: r.result.title,
      unit: r.result.unit,
      promql: r.result.promql,
      start: r.result.start,
      end: r.result.end,
      windowStart: s.metrics?.window.start ?? r.result.start,
      windowEnd: s.metrics?.window.end ?? r.result.end,
      series: toSeries(r.result, 'now'),
      ...(b?.state === 'ok'
        ? {
            baseline: toSeries(b.result, '1 day earlier').map((x) => ({
              ...x,
              name: `${x.name} (1 day earlier)`,
            })),
          }
        : {}),
    });
  }
  return out;
}
