// Step 5 for a gateway path, from Prometheus: the Gateway's own upstream requests for the matched
// HTTPRoute rule, in the series its controller's profile names (Envoy's cluster statistics for
// Envoy Gateway): 5xx share, upstream p99 against yesterday, failed connections. A controller
// without a profile, or with no per-route series, leaves this part unknown and says why.
import type { Finding } from '@/lib/model/finding';
import {
  matchHttpRoute,
  type BackendRef,
  type GatewayInfo,
  type HttpRouteInfo,
} from '@/lib/model/gateway';
import { gatheredValue, type Snapshot } from '@/lib/model/snapshot';
import {
  gatewayProfileFor,
  type GatewayControllerProfile,
  type GatewayMetrics,
} from '@/lib/profiles/gateway-controllers';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import { clusterMatcher, gatewayRoute, type MetricId } from '@/lib/promql/queries';
import { anyOf, type Matcher } from '@/lib/promql/escape';
import type { ChartSpec } from './charts';
import { finding } from './finding-builder';
import { metricCoverage } from './metric-coverage';
import { fmt, queryEvidence, readMetric, stat, values } from './read-metrics';
import type { Thresholds } from './thresholds';
import { msg, type Message } from '@/lib/i18n/message';

export interface RouteSeries {
  profile: GatewayControllerProfile;
  names: GatewayMetrics;
  /** What selects the rule's series among the controller's. */
  m: Matcher[];
  /** Which upstream they are, in words: the rule's clusters, or gateway → Service. */
  what: string;
}

/**
 * The matchers of a rule's series under one controller's profile: the clusters it names for the
 * rule (Envoy), or this Gateway's proxies as the client of the rule's Services (Istio).
 */
function seriesOf(
  names: GatewayMetrics,
  route: HttpRouteInfo,
  ruleIndex: number,
  backends: readonly BackendRef[],
  parent: { gateway: GatewayInfo; className: string },
): { m: Matcher[]; what: string } | null {
  if (names.kind === 'envoy-cluster') {
    const clusters = names.clusterNames(route, ruleIndex, backends, parent.gateway);
    return clusters.length > 0
      ? { m: [clusterMatcher(names, clusters)], what: clusters.join(', ') }
      : null;
  }
  // Istio's labels cannot pair a namespace with a name in one matcher: the Service the path
  // follows (the rule's first with a weight) is the one asked for.
  const services = backends.filter((b) => b.kind === 'Service' && b.weight > 0).slice(0, 1);
  if (services.length === 0) return null;
  const workload = names.gatewayWorkload({
    name: parent.gateway.name,
    className: parent.className,
  });
  return {
    m: [
      ['reporter', '=', 'source'],
      ['source_workload_namespace', '=', parent.gateway.namespace],
      ['source_workload', '=', workload],
      ['destination_service_namespace', '=~', anyOf(services.map((b) => b.namespace))],
      ['destination_service_name', '=~', anyOf(services.map((b) => b.name))],
    ],
    what: `${workload} → ${services.map((b) => `${b.namespace}/${b.name}`).join(', ')}`,
  };
}

/** The controllers of the route's Gateways (by their classes), in the route's order. */
function controllers(s: Snapshot): string[] {
  return [
    ...new Set(
      (s.gateway?.parents ?? []).flatMap((p) => {
        const cls = gatheredValue(p.gatewayClass);
        return cls ? [cls.controllerName] : [];
      }),
    ),
  ];
}

/** The series of the matched rule, when a Gateway's controller has a profile with per-route series. */
export function routeSeries(s: Snapshot): RouteSeries | null {
  if (s.path.kind !== 'gateway') return null;
  const route = gatheredValue(s.gateway?.route);
  const match = route ? matchHttpRoute(route, s.path.host, s.path.path) : null;
  if (!route || !match) return null;
  for (const p of s.gateway?.parents ?? []) {
    const cls = gatheredValue(p.gatewayClass);
    const gateway = gatheredValue(p.gateway);
    const profile = cls ? gatewayProfileFor(cls.controllerName) : undefined;
    if (!cls || !gateway || !profile?.metrics) continue;
    const found = seriesOf(profile.metrics, route, match.ruleIndex, match.rule.backendRefs, {
      gateway,
      className: cls.name,
    });
    if (found) return { profile, names: profile.metrics, ...found };
  }
  return null;
}

export function gatewayQueries({ snapshot: s }: PlanInput): MetricPlan {
  const r = routeSeries(s);
  if (!r) return EMPTY_PLAN;
  return {
    ...EMPTY_PLAN,
    queries: [
      gatewayRoute.fiveXx(r.names, r.m),
      gatewayRoute.upstreamP99(r.names, r.m),
      gatewayRoute.upstreamP99(r.names, r.m, '1d'),
      ...(r.names.kind === 'envoy-cluster' ? [gatewayRoute.connectFailures(r.names, r.m)] : []),
    ],
  };
}

