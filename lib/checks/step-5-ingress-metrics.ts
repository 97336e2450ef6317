// Step 5 — the ingress controller from Prometheus, in the series the path's controller exposes
// (its profile, found by the IngressClass's spec.controller): 5xx / 4xx share for this path,
// upstream latency against yesterday, and what the controller adds — request vs upstream time,
// reloads, certificate expiry for ingress-nginx; targets reported down for Traefik and Kong. A
// controller without a profile, or with no per-route series, leaves this part unknown and says why.
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type PodInfo, type Snapshot } from '@/lib/model/snapshot';
import {
  backendNamesOf,
  layoutLabel,
  type BackendKeyedMetrics,
  type IngressControllerMetrics,
  type IngressControllerProfile,
} from '@/lib/profiles/ingress-controllers';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import type { Matcher } from '@/lib/promql/escape';
import {
  ingressBackend,
  ingressController,
  ingressMatchers,
  podMatchers,
  type MetricId,
  type QuerySpec,
} from '@/lib/promql/queries';
import { windowRange } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import { finding, noteEvidence, objectEvidence, subject } from './finding-builder';
import { backendPods, pathBackendRef, pathIngressProfile } from './read-snapshot';
import { fmt, queryEvidence, readMetric, stat, values } from './read-metrics';
import { metricCoverage, type CoreSeries } from './metric-coverage';
import type { Thresholds } from './thresholds';
import { sh } from './command';
import { joinMessages, msg, type Message } from '@/lib/i18n/message';

type PerIngress = { kind: 'per-ingress' } & IngressControllerMetrics;

/**
 * The series of the controller pods the API returned for this path, and nothing else: without
 * them (unread, or none) there is nothing of this path's controller to ask for.
 */
function controllerScope(s: Snapshot, names: PerIngress): Matcher[] | null {
  const pods = gatheredValue(s.ingress?.controllerPods) ?? [];
  return pods.length > 0 ? podMatchers(names.podLabels, pods) : null;
}

/** The controller's per-Ingress series of this path in each label layout its profile declares. */
function ingressLayouts(s: Snapshot, names: PerIngress, scope: Matcher[]) {
  if (s.path.kind !== 'ingress') return [];
  const target = { namespace: s.path.namespace, ingress: s.path.ingress, host: s.path.host };
  return names.layouts.map((layout) => ({
    layout,
    m: [...ingressMatchers(layout, target), ...scope],
  }));
}

/** A backend-keyed controller's name of the path's backend, when it can be told. */
function backendSeries(s: Snapshot, names: BackendKeyedMetrics) {
  const ref = pathBackendRef(s);
  const backend = ref ? backendNamesOf(names, ref) : null;
  if (!ref || !backend) return null;
  return { ref, backend, upstream: names.targetHealth?.upstreamName(ref) ?? null };
}

/**
 * The controller's requests, latency, reloads and certificate for this path. The per-path
 * queries are built in the first label layout whose request series exist (probed in order);
 * reloads and certificates do not depend on it.
 */
export function ingressQueries({ snapshot: s, window }: PlanInput): MetricPlan {
  const names = pathIngressProfile(s)?.metrics;
  const pods = gatheredValue(s.ingress?.controllerPods) ?? [];
  if (s.path.kind !== 'ingress' || !names || pods.length === 0) return EMPTY_PLAN;
  const range = windowRange(window);
  if (names.kind === 'per-backend') {
    const b = backendSeries(s, names);
    if (!b) return EMPTY_PLAN;
    const { upstreamLatency, targetHealth } = names;
    return {
      ...EMPTY_PLAN,
      layoutChoices: [
        {
          source: 'ingress',
          candidates: names.layouts.map((layout) => ({
            layout: layout.id,
            probe: ingressBackend.presence(names, layout, b.backend, range),
            queries: [
              ingressBackend.statusRatio(names, layout, b.backend, '5..'),
              ingressBackend.statusRatio(names, layout, b.backend, '4..'),
              ...(upstreamLatency
                ? [
                    ingressBackend.upstreamP99({ ...names, upstreamLatency }, layout, b.backend),
                    ingressBackend.upstreamP99(
                      { ...names, upstreamLatency },
                      layout,
                      b.backend,
                      '1d',
                    ),
                  ]
                : []),
              ...(targetHealth && b.upstream
                ? [ingressBackend.targetsDown({ ...names, targetHealth }, layout, b.upstream)]
                : []),
            ] as QuerySpec[],
          })),
          nearest: ingressBackend.nearest(names, range),
        },
      ],
    };
  }
  const scope = controllerScope(s, names)!;
  const { namespace, ingress, host } = s.path;
  return {
    ...EMPTY_PLAN,
    queries: [
      ingressController.reloadOk(names, scope),
      ingressController.certificateExpiry(names, host, scope),
    ],
    layoutChoices: [
      {
        source: 'ingress',
        candidates: ingressLayouts(s, names, scope).map(({ layout, m }) => ({
          layout: layout.id,
          probe: ingressController.presence(names, layout, m, range),
          queries: [
            ingressController.statusRatio(names, m, '5..'),
            ingressController.statusRatio(names, m, '4..'),
            ingressController.latencyP99(names, m, 'request'),
            ingressController.latencyP99(names, m, 'response'),
            ingressController.latencyP99(names, m, 'response', '1d'),
            ingressController.connectP99(names, m),
            ingressController.orphan(names, layout, namespace, ingress, scope),
          ],
        })),
        nearest: ingressController.nearest(names, range, scope),
      },
    ],
  };
}

