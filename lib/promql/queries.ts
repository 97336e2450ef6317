// Every PromQL Hopscope runs, in one place: named builders with typed parameters, each with its
// title, unit and a typed id. Label values only ever enter through `selector` (quoted,
// regex-escaped). Which builders run for a path is declared by the step modules.
import type { Unit } from '@/lib/model/units';
import type { GoldenLayout, GoldenProfile } from '@/lib/profiles/golden-metrics';
import {
  layoutLabel,
  type BackendKeyedMetrics,
  type BackendMetricsLayout,
  type IngressControllerMetrics,
  type IngressMetricsLayout,
} from '@/lib/profiles/ingress-controllers';
import type { EnvoyClusterMetrics, GatewayMetrics } from '@/lib/profiles/gateway-controllers';
import { anyOf, groupBy, quote, selector, type Matcher } from './escape';
import { msg, type Message } from '@/lib/i18n/message';

export interface QuerySpec<Id extends string = MetricId> {
  id: Id;
  /** What the series are, in words the page shows (and translates): "request rate (1d earlier)". */
  title: Message;
  unit: Unit;
  promql: string;
  kind: 'range' | 'instant';
}

/** Rate window of every `rate()`: long enough for 15 s–1 m scrape intervals. */
export const RATE = '5m';

/** Baselines: the same window one day and one hour earlier. */
export const BASELINE_OFFSETS = ['1d', '1h'] as const;
export type BaselineOffset = (typeof BASELINE_OFFSETS)[number];

/** A query's id, and the ids of the same query shifted to a baseline. */
export type WithBaselines<Id extends string> = Id | `${Id}.${BaselineOffset}`;

function shifted<Id extends string>(id: Id, o?: BaselineOffset): WithBaselines<Id> {
  return o ? `${id}.${o}` : id;
}

function offset(o?: BaselineOffset): string {
  return o ? ` offset ${o}` : '';
}

function earlier(o?: BaselineOffset): Message | '' {
  return o ? msg` (${o} earlier)` : '';
}

/** Nodes appear as `instance` = node name or node IP, with or without a port. */
export function nodeMatcher(nodes: readonly string[]): Matcher {
  return ['instance', '=~', anyOf(nodes, '(:[0-9]+)?')];
}

/**
 * The series of these pods only, by the labels a metric names its own pod with (e.g. the
 * ingress controller's `controller_namespace` / `controller_pod`): a namesake series of another
 * job or namespace must not change a verdict.
 */
export function podMatchers(
  labels: { namespace: string; pod: string },
  pods: readonly { namespace: string; name: string }[],
): Matcher[] {
  return [
    [labels.namespace, '=~', anyOf(pods.map((p) => p.namespace))],
    [labels.pod, '=~', anyOf(pods.map((p) => p.name))],
  ];
}

/** Pods scraped directly appear as `instance` = pod IP, with or without a port. */
export function podIpMatcher(ips: readonly string[]): Matcher {
  return ['instance', '=~', anyOf(ips, '(:[0-9]+)?')];
}

/**
 * How many label sets a "nearest series" look returns at most: it runs only when the expected
 * series are absent, and only to show an SRE which labels the metric does carry.
 */
export const NEAREST_LIMIT = 10;

/** One name exactly, or any of a controller's names of the same backend. */
export function nameMatcher(label: string, names: readonly string[]): Matcher {
  return names.length === 1 ? [label, '=', names[0]!] : [label, '=~', anyOf(names)];
}

/** The backend's series of a profile, in one label layout. */
export function goldenMatchers(
  p: GoldenProfile,
  layout: GoldenLayout,
  target: { namespace: string; service: string; pods: readonly string[] },
): Matcher[] {
  const m: Matcher[] =
    layout.by === 'matchers'
      ? [...layout.matchers]
      : layout.by === 'name'
        ? [nameMatcher(layout.label, layout.names)]
        : layout.by === 'pods'
          ? [
              [layout.namespaceLabel, '=', target.namespace],
              [layout.podLabel, '=~', anyOf(target.pods)],
            ]
          : [
              [layout.namespaceLabel, '=', target.namespace],
              [layout.serviceLabel, '=', target.service],
            ];
  for (const [k, v] of p.extra ?? []) m.push([k, '=', v]);
  return m;
}

