// Every PromQL Hopscope runs, in one place: named builders with typed parameters, each with
// its title and unit. Label values only ever enter through `selector` (quoted, regex-escaped).
import type { GoldenProfile } from '@/lib/profiles/golden-metrics';
import type { Unit } from '@/lib/model/units';
import { anyOf, quote, selector, type Matcher } from './escape';

export interface QuerySpec {
  id: string;
  title: string;
  unit: Unit;
  promql: string;
  kind: 'range' | 'instant';
}

/** Rate window of every `rate()`: long enough for 15 s–1 m scrape intervals. */
export const RATE = '5m';

function offset(o?: string): string {
  return o ? ` offset ${o}` : '';
}

/** Nodes appear as `instance` = node name or node IP, with or without a port. */
export function nodeMatcher(nodes: readonly string[]): Matcher {
  return ['instance', '=~', anyOf(nodes, '(:[0-9]+)?')];
}

export function goldenMatchers(
  p: GoldenProfile,
  target: { namespace: string; service: string; pods: readonly string[] },
): Matcher[] {
  const m: Matcher[] = [[p.select.namespaceLabel, '=', target.namespace]];
  if (p.select.by === 'pods') m.push([p.select.podLabel, '=~', anyOf(target.pods)]);
  else m.push([p.select.serviceLabel, '=', target.service]);
  for (const [k, v] of p.extra ?? []) m.push([k, '=', v]);
  return m;
}

