// Whether a hop's metric part could be looked at: Prometheus failing for its queries, or the
// series it needs absent, makes that part `unknown` with the reason — never `ok`.
import type { Evidence, Finding } from '@/lib/model/finding';
import { HOP_LABELS, type HopKind, type StepId } from '@/lib/model/hops';
import type { MetricQueryResult, Snapshot } from '@/lib/model/snapshot';
import { finding, noteEvidence } from './finding-builder';
import type { MetricId } from '@/lib/promql/queries';
import { clockTime, queryEvidence, readMetric } from './read-metrics';
import { msg, words, type Message } from '@/lib/i18n/message';

export interface CoreSeries {
  id: MetricId;
  metric: string;
  /** What to look at when the series are absent: a question, built with `msg` (a bare string stays English). */
  scrapeHint: Message;
  /** The exact selectors tried (one per label layout), in order. */
  tried?: readonly string[];
  /** The bounded look at which label sets the metric does carry, and the values sought in them. */
  nearest?: { id: MetricId; wanted: readonly string[] };
}

/** How many label sets an "absent" finding names. */
const NEAREST_SHOWN = 3;

/**
 * The label sets of a `count by (…)` look, nearest first: those whose values match more of the
 * wanted ones (namespace, Ingress, host…) lead, then the most series. Printed as `{l="v",…} (n series)`.
 */
export function nearestSeries(result: MetricQueryResult, wanted: readonly string[]): string[] {
  const want = new Set(wanted.filter((w) => w !== ''));
  return result.series
    .map((x) => ({
      labels: Object.entries(x.labels).filter(([k]) => k !== '__name__'),
      n: x.points.at(-1)?.v ?? 0,
    }))
    .map((x) => ({ ...x, score: x.labels.filter(([, v]) => want.has(v)).length }))
    .sort((a, b) => b.score - a.score || b.n - a.n)
    .slice(0, NEAREST_SHOWN)
    .map(
      (x) => `{${x.labels.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}} (${x.n} series)`,
    );
}

/** What a look at the nearest series found, for its query evidence. */
export function nearestSummary(sets: readonly string[]): Message {
  return sets.length > 0 ? msg`nearest: ${sets.join(', ')}` : msg`no series`;
}

function absent(s: Snapshot, step: StepId, hop: HopKind, c: CoreSeries): Finding {
  const tried = c.tried ?? [];
  const look = c.nearest ? readMetric(s, c.nearest.id) : undefined;
  const sets = look?.state === 'ok' ? nearestSeries(look.result, c.nearest?.wanted ?? []) : [];
  const found =
    look?.state === 'ok'
      ? msg`; series that exist: ${sets.map((x) => `${c.metric}${x}`).join(', ')}`
      : look?.state === 'empty'
        ? msg`; ${c.metric} has no series at all`
        : '';
  const what = tried.length > 0 ? msg`tried ${tried.join(', ')}` : msg`no series for ${c.metric}`;
  const evidence: Evidence[] = [
    noteEvidence(msg`query ${c.id} returned no series in the window`),
    ...tried.map((t) => noteEvidence(msg`tried ${t}`)),
    ...(look && (look.state === 'ok' || look.state === 'empty')
      ? [queryEvidence(look.result, nearestSummary(sets))]
      : []),
  ];
  return finding('METRICS_SERIES_ABSENT', {
    step,
    hop,
    severity: 'unknown',
    title: msg`${what}${found}: ${c.scrapeHint}`,
    evidence,
  });
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
      // The query that failed is evidence; the sentence is the source's failure, in words.
      return [
        finding('METRICS_UNAVAILABLE', {
          step,
          hop,
          severity: 'unknown',
          title: msg`metric part of the ${words(HOP_LABELS[hop])} unknown: ${r.issue.message}`,
          evidence: [{ kind: 'source', issue: r.issue }],
        }),
      ];
    }
  }
  const stale = staleSeries(s, step, hop, ids);
  if (stale.length > 0) return stale;
  return core
    .filter((c) => readMetric(s, c.id).state === 'empty')
    .map((c) => absent(s, step, hop, c));
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
        title: msg`no sample of ${r.result.titleMessage ?? r.result.title} since ${clockTime(r.lastAt)}: the metric part of ${hop} is unknown (is its exporter still scraped?)`,
        evidence: [queryEvidence(r.result, msg`newest sample at ${clockTime(r.lastAt)}`)],
      }),
    ];
  }
  return [];
}
