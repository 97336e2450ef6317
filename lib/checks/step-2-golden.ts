// Step 2 — golden metrics of the backend: request rate, error ratio and latency in the window
// against the same window one day (and one hour) earlier. A drop of traffic to zero is a
// failure of its own: a hung backend completes nothing and so reports no errors.
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type Snapshot } from '@/lib/model/snapshot';
import { routeSeries } from './step-5-gateway-metrics';
import {
  controllerGoldenProfile,
  gatewayGoldenProfile,
  GOLDEN_PROFILES,
  type GoldenProfile,
} from '@/lib/profiles/golden-metrics';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import { answeredMatchers, BASELINE_OFFSETS, golden, goldenMatchers } from '@/lib/promql/queries';
import { windowRange } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import {
  ageMs,
  backendNamespace,
  backendPods,
  formatAge,
  pathBackendRef,
  pathIngressProfile,
} from './read-snapshot';
import { finding, noteEvidence, objectEvidence, sourceUnknown, subject } from './finding-builder';
import { fmt, queryEvidence, readMetric, stat, values, type MetricRead } from './read-metrics';
import { metricCoverage, nearestSeries, nearestSummary } from './metric-coverage';
import type { Thresholds } from './thresholds';
import { sh } from './command';
import { msg, type Message } from '@/lib/i18n/message';

function series(r: MetricRead): number[] {
  return r.state === 'ok' ? r.result.series.flatMap(values) : [];
}

/**
 * The sources that can describe this backend, in probe order: the app's and the mesh's own
 * series, then (on an Ingress path) what the path's ingress controller counts for it.
 */
function goldenProfiles(s: Snapshot): GoldenProfile[] {
  const controller = pathIngressProfile(s);
  const ref = pathBackendRef(s);
  const viaController = controller && ref ? controllerGoldenProfile(controller, ref) : undefined;
  // A Gateway path: the route rule's upstream clusters, as the Gateway's Envoy counts them.
  const route = s.path.kind === 'gateway' ? routeSeries(s) : null;
  const viaGateway =
    route?.names.kind === 'envoy-cluster'
      ? gatewayGoldenProfile(route.profile.title, route.names, route.m)
      : undefined;
  return [
    ...GOLDEN_PROFILES,
    ...(viaController ? [viaController] : []),
    ...(viaGateway ? [viaGateway] : []),
  ];
}

/** Every (profile, label layout) that can describe this backend, in probe order, with its matchers. */
function goldenCandidates(s: Snapshot) {
  const pods = backendPods(s).map((p) => p.name);
  const target = { namespace: backendNamespace(s), service: s.backendServiceName ?? '', pods };
  return goldenProfiles(s).flatMap((profile) =>
    profile.layouts
      .filter((layout) => layout.by !== 'pods' || pods.length > 0)
      .map((layout) => ({ profile, layout, m: goldenMatchers(profile, layout, target) })),
  );
}

/**
 * Every golden-metric profile and label layout that can describe this backend, in order: the
 * collector runs the queries of the first whose series exist, or else a bounded look at the
 * series each profile's metric does have.
 */
export function goldenQueries({ snapshot: s, window }: PlanInput): MetricPlan {
  // No backend Service, or one that selects no pod: there is nothing of its own to measure, and
  // an empty service label would match foreign series.
  const pods = s.backend?.pods;
  if (!s.backendServiceName || !pods || ('value' in pods && pods.value.length === 0))
    return EMPTY_PLAN;
  const candidates = goldenCandidates(s);
  const profiles = [...new Set(candidates.map((c) => c.profile))];
  return {
    ...EMPTY_PLAN,
    goldenProfiles: candidates.map(({ profile: p, layout, m }) => {
      // Rate and errors are the backend's own answers; a histogram times only those anyway.
      const answered = answeredMatchers(p, m);
      const timed = p.histogram === undefined ? undefined : { ...p, histogram: p.histogram };
      return {
        profile: p.id,
        layout: layout.id,
        probe: golden.presence(p, layout, m, windowRange(window)),
        queries: [
          golden.requestRate(p, answered),
          golden.errorRatio(p, m),
          ...(p.answeredBy || p.ownAnswers ? [golden.offered(p, m)] : []),
          ...(timed ? [golden.latency(timed, m, 'p99'), golden.latency(timed, m, 'p50')] : []),
          ...BASELINE_OFFSETS.flatMap((o) => [
            golden.requestRate(p, answered, o),
            golden.errorRatio(p, m, o),
            ...(timed ? [golden.latency(timed, m, 'p99', o)] : []),
          ]),
        ],
      };
    }),
    goldenNearest: profiles.map((p) => golden.nearest(p, windowRange(window))),
  };
}

