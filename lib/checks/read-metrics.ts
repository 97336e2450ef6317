// Reading metric results out of a snapshot for the checks: a result is missing (not asked),
// unavailable (the source failed), empty (no series), stale (its newest sample is older than
// Prometheus itself would still use) or has series. Plus small statistics and the evidence line
// every metric finding carries.
import type { Evidence } from '@/lib/model/finding';
import {
  gatheredValue,
  type MetricQueryResult,
  type MetricSeries,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import { formatValue } from '@/lib/model/units';
import { english, type Message } from '@/lib/i18n/message';
import type { MetricId } from '@/lib/promql/queries';

export type MetricRead =
  | { state: 'not-asked' }
  | { state: 'unavailable'; issue: SourceIssue }
  | { state: 'empty'; result: MetricQueryResult }
  /** Series that stopped: judging their last points would call a dead exporter healthy. */
  | { state: 'stale'; result: MetricQueryResult; lastAt: number }
  | { state: 'ok'; result: MetricQueryResult };

/**
 * A range result whose newest sample is older than this before the window's end is stale:
 * Prometheus's own lookback for an instant query is five minutes.
 */
export const STALE_AFTER_SECONDS = 300;

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
  if (finite.length === 0) return { state: 'empty', result: cut };
  const result = { ...cut, series: finite };
  if (cut.kind === 'range') {
    // A NaN point is still a sample (a ratio over an idle minute is 0/0): only the absence of
    // points says a series stopped. Points fall every `step`, so the last may sit up to one
    // step before the end on its own.
    const newest = Math.max(...cut.series.flatMap((x) => x.points.map((p) => p.t)));
    const end = s.metrics?.window.end ?? cut.end;
    const allowed = Math.max(STALE_AFTER_SECONDS, cut.step + STALE_AFTER_SECONDS / 5);
    if (newest < end - allowed) return { state: 'stale', result, lastAt: newest };
  }
  return { state: 'ok', result };
}

/** "21:40 UTC": when a stale series last had a sample. */
export function clockTime(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(11, 16)} UTC`;
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

/** A query with what its values said, as a message (the page shows it in the reader's language). */
export function queryEvidence(result: MetricQueryResult, summary: Message): Evidence {
  return {
    kind: 'query',
    id: result.id,
    promql: result.promql,
    start: result.start,
    end: result.end,
    step: result.step,
    summary: english(summary),
    summaryMessage: summary,
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
