// The metric series a step shows as charts (each step declares its own, by query id): current
// values and, where there is one, the same window a day earlier (an `offset 1d` query already
// carries the current timestamps). Pure.
import { BASELINE_NAME, type ChartData, type ChartSeries } from '@/lib/model/diagnosis';
import type { MetricQueryResult, Snapshot } from '@/lib/model/snapshot';
import type { MetricId } from '@/lib/promql/queries';
import { english, type Message } from '@/lib/i18n/message';
import { readMetric } from './read-metrics';
import type { Thresholds } from './thresholds';

/** A chart: the query drawn, and the baseline query drawn dashed beside it. */
export interface ChartSpec {
  id: MetricId;
  baseline?: MetricId;
  /** The limit the step's check holds this series to, when it has a fixed one. */
  threshold?: (t: Thresholds) => { value: number; label: Message };
  /** Where the series come from (the exporter, the controller), in words. */
  source?: string | ((s: Snapshot) => string | undefined);
}

function seriesName(labels: Record<string, string>, fallback: string): string {
  return labels.pod ?? labels.instance ?? labels.controller_pod ?? fallback;
}

function toSeries(r: MetricQueryResult, fallback: string): ChartSeries[] {
  return r.series.map((x) => ({
    name: seriesName(x.labels, fallback),
    points: x.points.filter((p) => Number.isFinite(p.v)),
  }));
}

export function drawCharts(
  s: Snapshot,
  charts: readonly ChartSpec[],
  thresholds: Thresholds,
): ChartData[] {
  const out: ChartData[] = [];
  for (const { id, baseline: baselineId, threshold, source } of charts) {
    const r = readMetric(s, id, { withContext: true });
    // A stale series is drawn too: the chart shows where it stopped.
    if ((r.state !== 'ok' && r.state !== 'stale') || r.result.kind !== 'range') continue;
    const b = baselineId ? readMetric(s, baselineId, { withContext: true }) : undefined;
    const named = typeof source === 'function' ? source(s) : source;
    const limit = threshold?.(thresholds);
    out.push({
      id,
      title: r.result.title,
      ...(r.result.titleMessage ? { titleMessage: r.result.titleMessage } : {}),
      unit: r.result.unit,
      promql: r.result.promql,
      start: r.result.start,
      end: r.result.end,
      windowStart: s.metrics?.window.start ?? r.result.start,
      windowEnd: s.metrics?.window.end ?? r.result.end,
      series: toSeries(r.result, 'now'),
      ...(b?.state === 'ok' || b?.state === 'stale'
        ? {
            baseline: toSeries(b.result, BASELINE_NAME).map((x) => ({
              ...x,
              name: x.name === BASELINE_NAME ? x.name : `${x.name}, ${BASELINE_NAME}`,
            })),
          }
        : {}),
      ...(limit
        ? {
            threshold: {
              value: limit.value,
              label: english(limit.label),
              labelMessage: limit.label,
            },
          }
        : {}),
      ...(named ? { source: named } : {}),
    });
  }
  return out;
}