/**
 * Where the golden series come from, in words: the profile and label layout that had series,
 * and when they are the ingress controller's, that they count only requests through it.
 */
export function goldenSource(s: Snapshot): string | undefined {
  const m = s.metrics;
  const profile = goldenProfiles(s).find((p) => p.id === m?.goldenProfile);
  if (!m || !profile) return undefined;
  const layout = m.goldenLayout === 'exported' ? ', exported_* labels' : '';
  const viaIngress =
    profile.id === 'ingress-nginx' && s.path.kind !== 'ingress'
      ? ' — only requests that came through the ingress controller, not this path’s own'
      : profile.through
        ? ` — the backend as ${profile.through} counts it${profile.answeredBy ? ' (its own answers apart)' : ''}`
        : '';
  return `${profile.title}${layout}${viaIngress}`;
}

export const GOLDEN_CHARTS: readonly ChartSpec[] = [
  { id: 'golden.rate', baseline: 'golden.rate.1d', source: goldenSource },
  {
    id: 'golden.errors',
    baseline: 'golden.errors.1d',
    source: goldenSource,
    threshold: (t) => ({
      value: t.errorRatio.fail,
      label: msg`fail above ${+(t.errorRatio.fail * 100).toFixed(2)} %`,
    }),
  },
  { id: 'golden.p99', baseline: 'golden.p99.1d', source: goldenSource },
];

function isProbe(id: string): id is `golden.presence.${string}` {
  return id.startsWith('golden.presence.');
}

/** The same window a day earlier; an hour earlier when the day-old series are not there (a new service). */
function baseline(s: Snapshot, id: 'golden.rate' | 'golden.errors' | 'golden.p99'): MetricRead {
  const day = readMetric(s, `${id}.1d`);
  return day.state === 'ok' ? day : readMetric(s, `${id}.1h`);
}

/** How far back the baseline read lies. */
function when(base: MetricRead): Message {
  return base.state === 'ok' && base.result.id.endsWith('.1h') ? msg`an hour` : msg`a day`;
}

/** No candidate had series: the exact selectors tried, and the nearest series that exist. */
function goldenAbsent(s: Snapshot): Finding {
  const candidates = goldenCandidates(s).filter((c) =>
    s.metrics?.goldenProfilesTried.includes(c.profile.id),
  );
  const tried = candidates.map((c) => golden.requestsSelector(c.profile, c.m));
  const wanted = [
    backendNamespace(s),
    s.backendServiceName ?? '',
    ...backendPods(s).map((p) => p.name),
  ];
  const nearest = [...new Set(candidates.map((c) => c.profile))].flatMap((p) => {
    const r = readMetric(s, `golden.nearest.${p.id}`);
    return r.state === 'ok'
      ? [{ profile: p, result: r.result, sets: nearestSeries(r.result, wanted) }]
      : [];
  });
  const best = nearest
    .flatMap((n) => n.sets.slice(0, 1).map((set) => `${n.profile.requests}${set}`))
    .slice(0, 2);
  const more = tried.length > 1 ? msg` and ${tried.length - 1} more selectors (listed below)` : '';
  const exist =
    best.length > 0
      ? msg`series that exist: ${best.join(', ')}`
      : msg`none of these metrics has series`;
  return finding('METRICS_SERIES_ABSENT', {
    step: 2,
    hop: 'pods',
    severity: 'unknown',
    title: msg`no request metrics for ${backendNamespace(s)}/${s.backendServiceName ?? '?'} in the window: tried ${tried[0] ?? msg`no selector (no backend pods)`}${more}; ${exist} — is the app, mesh or ingress controller scraped, and with which labels?`,
    evidence: [
      ...tried.map((t) => noteEvidence(msg`tried ${t}`)),
      ...nearest.map((n) => queryEvidence(n.result, nearestSummary(n.sets))),
    ],
  });
}