export const golden = {
  presence(p: GoldenProfile, m: Matcher[], window: string): QuerySpec {
    return {
      id: 'golden.presence',
      title: `${p.title} series`,
      unit: 'count',
      kind: 'instant',
      promql: `count(last_over_time(${selector(p.requests, m)}[${window}]))`,
    };
  },
  requestRate(p: GoldenProfile, m: Matcher[], o?: string): QuerySpec {
    return {
      id: `golden.rate${o ? `.${o}` : ''}`,
      title: `request rate${o ? ` (${o} earlier)` : ''}`,
      unit: 'reqps',
      kind: 'range',
      promql: `sum(rate(${selector(p.requests, m)}[${RATE}]${offset(o)}))`,
    };
  },
  errorRatio(p: GoldenProfile, m: Matcher[], o?: string): QuerySpec {
    // The error pattern is profile data (a trusted RE2 pattern), not user input.
    const errors = selector(p.requests, [...m, [p.statusLabel, '=~', quote(p.errorPattern)]]);
    return {
      id: `golden.errors${o ? `.${o}` : ''}`,
      title: `error ratio (${p.statusLabel}=~${p.errorPattern})${o ? ` (${o} earlier)` : ''}`,
      unit: 'ratio',
      kind: 'range',
      promql: `sum(rate(${errors}[${RATE}]${offset(o)})) / sum(rate(${selector(p.requests, m)}[${RATE}]${offset(o)}))`,
    };
  },
  latency(p: GoldenProfile, m: Matcher[], quantile: 0.5 | 0.99, o?: string): QuerySpec {
    const scale = p.latencyUnit === 'milliseconds' ? ' / 1000' : '';
    const q = quantile === 0.99 ? 'p99' : 'p50';
    return {
      id: `golden.${q}${o ? `.${o}` : ''}`,
      title: `latency ${q}${o ? ` (${o} earlier)` : ''}`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(${quantile}, sum by (le) (rate(${selector(`${p.histogram}_bucket`, m)}[${RATE}]${offset(o)})))${scale}`,
    };
  },
};

export const saturation = {
  nodeCpu(nodes: string[]): QuerySpec {
    return {
      id: 'node.cpu',
      title: 'node CPU busy',
      unit: 'ratio',
      kind: 'range',
      promql: `1 - avg by (instance) (rate(${selector('node_cpu_seconds_total', [nodeMatcher(nodes), ['mode', '=', 'idle']])}[${RATE}]))`,
    };
  },
  nodeMemory(nodes: string[]): QuerySpec {
    const m = [nodeMatcher(nodes)];
    return {
      id: 'node.memory',
      title: 'node memory used',
      unit: 'ratio',
      kind: 'range',
      promql: `1 - ${selector('node_memory_MemAvailable_bytes', m)} / ${selector('node_memory_MemTotal_bytes', m)}`,
    };
  },
  nodeConntrack(nodes: string[]): QuerySpec {
    const m = [nodeMatcher(nodes)];
    return {
      id: 'node.conntrack',
      title: 'conntrack table used',
      unit: 'ratio',
      kind: 'range',
      promql: `${selector('node_nf_conntrack_entries', m)} / ${selector('node_nf_conntrack_entries_limit', m)}`,
    };
  },
  nodeNetworkErrors(nodes: string[]): QuerySpec {
    const m = [nodeMatcher(nodes)];
    return {
      id: 'node.net_errors',
      title: 'network receive errors + drops',
      unit: 'count',
      kind: 'range',
      promql: `sum by (instance) (rate(${selector('node_network_receive_errs_total', m)}[${RATE}]) + rate(${selector('node_network_receive_drop_total', m)}[${RATE}]))`,
    };
  },
  nodeListenOverflows(nodes: string[]): QuerySpec {
    return {
      id: 'node.listen_overflows',
      title: 'TCP listen overflows',
      unit: 'count',
      kind: 'range',
      promql: `sum by (instance) (rate(${selector('node_netstat_TcpExt_ListenOverflows', [nodeMatcher(nodes)])}[${RATE}]))`,
    };
  },
  nodeCpuPressure(nodes: string[]): QuerySpec {
    return {
      id: 'node.psi_cpu',
      title: 'CPU pressure (PSI, share of time waiting)',
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (instance) (rate(${selector('node_pressure_cpu_waiting_seconds_total', [nodeMatcher(nodes)])}[${RATE}]))`,
    };
  },
  podThrottling(namespace: string, pods: string[]): QuerySpec {
    const m: Matcher[] = [
      ['namespace', '=', namespace],
      ['pod', '=~', anyOf(pods)],
    ];
    return {
      id: 'pod.throttling',
      title: 'CPU throttled periods',
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (pod) (rate(${selector('container_cpu_cfs_throttled_periods_total', m)}[${RATE}])) / sum by (pod) (rate(${selector('container_cpu_cfs_periods_total', m)}[${RATE}]))`,
    };
  },
  podMemory(namespace: string, pods: string[]): QuerySpec {
    const m: Matcher[] = [
      ['namespace', '=', namespace],
      ['pod', '=~', anyOf(pods)],
      ['container', '!=', ''],
    ];
    return {
      id: 'pod.memory',
      title: 'memory working set / limit',
      unit: 'ratio',
      kind: 'range',
      promql: `sum by (pod) (${selector('container_memory_working_set_bytes', m)}) / sum by (pod) (${selector('container_spec_memory_limit_bytes', m)} > 0)`,
    };
  },
  podRestarts(namespace: string, pods: string[], window: string): QuerySpec {
    return {
      id: 'pod.restarts',
      title: 'container restarts in the window',
      unit: 'count',
      kind: 'instant',
      promql: `sum by (pod) (increase(${selector('kube_pod_container_status_restarts_total', [
        ['namespace', '=', namespace],
        ['pod', '=~', anyOf(pods)],
      ])}[${window}]))`,
    };
  },
  containersOnNodes(nodes: string[], namespace: string): QuerySpec {
    return {
      id: 'node.containers',
      title: 'pods cAdvisor reports on the nodes',
      unit: 'count',
      kind: 'instant',
      promql: `count by (namespace, pod, node) (${selector('container_memory_working_set_bytes', [
        ['node', '=~', anyOf(nodes)],
        ['namespace', '=', namespace],
        ['container', '!=', ''],
      ])})`,
    };
  },
};

export const coredns = {
  requests(): QuerySpec {
    return {
      id: 'dns.requests',
      title: 'CoreDNS requests',
      unit: 'reqps',
      kind: 'range',
      promql: 'sum(rate(coredns_dns_requests_total[5m]))',
    };
  },
  rcodeRatio(rcode: 'SERVFAIL' | 'NXDOMAIN' | 'REFUSED'): QuerySpec {
    const part = selector('coredns_dns_responses_total', [['rcode', '=', rcode]]);
    return {
      id: `dns.${rcode.toLowerCase()}`,
      title: `${rcode} share of responses`,
      unit: 'ratio',
      kind: 'range',
      promql: `(sum(rate(${part}[${RATE}])) or vector(0)) / sum(rate(coredns_dns_responses_total[${RATE}]))`,
    };
  },
  latencyP99(): QuerySpec {
    return {
      id: 'dns.p99',
      title: 'CoreDNS latency p99',
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(coredns_dns_request_duration_seconds_bucket[${RATE}])))`,
    };
  },
  panics(window: string): QuerySpec {
    return {
      id: 'dns.panics',
      title: 'CoreDNS panics in the window',
      unit: 'count',
      kind: 'instant',
      promql: `sum(increase(coredns_panics_total[${window}]))`,
    };
  },
  forwardFailures(window: string): QuerySpec {
    return {
      id: 'dns.forward_failures',
      title: 'forward health-check failures in the window',
      unit: 'count',
      kind: 'instant',
      promql: `sum(increase(coredns_forward_healthcheck_failures_total[${window}]))`,
    };
  },
  cacheHitRatio(): QuerySpec {
    return {
      id: 'dns.cache_hits',
      title: 'cache hit ratio',
      unit: 'ratio',
      kind: 'range',
      promql: `sum(rate(coredns_cache_hits_total[${RATE}])) / (sum(rate(coredns_cache_hits_total[${RATE}])) + sum(rate(coredns_cache_misses_total[${RATE}])))`,
    };
  },
};

