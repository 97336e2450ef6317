// Reading metric results out of a snapshot for the checks: a result is missing (not asked),
// unavailable (the source failed), empty (no series) or has series. Plus small statistics and
// the evidence line every metric finding carries.
import type { Evidence } from '@/lib/model/finding';
import {
  gatheredValue,
  type MetricQueryResult,
  type MetricSeries,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import { formatValue } from '@/lib/model/units';
import type { MetricId } from '@/lib/promql/queries';

export type MetricRead =
  | { state: 'not-asked' }
  | { state: 'unavailable'; issue: SourceIssue }
  | { state: 'empty'; result: MetricQueryResult }
  | { state: 'ok'; result: MetricQueryResult };

/**
 * A query's result, cut to the incident window for judging; `withContext` keeps the points
 * before it (range queries fetch half a window more, for the charts).
 */
export function readMetric(
  s: Snapshot,
  id: MetricId,
  options: { withContext?: boolean } = {},
): MetricRead {
  const g = s.metrics?.results[id];
  if (!g) return { state: 'not-asked' };
  if ('issue' in g) return { state: 'unavailable', issue: g.issue };
  const from = s.metrics?.window.start ?? g.value.start;
  const cut =
    g.value.kind === 'range' && !options.withContext && from > g.value.start
      ? {
          ...g.value,
          start: from,
          series: g.value.series.map((x) => ({
            ...x,
            points: x.points.filter((p) => p.t >= from),
          })),
        }
      : g.value;
  const finite = cut.series.filter((x) => x.points.some((p) => Number.isFinite(p.v)));
  return finite.length === 0
    ? { state: 'empty', result: cut }
    : { state: 'ok', result: { ...cut, series: finite } };
}

export function values(series: MetricSeries): number[] {
  return series.points.map((p) => p.v).filter((v) => Number.isFinite(v));
}

export const stat = {
  max: (v: number[]) => (v.length ? Math.max(...v) : NaN),
  mean: (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : NaN),
  last: (v: number[]) => (v.length ? v[v.length - 1]! : NaN),
};

/** Kept short for the checks' titles. */
export const fmt = formatValue;

export function queryEvidence(result: MetricQueryResult, summary: string): Evidence {
  return {
    kind: 'query',
    id: result.id,
    promql: result.promql,
    start: result.start,
    end: result.end,
    step: result.step,
    summary,
  };
}

/** The node a series is about: its `instance` (or `node`) label is a node name or IP, maybe with a port. */
export function nodeOf(s: Snapshot, labels: Record<string, string>): string | undefined {
  const raw = labels.node ?? labels.instance;
  if (!raw) return undefined;
  const host = raw.replace(/:\d+$/, '');
  if (s.nodes[host]) return host;
  return Object.keys(s.nodes).find((n) => gatheredValue(s.nodes[n])?.internalIP === host);
}