function checkGoldenMetrics(s: Snapshot, t: Thresholds): Finding[] {
  const m = s.metrics;
  if (!m) return [];
  // Whichever profiles were probed: a failed probe means Prometheus failed, not that the app is unscraped.
  const probes = Object.keys(m.results).filter(isProbe);
  const unavailable = metricCoverage(s, 2, 'pods', ['golden.rate', ...probes], []);
  if (unavailable.length > 0) return unavailable;
  if (!m.goldenProfile) return [goldenAbsent(s)];
  const out: Finding[] = [];
  // The backend's own series: whatever they say is about every pod behind the Service.
  const servingPods = backendPods(s).map((p) => subject.pod(p.name));
  const rate = readMetric(s, 'golden.rate');
  const base = baseline(s, 'golden.rate');
  const now = stat.mean(series(rate));
  const before = stat.mean(series(base));
  const recent = stat.mean(series(rate).slice(-5));
  const offered = readMetric(s, 'golden.offered');
  const offeredRecent = stat.mean(series(offered).slice(-5));
  const dropped =
    Number.isFinite(before) &&
    before >= t.trafficDrop.minBaselineRps &&
    !(recent >= before * t.trafficDrop.ratio);
  // The source still gets the requests but answers them itself: unless those answers say the
  // backend failed (the error ratio below), the backend was not asked, and its silence says
  // nothing about it (the controller's own findings say why it was skipped).
  let notForwarded: Finding | undefined;
  if (dropped && offered.state === 'ok' && offeredRecent >= before * t.trafficDrop.ratio) {
    const answeredRate = fmt(Number.isFinite(recent) ? recent : 0, 'reqps');
    const through = goldenProfiles(s).find((p) => p.id === m.goldenProfile)?.through;
    notForwarded = finding('GOLDEN_NOT_FORWARDED', {
      hop: 'pods',
      subjects: servingPods,
      severity: 'unknown',
      // `through` is the source's name (a controller's or a Gateway's title): data.
      title: through
        ? msg`${through} still gets ${fmt(offeredRecent, 'reqps')} for this backend but the backend answered only ${answeredRate} of it (${fmt(before, 'reqps')} ${when(base)} earlier): the rest ${through} answered itself, so the backend’s own health cannot be read from these series`
        : msg`the source still gets ${fmt(offeredRecent, 'reqps')} for this backend but the backend answered only ${answeredRate} of it (${fmt(before, 'reqps')} ${when(base)} earlier): the rest it answered itself, so the backend’s own health cannot be read from these series`,
      evidence: [
        queryEvidence(offered.result, msg`last 5 points mean ${fmt(offeredRecent, 'reqps')}`),
        ...(rate.state === 'ok' || rate.state === 'empty'
          ? [queryEvidence(rate.result, msg`answered by the backend: ${answeredRate}`)]
          : []),
      ],
    });
  } else if (dropped) {
    const recentRate = fmt(Number.isFinite(recent) ? recent : 0, 'reqps');
    const meanRate = fmt(Number.isFinite(now) ? now : 0, 'reqps');
    out.push(
      finding('GOLDEN_TRAFFIC_DROPPED', {
        hop: 'pods',
        subjects: servingPods,
        severity: 'fail',
        title: msg`completed requests dropped to ${recentRate} (window mean ${meanRate}) from ${fmt(before, 'reqps')} ${when(base)} earlier — the backend answers (almost) nothing`,
        evidence: [
          rate.state === 'ok' || rate.state === 'empty'
            ? queryEvidence(rate.result, msg`last 5 points mean ${fmt(recent, 'reqps')}`)
            : noteEvidence(msg`no requests in the window`),
          ...(base.state === 'ok'
            ? [queryEvidence(base.result, msg`mean ${fmt(before, 'reqps')}`)]
            : []),
        ],
      }),
    );
  }
  const errors = readMetric(s, 'golden.errors');
  const errorsBefore = stat.mean(series(baseline(s, 'golden.errors')));
  // A ratio over almost no requests says nothing: judge only the points that carried traffic.
  const volume = offered.state === 'ok' ? offered : rate;
  const carried = new Set(
    volume.state === 'ok'
      ? volume.result.series.flatMap((x) =>
          x.points.filter((p) => p.v >= t.trafficDrop.minBaselineRps).map((p) => p.t),
        )
      : [],
  );
  const errNow = stat.max(
    errors.state === 'ok'
      ? errors.result.series.flatMap((x) =>
          x.points.filter((p) => carried.has(p.t) && Number.isFinite(p.v)).map((p) => p.v),
        )
      : [],
  );
  if (
    errors.state === 'ok' &&
    errNow >= t.errorRatio.warn &&
    !(errNow <= (Number.isFinite(errorsBefore) ? errorsBefore : 0) * 1.5)
  ) {
    const severity = errNow > t.errorRatio.fail ? 'fail' : 'warn';
    const usual = fmt(Number.isFinite(errorsBefore) ? errorsBefore : 0, 'ratio');
    const limit = fmt(severity === 'fail' ? t.errorRatio.fail : t.errorRatio.warn, 'ratio');
    const above = severity === 'fail' ? msg`fail above ${limit}` : msg`warn above ${limit}`;
    out.push(
      finding('GOLDEN_ERROR_RATIO_HIGH', {
        hop: 'pods',
        subjects: servingPods,
        severity,
        title: msg`backend error ratio peaked at ${fmt(errNow, 'ratio')} (baseline ${usual}; ${above})`,
        evidence: [queryEvidence(errors.result, msg`max ${fmt(errNow, 'ratio')}`)],
      }),
    );
  }
  if (notForwarded && !out.some((f) => f.code === 'GOLDEN_ERROR_RATIO_HIGH'))
    out.push(notForwarded);
  const p99 = readMetric(s, 'golden.p99');
  const p99Before = stat.mean(series(baseline(s, 'golden.p99')));
  const p99Now = stat.max(series(p99));
  if (
    p99.state === 'ok' &&
    Number.isFinite(p99Before) &&
    p99Before > 0 &&
    p99Now >= p99Before * t.latencyVsBaseline.warn
  ) {
    out.push(
      finding('GOLDEN_LATENCY_ABOVE_BASELINE', {
        hop: 'pods',
        subjects: servingPods,
        severity: 'warn',
        title: msg`backend p99 latency reached ${fmt(p99Now, 'seconds')}, ${(p99Now / p99Before).toFixed(0)}× its baseline of ${fmt(p99Before, 'seconds')}`,
        evidence: [
          queryEvidence(
            p99.result,
            msg`max ${fmt(p99Now, 'seconds')} vs baseline mean ${fmt(p99Before, 'seconds')}`,
          ),
        ],
      }),
    );
  }
  return out;
}