export const kubeProxy = {
  ruleAge(nodes: string[]): QuerySpec {
    return {
      id: 'kp.rule_age',
      title: 'time since the last rule sync',
      unit: 'seconds',
      kind: 'instant',
      promql: `time() - ${selector('kubeproxy_sync_proxy_rules_last_timestamp_seconds', [nodeMatcher(nodes)])}`,
    };
  },
  syncP99(nodes: string[]): QuerySpec {
    return {
      id: 'kp.sync_p99',
      title: 'rule sync duration p99',
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (instance, le) (rate(${selector('kubeproxy_sync_proxy_rules_duration_seconds_bucket', [nodeMatcher(nodes)])}[${RATE}])))`,
    };
  },
  restoreFailures(nodes: string[], window: string): QuerySpec {
    return {
      id: 'kp.restore_failures',
      title: 'iptables-restore failures in the window',
      unit: 'count',
      kind: 'instant',
      promql: `sum by (instance) (increase(${selector('kubeproxy_sync_proxy_rules_iptables_restore_failures_total', [nodeMatcher(nodes)])}[${window}]))`,
    };
  },
  programmingP99(nodes: string[]): QuerySpec {
    return {
      id: 'kp.programming_p99',
      title: 'network programming latency p99 (endpoint change → rules)',
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (instance, le) (rate(${selector('kubeproxy_network_programming_duration_seconds_bucket', [nodeMatcher(nodes)])}[${RATE}])))`,
    };
  },
  noLocalEndpoints(nodes: string[], window: string): QuerySpec {
    return {
      id: 'kp.no_local_endpoints',
      title: 'traffic to Local-policy services without a local endpoint',
      unit: 'count',
      kind: 'instant',
      promql: `sum by (instance) (increase(${selector('kubeproxy_sync_proxy_rules_no_local_endpoints_total', [nodeMatcher(nodes)])}[${window}]))`,
    };
  },
};

export const ingressNginx = {
  statusRatio(m: Matcher[], pattern: '5..' | '4..'): QuerySpec {
    const sel = selector('nginx_ingress_controller_requests', m);
    const part = selector('nginx_ingress_controller_requests', [
      ...m,
      ['status', '=~', quote(pattern)],
    ]);
    return {
      id: `ing.${pattern[0]}xx`,
      title: `${pattern[0]}xx share of requests`,
      unit: 'ratio',
      kind: 'range',
      promql: `(sum(rate(${part}[${RATE}])) or vector(0)) / sum(rate(${sel}[${RATE}]))`,
    };
  },
  latencyP99(m: Matcher[], which: 'request' | 'response', o?: string): QuerySpec {
    const metric =
      which === 'request'
        ? 'nginx_ingress_controller_request_duration_seconds_bucket'
        : 'nginx_ingress_controller_response_duration_seconds_bucket';
    return {
      id: `ing.${which}_p99${o ? `.${o}` : ''}`,
      title: `${which === 'request' ? 'request (controller + upstream)' : 'upstream response'} latency p99${o ? ` (${o} earlier)` : ''}`,
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${selector(metric, m)}[${RATE}]${offset(o)})))`,
    };
  },
  connectP99(m: Matcher[]): QuerySpec {
    return {
      id: 'ing.connect_p99',
      title: 'upstream connect time p99',
      unit: 'seconds',
      kind: 'range',
      promql: `histogram_quantile(0.99, sum by (le) (rate(${selector('nginx_ingress_controller_connect_duration_seconds_bucket', m)}[${RATE}])))`,
    };
  },
  orphan(namespace: string, ingress: string): QuerySpec {
    return {
      id: 'ing.orphan',
      title: 'orphan ingress (no endpoints or no Service)',
      unit: 'count',
      kind: 'instant',
      promql: `max by (type) (${selector('nginx_ingress_controller_orphan_ingress', [
        ['namespace', '=', namespace],
        ['ingress', '=', ingress],
      ])})`,
    };
  },
  reloadOk(): QuerySpec {
    return {
      id: 'ing.reload_ok',
      title: 'last config reload successful',
      unit: 'count',
      kind: 'instant',
      promql: 'min by (controller_pod) (nginx_ingress_controller_config_last_reload_successful)',
    };
  },
  certificateExpiry(host: string): QuerySpec {
    return {
      id: 'ing.cert_expiry',
      title: 'certificate expiry',
      unit: 'seconds',
      kind: 'instant',
      promql: `min(${selector('nginx_ingress_controller_ssl_expire_time_seconds', [['host', '=', host]])}) - time()`,
    };
  },
};