/** "Envoy Gateway metrics": the Gateway controller whose series the charts draw. */
const gatewaySource = (s: Snapshot) => {
  const title = routeSeries(s)?.profile.title;
  return title ? `${title} metrics` : undefined;
};

export const GATEWAY_CHARTS: readonly ChartSpec[] = [
  {
    id: 'gw.5xx',
    source: gatewaySource,
    threshold: (t) => ({
      value: t.errorRatio.fail,
      label: msg`fail above ${+(t.errorRatio.fail * 100).toFixed(2)} %`,
    }),
  },
  { id: 'gw.upstream_p99', baseline: 'gw.upstream_p99.1d', source: gatewaySource },
];

const all = (s: Snapshot, id: MetricId) => {
  const r = readMetric(s, id);
  return { r, v: r.state === 'ok' ? r.result.series.flatMap(values) : [] };
};

/**
 * Why the Gateway's traffic was not read, or null when it was asked for. A profile's own
 * `noRouteSeries` is its text (an operator's override may replace it), passed on as it is.
 */
function notRead(s: Snapshot, r: RouteSeries | null): Message | string | null {
  const found = controllers(s);
  if (found.length === 0) return null; // no class read: step 5's object checks say why
  if (r) return s.metrics ? null : msg`no Prometheus is configured for this cluster`;
  const profiles = found.map((c) => gatewayProfileFor(c));
  const without = profiles.find((p) => p?.noRouteSeries);
  if (without) return without.noRouteSeries!;
  if (profiles.some((p) => p?.metrics)) return null; // no rule matched: the object check says so
  return msg`Hopscope has no metrics profile for ${found.join(', ')}`;
}

export function checkGatewayMetrics(s: Snapshot, t: Thresholds): Finding[] {
  if (s.path.kind !== 'gateway') return [];
  const r = routeSeries(s);
  const reason = notRead(s, r);
  if (reason)
    return [
      finding('GATEWAY_METRICS_UNKNOWN', {
        hop: 'gateway',
        severity: 'unknown',
        title: msg`the requests, errors and latency of the Gateway were not read: ${reason}`,
      }),
    ];
  if (!r || !s.metrics) return [];
  const host = s.path.host;
  const coverage = metricCoverage(
    s,
    5,
    'gateway',
    ['gw.5xx', 'gw.upstream_p99'],
    [
      {
        id: 'gw.5xx',
        metric: r.names.requests,
        scrapeHint: msg`are the ${r.profile.title} proxies scraped, and does the route rule's cluster carry this name?`,
        tried: [gatewayRoute.requestsSelector(r.names, r.m)],
      },
    ],
  );
  if (coverage.some((f) => f.code === 'METRICS_UNAVAILABLE')) return coverage;
  const out = [...coverage];
  const e5 = all(s, 'gw.5xx');
  const p5 = stat.max(e5.v);
  if (e5.r.state === 'ok' && p5 >= t.errorRatio.warn)
    out.push(
      finding('GATEWAY_5XX_HIGH', {
        hop: 'gateway',
        severity: p5 > t.errorRatio.fail ? 'fail' : 'warn',
        title: msg`5xx answers for ${host} peaked at ${fmt(p5, 'ratio')} of the Gateway's upstream requests (${r.what})`,
        evidence: [queryEvidence(e5.r.result, msg`max ${fmt(p5, 'ratio')}`)],
      }),
    );
  const upstream = all(s, 'gw.upstream_p99');
  const before = stat.mean(all(s, 'gw.upstream_p99.1d').v);
  const now = stat.max(upstream.v);
  if (upstream.r.state === 'ok' && before > 0 && now >= before * t.latencyVsBaseline.warn)
    out.push(
      finding('GATEWAY_UPSTREAM_SLOW', {
        hop: 'pods',
        severity: 'warn',
        title: msg`upstream p99 for ${host} at the Gateway reached ${fmt(now, 'seconds')}, ${(now / before).toFixed(0)}× yesterday's ${fmt(before, 'seconds')}: the backend is slow, not the Gateway`,
        evidence: [
          queryEvidence(
            upstream.r.result,
            msg`max ${fmt(now, 'seconds')} vs ${fmt(before, 'seconds')}`,
          ),
        ],
      }),
    );
  const connect = all(s, 'gw.connect_fail');
  const failing = stat.max(connect.v);
  if (connect.r.state === 'ok' && failing > 0)
    out.push(
      finding('GATEWAY_UPSTREAM_CONNECT_FAILING', {
        hop: 'pods',
        severity: 'warn',
        title: msg`the Gateway failed to connect to the backend up to ${failing.toFixed(2)} times a second (${r.what})`,
        evidence: [queryEvidence(connect.r.result, msg`max ${failing.toFixed(2)}/s`)],
      }),
    );
  return out;
}