/** What the requests do, by the golden finding that says so ("while requests fail"). */
const STALL_WORDS: Partial<Record<string, Message>> = {
  GOLDEN_TRAFFIC_DROPPED: msg`requests stopped completing`,
  GOLDEN_ERROR_RATIO_HIGH: msg`requests fail`,
  GOLDEN_LATENCY_ABOVE_BASELINE: msg`requests slow down`,
};
const STALLING: ReadonlySet<string> = new Set(Object.keys(STALL_WORDS));

/** Running, Ready pods whose log went silent far beyond their usual gap while requests fail or stall. */
function checkLogStall(s: Snapshot, golden: Finding[], t: Thresholds, now: Date): Finding[] {
  const tails = s.backend?.logTails;
  if (!tails) return [];
  const stalling = golden.filter((f) => STALLING.has(f.code));
  const pods = new Map((gatheredValue(s.backend?.pods) ?? []).map((p) => [p.name, p]));
  const out: Finding[] = [];
  for (const [name, g] of Object.entries(tails)) {
    if ('issue' in g) {
      out.push(sourceUnknown(2, 'pods', g.issue, name));
      continue;
    }
    const pod = pods.get(name);
    const silent = ageMs(now, g.value.lastAt ?? undefined);
    if (
      !pod ||
      !pod.ready ||
      pod.phase !== 'Running' ||
      silent === undefined ||
      stalling.length === 0
    )
      continue;
    const usual = g.value.medianGapSeconds ?? 0;
    const limit = Math.max(t.logStall.minSeconds, usual * t.logStall.gapMultiple) * 1000;
    if (silent <= limit) continue;
    out.push(
      finding('LOG_STALL', {
        hop: 'pods',
        member: name,
        severity: 'fail',
        title: msg`pod ${name} is Ready but its container ${g.value.container} has written nothing for ${formatAge(silent)} (usually every ${usual.toFixed(0)}s) while ${STALL_WORDS[stalling[0]!.code] ?? msg`requests stall`}: its stdout may be blocked`,
        evidence: [
          objectEvidence(
            `v1 Pod ${pod.namespace}/${name}`,
            `log (last ${g.value.lines} lines, timestamps)`,
            { lastLineAt: g.value.lastAt, medianGapSeconds: usual },
          ),
          ...stalling[0]!.evidence,
        ],
        commands: [
          sh`kubectl logs -n ${pod.namespace} ${name} -c ${g.value.container} --tail=5 --timestamps`,
          sh`kubectl delete pod -n ${pod.namespace} ${name}`,
        ],
      }),
    );
  }
  return out;
}

export function checkGolden(s: Snapshot, t: Thresholds, now: Date): Finding[] {
  const golden = checkGoldenMetrics(s, t);
  return [...golden, ...checkLogStall(s, golden, t, now)];
}