/** The series of the backend's own answers, when the source also counts answers it gave itself. */
export function answeredMatchers(p: GoldenProfile, m: readonly Matcher[]): Matcher[] {
  return p.answeredBy ? [...m, [p.answeredBy[0], '=', p.answeredBy[1]]] : [...m];
}

/** Requests a source answered itself, per second; 0 where its counter has no series yet. */
function ownAnswered(metric: string, m: readonly Matcher[], window: string): string {
  return `(sum(rate(${selector(metric, m)}${window})) or vector(0))`;
}

/** The label names a profile's layouts tie series to a backend with. */
function goldenLayoutLabels(p: GoldenProfile): string[] {
  return p.layouts.flatMap((l) =>
    l.by === 'matchers'
      ? l.matchers.map(([label]) => label)
      : l.by === 'name'
        ? [l.label]
        : [l.namespaceLabel, l.by === 'pods' ? l.podLabel : l.serviceLabel],
  );
}

export const golden = {
  /** The request series a candidate looks for, as shown to the SRE when none has series. */
  requestsSelector(p: GoldenProfile, m: Matcher[]): string {
    return selector(p.requests, m);
  },
  presence(
    p: GoldenProfile,
    layout: GoldenLayout,
    m: Matcher[],
    window: string,
  ): QuerySpec<`golden.presence.${string}`> {
    return {
      id: `golden.presence.${p.id}.${layout.id}`,
      title: msg`${p.title} series (${layout.id} labels)`,
      unit: 'count',
      kind: 'instant',
      promql: `count(last_over_time(${selector(p.requests, m)}[${window}]))`,
    };
  },
  /** A bounded look at which backends the profile's request series do describe. */
  nearest(p: GoldenProfile, window: string): QuerySpec<`golden.nearest.${string}`> {
    const all = selector(
      p.requests,
      (p.extra ?? []).map(([k, v]): Matcher => [k, '=', v]),
    );
    return {
      id: `golden.nearest.${p.id}`,
      title: msg`${p.title}: series that exist (top ${NEAREST_LIMIT} label sets)`,
      unit: 'count',
      kind: 'instant',
      promql: `topk(${NEAREST_LIMIT}, count ${groupBy(goldenLayoutLabels(p))} (last_over_time(${all}[${window}])))`,
    };
  },
  requestRate(
    p: GoldenProfile,
    m: Matcher[],
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<'golden.rate'>> {
    const window = `[${RATE}]${offset(o)}`;
    const all = `sum(rate(${selector(p.requests, m)}${window}))`;
    return {
      id: shifted('golden.rate', o),
      title: msg`request rate${earlier(o)}`,
      unit: 'reqps',
      kind: 'range',
      promql: p.ownAnswers ? `clamp_min(${all} - ${ownAnswered(p.ownAnswers, m, window)}, 0)` : all,
    };
  },
  /**
   * Requests the source was offered for the backend, whoever answered them: beside the backend's
   * own answers it tells "the backend answers nothing" from "nothing was passed to it".
   */
  offered(p: GoldenProfile, m: Matcher[]): QuerySpec<'golden.offered'> {
    return {
      id: 'golden.offered',
      title: msg`requests offered through ${p.through ?? p.title}, whoever answered`,
      unit: 'reqps',
      kind: 'range',
      promql: `sum(rate(${selector(p.requests, m)}[${RATE}]))`,
    };
  },
  errorRatio(
    p: GoldenProfile,
    m: Matcher[],
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<'golden.errors'>> {
    // The error pattern is profile data (a trusted RE2 pattern), not user input. Where the source
    // answers some requests itself, the errors are the backend's own 5xx and the source's answers
    // that mean the backend failed (a refused or timed-out upstream), of all it was offered.
    const own = selector(p.requests, [
      ...answeredMatchers(p, m),
      [p.statusLabel, '=~', quote(p.errorPattern)],
    ]);
    const failed = p.upstreamFailures
      ? selector(p.requests, [
          ...m,
          ...p.upstreamFailures.map(([k, op, v]): Matcher => [k, op, op === '=~' ? quote(v) : v]),
        ])
      : undefined;
    const window = `[${RATE}]${offset(o)}`;
    const errors = failed
      ? `rate(${own}${window}) or rate(${failed}${window})`
      : `rate(${own}${window})`;
    // The source's own answers among the 5xx (Envoy's "no healthy upstream") are not the backend's.
    const numerator = p.ownAnswers
      ? `clamp_min(sum(${errors}) - ${ownAnswered(p.ownAnswers, m, window)}, 0)`
      : `sum(${errors})`;
    const all = selector(p.requests, m);
    return {
      id: shifted('golden.errors', o),
      title: msg`error ratio (${p.statusLabel}=~${p.errorPattern})${earlier(o)}`,
      unit: 'ratio',
      kind: 'range',
      promql: `${numerator} / sum(rate(${all}${window}))`,
    };
  },
  latency<Q extends 'p50' | 'p99'>(
    p: GoldenProfile & { histogram: string },
    m: Matcher[],
    q: Q,
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<`golden.${Q}`>> {
    const scale = p.latencyUnit === 'milliseconds' ? ' / 1000' : '';
    const quantile = q === 'p99' ? 0.99 : 0.5;
    const buckets = selector(`${p.histogram}_bucket`, m);
    return {
      id: shifted(`golden.${q}`, o),
      title: msg`latency ${q}${earlier(o)}`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(${quantile}, sum by (le) (rate(${buckets}[${RATE}]${offset(o)})))${scale}`,
    };
  },
};

export const saturation = {
  nodeCpu(nodes: string[]): QuerySpec<'node.cpu'> {
    const idle = selector('node_cpu_seconds_total', [nodeMatcher(nodes), ['mode', '=', 'idle']]);
    return {
      id: 'node.cpu',
      title: msg`node CPU busy`,
      unit: 'ratio',
      kind: 'range',
      promql: `1 - avg by (instance) (rate(${idle}[${RATE}]))`,
    };
  },
  nodeMemory(nodes: string[]): QuerySpec<'node.memory'> {
    const m = [nodeMatcher(nodes)];
    return {
      id: 'node.memory',
      title: msg`node memory used`,
      unit: 'ratio',
      kind: 'range',
      promql: `1 - ${selector('node_memory_MemAvailable_bytes', m)} / ${selector('node_memory_MemTotal_bytes', m)}`,
    };
  },
  nodeConntrack(nodes: string[]): QuerySpec<'node.conntrack'> {
    const m = [nodeMatcher(nodes)];
    return {
      id: 'node.conntrack',
      title: msg`conntrack table used`,
      unit: 'ratio',
      kind: 'range',
      promql: `${selector('node_nf_conntrack_entries', m)} / ${selector('node_nf_conntrack_entries_limit', m)}`,
    };
  },
  nodeNetworkErrors(nodes: string[]): QuerySpec<'node.net_errors'> {
    const m = [nodeMatcher(nodes)];
    const errors = selector('node_network_receive_errs_total', m);
    const drops = selector('node_network_receive_drop_total', m);
    return {
      id: 'node.net_errors',
      title: msg`network receive errors + drops`,
      unit: 'count',
      kind: 'range',
      promql: `sum by (instance) (rate(${errors}[${RATE}]) + rate(${drops}[${RATE}]))`,
    };
  },
  nodeListenOverflows(nodes: string[]): QuerySpec<'node.listen_overflows'> {
    const overflows = selector('node_netstat_TcpExt_ListenOverflows', [nodeMatcher(nodes)]);
    return {
      id: 'node.listen_overflows',
      title: msg`TCP listen overflows`,
      unit: 'count',
      kind: 'range',
      promql: `sum by (instance) (rate(${overflows}[${RATE}]))`,
    };
  },
  nodeCpuPressure(nodes: string[]): QuerySpec<'node.psi_cpu'> {
    const waiting = selector('node_pressure_cpu_waiting_seconds_total', [nodeMatcher(nodes)]);
    return {
      id: 'node.psi_cpu',
      title: msg`CPU pressure (PSI, share of time waiting)`,
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (instance) (rate(${waiting}[${RATE}]))`,
    };
  },
  podThrottling(namespace: string, pods: string[]): QuerySpec<'pod.throttling'> {
    const m: Matcher[] = [
      ['namespace', '=', namespace],
      ['pod', '=~', anyOf(pods)],
    ];
    const throttled = selector('container_cpu_cfs_throttled_periods_total', m);
    const periods = selector('container_cpu_cfs_periods_total', m);
    return {
      id: 'pod.throttling',
      title: msg`CPU throttled periods`,
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (pod) (rate(${throttled}[${RATE}])) / sum by (pod) (rate(${periods}[${RATE}]))`,
    };
  },
  podMemory(namespace: string, pods: string[]): QuerySpec<'pod.memory'> {
    const m: Matcher[] = [
      ['namespace', '=', namespace],
      ['pod', '=~', anyOf(pods)],
      ['container', '!=', ''],
    ];
    const used = selector('container_memory_working_set_bytes', m);
    const limit = selector('container_spec_memory_limit_bytes', m);
    return {
      id: 'pod.memory',
      title: msg`memory working set / limit`,
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (pod) (${used}) / sum by (pod) (${limit} > 0)`,
    };
  },
  podRestarts(namespace: string, pods: string[], window: string): QuerySpec<'pod.restarts'> {
    const restarts = selector('kube_pod_container_status_restarts_total', [
      ['namespace', '=', namespace],
      ['pod', '=~', anyOf(pods)],
    ]);
    return {
      id: 'pod.restarts',
      title: msg`container restarts in the window`,
      unit: 'count',
      kind: 'instant',
      promql: `sum by (pod) (increase(${restarts}[${window}]))`,
    };
  },
  containersOnNodes(nodes: string[], namespace: string): QuerySpec<'node.containers'> {
    const containers = selector('container_memory_working_set_bytes', [
      ['node', '=~', anyOf(nodes)],
      ['namespace', '=', namespace],
      ['container', '!=', ''],
    ]);
    return {
      id: 'node.containers',
      title: msg`pods cAdvisor reports on the nodes`,
      unit: 'count',
      kind: 'instant',
      promql: `count by (namespace, pod, node) (${containers})`,
    };
  },
};

export type Rcode = 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED';

/** CoreDNS queries, each restricted by `scope` to the cluster DNS pods the API returned. */
export const coredns = {
  requests(scope: Matcher[]): QuerySpec<'dns.requests'> {
    return {
      id: 'dns.requests',
      title: msg`CoreDNS requests`,
      unit: 'reqps',
      kind: 'range',
      promql: `sum(rate(${selector('coredns_dns_requests_total', scope)}[${RATE}]))`,
    };
  },
  rcodeRatio<R extends Rcode>(rcode: R, scope: Matcher[]): QuerySpec<`dns.${Lowercase<R>}`> {
    const part = selector('coredns_dns_responses_total', [...scope, ['rcode', '=', rcode]]);
    const all = selector('coredns_dns_responses_total', scope);
    return {
      id: `dns.${rcode.toLowerCase() as Lowercase<R>}`,
      title: msg`${rcode} share of responses`,
      unit: 'ratio',
      kind: 'range',
      promql: `(sum(rate(${part}[${RATE}])) or vector(0)) / sum(rate(${all}[${RATE}]))`,
    };
  },
  latencyP99(scope: Matcher[]): QuerySpec<'dns.p99'> {
    const buckets = selector('coredns_dns_request_duration_seconds_bucket', scope);
    return {
      id: 'dns.p99',
      title: msg`CoreDNS latency p99`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${buckets}[${RATE}])))`,
    };
  },
  panics(window: string, scope: Matcher[]): QuerySpec<'dns.panics'> {
    return {
      id: 'dns.panics',
      title: msg`CoreDNS panics in the window`,
      unit: 'count',
      kind: 'instant',
      promql: `sum(increase(${selector('coredns_panics_total', scope)}[${window}]))`,
    };
  },
  forwardFailures(window: string, scope: Matcher[]): QuerySpec<'dns.forward_failures'> {
    const failures = selector('coredns_forward_healthcheck_failures_total', scope);
    return {
      id: 'dns.forward_failures',
      title: msg`forward health-check failures in the window`,
      unit: 'count',
      kind: 'instant',
      promql: `sum(increase(${failures}[${window}]))`,
    };
  },
  cacheHitRatio(scope: Matcher[]): QuerySpec<'dns.cache_hits'> {
    const hits = `sum(rate(${selector('coredns_cache_hits_total', scope)}[${RATE}]))`;
    const misses = `sum(rate(${selector('coredns_cache_misses_total', scope)}[${RATE}]))`;
    return {
      id: 'dns.cache_hits',
      title: msg`cache hit ratio`,
      unit: 'ratio',
      kind: 'range',
      promql: `${hits} / (${hits} + ${misses})`,
    };
  },
};

export const kubeProxy = {
  ruleAge(nodes: string[]): QuerySpec<'kp.rule_age'> {
    const last = selector('kubeproxy_sync_proxy_rules_last_timestamp_seconds', [
      nodeMatcher(nodes),
    ]);
    return {
      id: 'kp.rule_age',
      title: msg`time since the last rule sync`,
      unit: 'seconds',
      kind: 'instant',
      promql: `time() - ${last}`,
    };
  },
  syncP99(nodes: string[]): QuerySpec<'kp.sync_p99'> {
    const buckets = selector('kubeproxy_sync_proxy_rules_duration_seconds_bucket', [
      nodeMatcher(nodes),
    ]);
    return {
      id: 'kp.sync_p99',
      title: msg`rule sync duration p99`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (instance, le) (rate(${buckets}[${RATE}])))`,
    };
  },
  restoreFailures(nodes: string[], window: string): QuerySpec<'kp.restore_failures'> {
    const failures = selector('kubeproxy_sync_proxy_rules_iptables_restore_failures_total', [
      nodeMatcher(nodes),
    ]);
    return {
      id: 'kp.restore_failures',
      title: msg`iptables-restore failures in the window`,
      unit: 'count',
      kind: 'instant',
      promql: `sum by (instance) (increase(${failures}[${window}]))`,
    };
  },
  programmingP99(nodes: string[]): QuerySpec<'kp.programming_p99'> {
    const buckets = selector('kubeproxy_network_programming_duration_seconds_bucket', [
      nodeMatcher(nodes),
    ]);
    return {
      id: 'kp.programming_p99',
      title: msg`network programming latency p99 (endpoint change → rules)`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (instance, le) (rate(${buckets}[${RATE}])))`,
    };
  },
  noLocalEndpoints(nodes: string[], window: string): QuerySpec<'kp.no_local_endpoints'> {
    const drops = selector('kubeproxy_sync_proxy_rules_no_local_endpoints_total', [
      nodeMatcher(nodes),
    ]);
    return {
      id: 'kp.no_local_endpoints',
      title: msg`traffic to Local-policy services without a local endpoint`,
      unit: 'count',
      kind: 'instant',
      promql: `sum by (instance) (increase(${drops}[${window}]))`,
    };
  },
};

/** Whether a layout's request series exist in the window: its probe. */
function requestPresence(
  layoutId: string,
  requests: string,
  window: string,
): QuerySpec<`ing.presence.${string}`> {
  return {
    id: `ing.presence.${layoutId}`,
    title: msg`controller request series (${layoutId} labels)`,
    unit: 'count',
    kind: 'instant',
    promql: `count(last_over_time(${requests}[${window}]))`,
  };
}

/** The share of a controller's requests whose status label matches `5..` or `4..`. */
function statusShare<P extends '5..' | '4..'>(
  requests: string,
  m: readonly Matcher[],
  statusLabel: string,
  pattern: P,
): QuerySpec<P extends '5..' ? 'ing.5xx' : 'ing.4xx'> {
  const all = selector(requests, m);
  const part = selector(requests, [...m, [statusLabel, '=~', quote(pattern)]]);
  return {
    id: (pattern === '5..' ? 'ing.5xx' : 'ing.4xx') as P extends '5..' ? 'ing.5xx' : 'ing.4xx',
    title: msg`${pattern.slice(0, 1)}xx share of requests`,
    unit: 'ratio',
    kind: 'range',
    promql: `(sum(rate(${part}[${RATE}])) or vector(0)) / sum(rate(${all}[${RATE}]))`,
  };
}

/** The per-Ingress matchers of the controller's series in one label layout. */
export function ingressMatchers(
  layout: IngressMetricsLayout,
  target: { namespace: string; ingress: string; host: string },
): Matcher[] {
  return [
    [layout.namespaceLabel, '=', target.namespace],
    [layout.ingressLabel, '=', target.ingress],
    ['host', '=', target.host],
  ];
}

/** Queries of an ingress controller, with the metric names its profile gives. */
export const ingressController = {
  /** The request series a layout looks for, as shown to the SRE when none has series. */
  requestsSelector(names: IngressControllerMetrics, m: Matcher[]): string {
    return selector(names.requests, m);
  },
  presence(
    names: IngressControllerMetrics,
    layout: IngressMetricsLayout,
    m: Matcher[],
    window: string,
  ): QuerySpec<`ing.presence.${string}`> {
    return requestPresence(layout.id, selector(names.requests, m), window);
  },
  /** A bounded look at which Ingresses and hosts the controller's request series do describe. */
  nearest(
    names: IngressControllerMetrics,
    window: string,
    scope: Matcher[],
  ): QuerySpec<'ing.nearest'> {
    const labels = [
      ...names.layouts.flatMap((l) => [l.namespaceLabel, l.ingressLabel]),
      'host',
      ...names.layouts.map((l) => l.serviceLabel),
    ];
    return {
      id: 'ing.nearest',
      title: msg`controller request series that exist (top ${NEAREST_LIMIT} label sets)`,
      unit: 'count',
      kind: 'instant',
      promql: `topk(${NEAREST_LIMIT}, count ${groupBy(labels)} (last_over_time(${selector(names.requests, scope)}[${window}])))`,
    };
  },
  statusRatio<P extends '5..' | '4..'>(
    names: IngressControllerMetrics,
    m: Matcher[],
    pattern: P,
  ): QuerySpec<P extends '5..' ? 'ing.5xx' : 'ing.4xx'> {
    return statusShare(names.requests, m, 'status', pattern);
  },
  latencyP99<W extends 'request' | 'response'>(
    names: IngressControllerMetrics,
    m: Matcher[],
    which: W,
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<`ing.${W}_p99`>> {
    const histogram = which === 'request' ? names.requestDuration : names.upstreamResponseDuration;
    const what =
      which === 'request' ? msg`request (controller + upstream)` : msg`upstream response`;
    return {
      id: shifted(`ing.${which}_p99`, o),
      title: msg`${what} latency p99${earlier(o)}`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${selector(`${histogram}_bucket`, m)}[${RATE}]${offset(o)})))`,
    };
  },
  connectP99(names: IngressControllerMetrics, m: Matcher[]): QuerySpec<'ing.connect_p99'> {
    const buckets = selector(`${names.upstreamConnectDuration}_bucket`, m);
    return {
      id: 'ing.connect_p99',
      title: msg`upstream connect time p99`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${buckets}[${RATE}])))`,
    };
  },
  orphan(
    names: IngressControllerMetrics,
    layout: IngressMetricsLayout,
    namespace: string,
    ingress: string,
    scope: Matcher[],
  ): QuerySpec<'ing.orphan'> {
    const orphan = selector(names.orphanIngress, [
      [layout.namespaceLabel, '=', namespace],
      [layout.ingressLabel, '=', ingress],
      ...scope,
    ]);
    return {
      id: 'ing.orphan',
      title: msg`orphan ingress (no endpoints or no Service)`,
      unit: 'count',
      kind: 'instant',
      promql: `max by (type) (${orphan})`,
    };
  },
  /** Per controller pod of this path (`scope`): another controller's reload is not this path's. */
  reloadOk(names: IngressControllerMetrics, scope: Matcher[]): QuerySpec<'ing.reload_ok'> {
    return {
      id: 'ing.reload_ok',
      title: msg`last config reload successful`,
      unit: 'count',
      kind: 'instant',
      promql: `min by (controller_pod) (${selector(names.reloadSuccessful, scope)})`,
    };
  },
  certificateExpiry(
    names: IngressControllerMetrics,
    host: string,
    scope: Matcher[],
  ): QuerySpec<'ing.cert_expiry'> {
    const expiry = selector(names.certificateExpiry, [['host', '=', host], ...scope]);
    return {
      id: 'ing.cert_expiry',
      title: msg`certificate expiry`,
      unit: 'seconds',
      kind: 'instant',
      promql: `min(${expiry}) - time()`,
    };
  },
};

/**
 * Queries of a controller that counts requests per backend (Traefik, Kong, HAProxy), by the name
 * it gives the path's backend, in one label layout.
 */
export const ingressBackend = {
  /** The request series a layout looks for, as shown to the SRE when none has series. */
  requestsSelector(
    names: BackendKeyedMetrics,
    layout: BackendMetricsLayout,
    backend: readonly string[],
  ) {
    return selector(names.requests, [
      nameMatcher(layoutLabel(layout, names.backendLabel), backend),
    ]);
  },
  presence(
    names: BackendKeyedMetrics,
    layout: BackendMetricsLayout,
    backend: readonly string[],
    window: string,
  ): QuerySpec<`ing.presence.${string}`> {
    return requestPresence(
      layout.id,
      ingressBackend.requestsSelector(names, layout, backend),
      window,
    );
  },
  /** A bounded look at which backends the controller's request series do name. */
  nearest(names: BackendKeyedMetrics, window: string): QuerySpec<'ing.nearest'> {
    const labels = names.layouts.map((l) => layoutLabel(l, names.backendLabel));
    return {
      id: 'ing.nearest',
      title: msg`controller request series that exist (top ${NEAREST_LIMIT} label sets)`,
      unit: 'count',
      kind: 'instant',
      promql: `topk(${NEAREST_LIMIT}, count ${groupBy(labels)} (last_over_time(${selector(names.requests, [])}[${window}])))`,
    };
  },
  statusRatio<P extends '5..' | '4..'>(
    names: BackendKeyedMetrics,
    layout: BackendMetricsLayout,
    backend: readonly string[],
    pattern: P,
  ): QuerySpec<P extends '5..' ? 'ing.5xx' : 'ing.4xx'> {
    const m = nameMatcher(layoutLabel(layout, names.backendLabel), backend);
    return statusShare(names.requests, [m], layoutLabel(layout, names.statusLabel), pattern);
  },
  upstreamP99(
    names: BackendKeyedMetrics & {
      upstreamLatency: NonNullable<BackendKeyedMetrics['upstreamLatency']>;
    },
    layout: BackendMetricsLayout,
    backend: readonly string[],
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<'ing.response_p99'>> {
    const h = names.upstreamLatency;
    const buckets = selector(`${h.histogram}_bucket`, [
      nameMatcher(layoutLabel(layout, names.backendLabel), backend),
    ]);
    return {
      id: shifted('ing.response_p99', o),
      title: msg`upstream response latency p99${earlier(o)}`,
      unit: 'seconds',
      kind: 'range',
      promql:
        `histogram_quantile(0.99, sum by (le) (rate(${buckets}[${RATE}]${offset(o)})))` +
        (h.unit === 'milliseconds' ? ' / 1000' : ''),
    };
  },
  /** The backend's targets whose health the controller reports as down, one series each. */
  targetsDown(
    names: BackendKeyedMetrics & { targetHealth: NonNullable<BackendKeyedMetrics['targetHealth']> },
    layout: BackendMetricsLayout,
    upstream: string,
  ): QuerySpec<'ing.targets_down'> {
    const h = names.targetHealth;
    const down = selector(h.metric, [
      [layoutLabel(layout, h.upstreamLabel), '=', upstream],
      ...(h.downMatchers ?? []).map(([label, op, value]): Matcher => [
        label,
        op,
        op === '=~' ? quote(value) : value,
      ]),
    ]);
    return {
      id: 'ing.targets_down',
      title: msg`backend targets the controller reports down`,
      unit: 'count',
      kind: 'instant',
      promql: `count by (${layoutLabel(layout, h.targetLabel)}) (${down} ${h.down})`,
    };
  },
};

/** The series of a rule's clusters: one name exactly, several as alternatives. */
export function clusterMatcher(names: EnvoyClusterMetrics, clusters: readonly string[]): Matcher {
  return clusters.length === 1
    ? [names.clusterLabel, '=', clusters[0]!]
    : [names.clusterLabel, '=~', anyOf(clusters)];
}

/**
 * A Gateway's requests for the path's route rule, by the matchers that select its series: Envoy's
 * cluster statistics (the rule's clusters) or Istio's request metrics (gateway → Service).
 */
export const gatewayRoute = {
  /** The selector of the rule's request series, as shown to the SRE when none has series. */
  requestsSelector(names: GatewayMetrics, m: readonly Matcher[]): string {
    return selector(names.requests, m);
  },
  fiveXx(names: GatewayMetrics, m: readonly Matcher[]): QuerySpec<'gw.5xx'> {
    // Envoy's share is of its responses by class: its own "no healthy upstream" 503 is counted
    // there but never as an upstream request (upstream_rq_total), which would put it above 100 %.
    const part =
      names.kind === 'envoy-cluster'
        ? selector(names.responsesByClass, [...m, [names.classLabel, '=', '5']])
        : selector(names.requests, [...m, [names.statusLabel, '=~', quote('5..')]]);
    const all =
      names.kind === 'envoy-cluster'
        ? selector(names.responsesByClass, m)
        : selector(names.requests, m);
    return {
      id: 'gw.5xx',
      title: msg`5xx share of upstream responses`,
      unit: 'ratio',
      kind: 'range',
      promql: `(sum(rate(${part}[${RATE}])) or vector(0)) / sum(rate(${all}[${RATE}]))`,
    };
  },
  upstreamP99(
    names: GatewayMetrics,
    m: readonly Matcher[],
    o?: BaselineOffset,
  ): QuerySpec<WithBaselines<'gw.upstream_p99'>> {
    const histogram = names.kind === 'envoy-cluster' ? names.requestTimeMs : names.durationMs;
    const buckets = selector(`${histogram}_bucket`, m);
    return {
      id: shifted('gw.upstream_p99', o),
      title: msg`upstream request time p99${earlier(o)}`,
      unit: 'seconds',
      kind: 'range',
      // Both histograms are in milliseconds.
      promql: `histogram_quantile(0.99, sum by (le) (rate(${buckets}[${RATE}]${offset(o)}))) / 1000`,
    };
  },
  connectFailures(names: EnvoyClusterMetrics, m: readonly Matcher[]): QuerySpec<'gw.connect_fail'> {
    return {
      id: 'gw.connect_fail',
      title: msg`failed connections to the upstream per second`,
      unit: 'count',
      kind: 'range',
      promql: `sum(rate(${selector(names.connectFailures, m)}[${RATE}]))`,
    };
  },
};

type IdsOf<Builders> = {
  [K in keyof Builders]: Builders[K] extends (...args: never[]) => QuerySpec<infer Id> ? Id : never;
}[keyof Builders];

/**
 * The id of every query a builder above can make: checks and charts read results by these, so
 * a mistyped id does not compile.
 */
export type MetricId =
  | IdsOf<typeof golden>
  | IdsOf<typeof saturation>
  | IdsOf<typeof coredns>
  | IdsOf<typeof kubeProxy>
  | IdsOf<typeof ingressController>
  | IdsOf<typeof ingressBackend>
  | IdsOf<typeof gatewayRoute>;