/** "ingress-nginx metrics": the controller whose series the charts draw. */
const controllerSource = (s: Snapshot) => {
  const title = pathIngressProfile(s)?.title;
  return title ? `${title} metrics` : undefined;
};

export const INGRESS_CHARTS: readonly ChartSpec[] = [
  {
    id: 'ing.5xx',
    source: controllerSource,
    threshold: (t) => ({
      value: t.errorRatio.fail,
      label: msg`fail above ${+(t.errorRatio.fail * 100).toFixed(2)} %`,
    }),
  },
  { id: 'ing.response_p99', baseline: 'ing.response_p99.1d', source: controllerSource },
  { id: 'ing.request_p99', source: controllerSource },
];

const all = (s: Snapshot, id: MetricId) => {
  const r = readMetric(s, id);
  return { r, v: r.state === 'ok' ? r.result.series.flatMap(values) : [] };
};

/** The request series the checks depend on, with the exact selectors tried, for this controller. */
function coreSeries(
  s: Snapshot,
  profile: IngressControllerProfile,
  names: NonNullable<IngressControllerProfile['metrics']>,
): CoreSeries | null {
  if (s.path.kind !== 'ingress') return null;
  const host = s.path.host;
  if (names.kind === 'per-ingress') {
    return {
      id: 'ing.5xx',
      metric: names.requests,
      scrapeHint: msg`is the ingress controller scraped, and does it serve ${host} (a failed reload keeps a new Ingress from going live)?`,
      tried: ingressLayouts(s, names, controllerScope(s, names) ?? []).map(({ m }) =>
        ingressController.requestsSelector(names, m),
      ),
      nearest: { id: 'ing.nearest', wanted: [s.path.namespace, s.path.ingress, host] },
    };
  }
  const b = backendSeries(s, names);
  if (!b) return null;
  return {
    id: 'ing.5xx',
    metric: names.requests,
    scrapeHint: msg`is ${profile.title} scraped, with its per-service labels on, and does it route ${host} to this backend?`,
    tried: names.layouts.map((l) => ingressBackend.requestsSelector(names, l, b.backend)),
    nearest: { id: 'ing.nearest', wanted: b.backend },
  };
}

/**
 * Why the controller's traffic for this path is not read, or null when it is asked for. A
 * profile's own `noRouteSeries` is its text (an operator's override may replace it), passed on.
 */
function notRead(s: Snapshot, profile: IngressControllerProfile): Message | null {
  if (profile.noRouteSeries) return msg`${profile.noRouteSeries}`;
  if (!profile.metrics) return msg`Hopscope has no metrics profile for ${profile.title}`;
  const ref = pathBackendRef(s);
  if (profile.metrics.kind === 'per-backend' && ref && !backendSeries(s, profile.metrics))
    return gatheredValue(s.backend?.service)
      ? msg`${profile.title} names the backend after the Service's port, and Service ${ref.namespace}/${ref.service} has no port ${ref.ingressPort}`
      : msg`${profile.title} names the backend after the Service's port, and the Service was not read`;
  return null;
}

export function checkIngressMetrics(s: Snapshot, t: Thresholds): Finding[] {
  if (s.path.kind !== 'ingress') return [];
  // No class read, or a controller without a profile: step 5's object checks say so.
  const profile = pathIngressProfile(s);
  if (!profile) return [];
  const reason = notRead(s, profile);
  if (reason)
    return [
      finding('INGRESS_METRICS_UNKNOWN', {
        hop: 'ingress-controller',
        severity: 'unknown',
        title: msg`the requests, errors and latency at the ingress controller were not read: ${reason}`,
        evidence: [
          noteEvidence(reason),
          objectEvidence(
            `networking.k8s.io/v1 IngressClass ${gatheredValue(s.ingress?.ingressClass)?.name ?? ''}`,
            'spec.controller',
            profile.controller,
          ),
        ],
      }),
    ];
  const names = profile.metrics;
  if (!s.metrics || !names) return [];
  const host = s.path.host;
  const core = coreSeries(s, profile, names);
  const coverage = metricCoverage(
    s,
    5,
    'ingress-controller',
    ['ing.5xx', 'ing.reload_ok'],
    core ? [core] : [],
  );
  // Prometheus failing says nothing about any series; absent request series leave the reload,
  // certificate and orphan evidence to be read.
  if (coverage.some((f) => f.code === 'METRICS_UNAVAILABLE')) return coverage;
  const out = [...coverage];
  // The requests for this host went through these controller pods to these backend pods: what
  // the controller counts is about both.
  const controllerPods = (gatheredValue(s.ingress?.controllerPods) ?? []).map((p) => p.name);
  const through = [...controllerPods, ...backendPods(s).map((p) => p.name)].map(subject.pod);
  const e5 = all(s, 'ing.5xx');
  const p5 = stat.max(e5.v);
  if (e5.r.state === 'ok' && p5 >= t.errorRatio.warn) {
    out.push(
      finding('INGRESS_5XX_HIGH', {
        hop: 'ingress-controller',
        severity: p5 > t.errorRatio.fail ? 'fail' : 'warn',
        title: msg`5xx answers for ${host} peaked at ${fmt(p5, 'ratio')} of requests at the controller`,
        evidence: [queryEvidence(e5.r.result, msg`max ${fmt(p5, 'ratio')}`)],
        subjects: through,
      }),
    );
  }
  const e4 = all(s, 'ing.4xx');
  const p4 = stat.max(e4.v);
  if (e4.r.state === 'ok' && p4 >= 0.5) {
    out.push(
      finding('INGRESS_4XX_HIGH', {
        hop: 'ingress-controller',
        severity: 'warn',
        title: msg`4xx answers for ${host} peaked at ${fmt(p4, 'ratio')} of requests`,
        evidence: [queryEvidence(e4.r.result, msg`max ${fmt(p4, 'ratio')}`)],
        subjects: controllerPods.map(subject.pod),
      }),
    );
  }
  const upstream = all(s, 'ing.response_p99');
  const before = stat.mean(all(s, 'ing.response_p99.1d').v);
  const upNow = stat.max(upstream.v);
  if (upstream.r.state === 'ok' && before > 0 && upNow >= before * t.latencyVsBaseline.warn) {
    out.push(
      finding('INGRESS_UPSTREAM_SLOW', {
        hop: 'pods',
        severity: 'warn',
        title: msg`upstream p99 for ${host} reached ${fmt(upNow, 'seconds')}, ${(upNow / before).toFixed(0)}× yesterday's ${fmt(before, 'seconds')}: the backend is slow, not the controller`,
        evidence: [
          queryEvidence(
            upstream.r.result,
            msg`max ${fmt(upNow, 'seconds')} vs ${fmt(before, 'seconds')}`,
          ),
        ],
      }),
    );
  }
  const request = all(s, 'ing.request_p99');
  const overhead = stat.max(request.v) - upNow;
  if (
    request.r.state === 'ok' &&
    upstream.r.state === 'ok' &&
    overhead >= t.controllerOverhead.warn
  ) {
    out.push(
      finding('INGRESS_CONTROLLER_OVERHEAD', {
        hop: 'ingress-controller',
        severity: 'warn',
        title: msg`the controller adds ${fmt(overhead, 'seconds')} at p99 over the upstream time`,
        evidence: [
          queryEvidence(
            request.r.result,
            msg`request p99 max ${fmt(stat.max(request.v), 'seconds')}, upstream ${fmt(upNow, 'seconds')}`,
          ),
        ],
      }),
    );
  }
  const connect = all(s, 'ing.connect_p99');
  const connectMax = stat.max(connect.v);
  if (connect.r.state === 'ok' && connectMax >= t.upstreamConnect.warn) {
    out.push(
      finding('INGRESS_UPSTREAM_CONNECT_SLOW', {
        hop: 'pods',
        severity: 'warn',
        title: msg`the controller needs up to ${fmt(connectMax, 'seconds')} (p99) to connect to the backend pods`,
        evidence: [queryEvidence(connect.r.result, msg`max ${fmt(connectMax, 'seconds')}`)],
      }),
    );
  }
  const orphan = readMetric(s, 'ing.orphan');
  if (orphan.state === 'ok') {
    const kinds = orphan.result.series
      .filter((x) => stat.last(values(x)) >= 1)
      .map((x) => x.labels.type ?? 'orphan');
    if (kinds.length > 0)
      out.push(
        finding('INGRESS_ORPHANED', {
          hop: 'ingress-controller',
          severity: 'fail',
          title: msg`the controller reports Ingress ${s.path.namespace}/${s.path.ingress} as orphaned (${kinds.join(', ')}): it answers 503`,
          evidence: [queryEvidence(orphan.result, msg`${kinds.join(', ')}`)],
        }),
      );
  }
  const down = readMetric(s, 'ing.targets_down');
  if (down.state === 'ok' && names.kind === 'per-backend' && names.targetHealth) {
    // The query counts by the target label as the chosen layout names it.
    const layout =
      names.layouts.find((l) => l.id === s.metrics?.layouts.ingress) ?? names.layouts[0]!;
    const targetLabel = layoutLabel(layout, names.targetHealth.targetLabel);
    const targets = down.result.series.map((x) => x.labels[targetLabel] ?? '?');
    const ready = backendPods(s).filter((p) => p.ready).length;
    const readyNote =
      ready === 0
        ? ''
        : ready === 1
          ? msg` while the API shows ${ready} ready pod: its health checks fail where the kubelet's pass`
          : msg` while the API shows ${ready} ready pods: its health checks fail where the kubelet's pass`;
    out.push(
      finding('INGRESS_UPSTREAM_TARGETS_DOWN', {
        // Pods the API calls ready that the controller will not send to: what to fix is the
        // controller's view of them (its health check, its route to them), not the pods.
        hop: ready > 0 ? 'ingress-controller' : 'pods',
        // Every target the controller balances over is down: it has nowhere to send the request.
        severity: ready === 0 || targets.length >= ready ? 'fail' : 'warn',
        title:
          targets.length === 1
            ? msg`${profile.title} marks ${targets.length} backend target of ${host} down (${targets.join(', ')})${readyNote}`
            : msg`${profile.title} marks ${targets.length} backend targets of ${host} down (${targets.join(', ')})${readyNote}`,
        evidence: [queryEvidence(down.result, msg`${targets.join(', ')}`)],
      }),
    );
  }
  const reload = readMetric(s, 'ing.reload_ok');
  if (reload.state === 'ok') {
    const failedSeries = reload.result.series.filter((x) => stat.last(values(x)) === 0);
    const failed = failedSeries.map((x) => x.labels.controller_pod ?? 'a controller pod');
    const failedWords = joinMessages(
      failedSeries.map((x) =>
        x.labels.controller_pod !== undefined
          ? msg`${x.labels.controller_pod}`
          : msg`a controller pod`,
      ),
    );
    // A failed reload keeps the old configuration serving: it breaks this path only when this
    // host's own requests say so (5xx or mostly 4xx at the controller).
    const hurts = out.some(
      (f) =>
        (f.code === 'INGRESS_5XX_HIGH' && f.severity === 'fail') || f.code === 'INGRESS_4XX_HIGH',
    );
    if (failed.length > 0)
      out.push(
        finding('INGRESS_RELOAD_FAILED', {
          hop: 'ingress-controller',
          severity: hurts ? 'fail' : 'warn',
          subjects: failed.map(subject.pod),
          title: msg`the last configuration reload failed on ${failedWords}: recent Ingress changes are not live${hurts ? msg`, and ${host}'s own requests fail at the controller` : ''}`,
          evidence: [queryEvidence(reload.result, msg`0 on ${failed.join(', ')}`)],
          // Commands name only pods the API returned (the metric label merely points at them).
          commands: controllerPodsNamed(s, failed).map(
            (p) => sh`kubectl logs -n ${p.namespace} ${p.name} --tail=100 | grep -i -A3 error`,
          ),
        }),
      );
  }
  const cert = readMetric(s, 'ing.cert_expiry');
  if (cert.state === 'ok') {
    const days = stat.last(cert.result.series.flatMap(values)) / 86_400;
    if (days < t.certificateDays.warn)
      out.push(
        finding('INGRESS_CERT_EXPIRING', {
          hop: 'ingress-controller',
          severity: days <= 0 ? 'fail' : 'warn',
          title:
            days <= 0
              ? msg`the certificate for ${host} has expired`
              : msg`the certificate for ${host} expires in ${days.toFixed(1)} days`,
          evidence: [queryEvidence(cert.result, msg`${days.toFixed(1)} days`)],
        }),
      );
  }
  return out;
}

function controllerPodsNamed(s: Snapshot, names: string[]): PodInfo[] {
  const pods = gatheredValue(s.ingress?.controllerPods) ?? [];
  return pods.filter((p) => names.includes(p.name));
}
