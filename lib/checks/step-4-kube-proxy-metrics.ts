// Step 4 — kube-proxy from Prometheus on the nodes that matter: how long since the last rule
// sync (stale rules), sync duration, iptables-restore failures, Local-policy drops.
import type { Finding } from '@/lib/model/finding';
import { isGathered, type Snapshot } from '@/lib/model/snapshot';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import { kubeProxy } from '@/lib/promql/queries';
import { windowRange } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import { nodeIdentities } from './read-snapshot';
import { finding } from './finding-builder';
import { fmt, nodeOf, queryEvidence, readMetric, stat, values } from './read-metrics';
import { metricCoverage } from './metric-coverage';
import type { Thresholds } from './thresholds';
import { sh } from './command';
import { msg, type Message } from '@/lib/i18n/message';

/** kube-proxy on the nodes whose rules the path goes through (those its pods were found on). */
export function kubeProxyQueries({ snapshot: s, window }: PlanInput): MetricPlan {
  const nodes = isGathered(s.kubeProxy) ? Object.keys(s.kubeProxy.value.podsByNode) : [];
  if (nodes.length === 0) return EMPTY_PLAN;
  const ids = nodeIdentities(s, nodes);
  const range = windowRange(window);
  return {
    ...EMPTY_PLAN,
    queries: [
      kubeProxy.ruleAge(ids),
      kubeProxy.syncP99(ids),
      kubeProxy.programmingP99(ids),
      kubeProxy.restoreFailures(ids, range),
      kubeProxy.noLocalEndpoints(ids, range),
    ],
  };
}

export const KUBE_PROXY_CHARTS: readonly ChartSpec[] = [
  {
    id: 'kp.sync_p99',
    source: 'kube-proxy',
    threshold: (t) => ({
      value: t.kubeProxySync.warn,
      label: msg`warn above ${t.kubeProxySync.warn} s`,
    }),
  },
];

export function checkKubeProxyMetrics(s: Snapshot, t: Thresholds): Finding[] {
  if (
    !s.metrics ||
    !('value' in s.kubeProxy) ||
    Object.keys(s.kubeProxy.value.podsByNode).length === 0
  )
    return [];
  const out = metricCoverage(
    s,
    4,
    'kube-proxy',
    ['kp.rule_age'],
    [
      {
        id: 'kp.rule_age',
        metric: 'kubeproxy_sync_proxy_rules_last_timestamp_seconds',
        scrapeHint: msg`is kube-proxy's metrics port (10249) scraped, with instance = node name or IP?`,
      },
    ],
  );
  if (out.length > 0) return out;
  const age = readMetric(s, 'kp.rule_age');
  if (age.state === 'ok') {
    for (const series of age.result.series) {
      const seconds = stat.last(values(series));
      if (!(seconds >= t.kubeProxyRuleAge.warn)) continue;
      const node = nodeOf(s, series.labels);
      out.push(
        finding('KUBE_PROXY_RULES_STALE', {
          hop: 'kube-proxy',
          member: node,
          severity: seconds >= t.kubeProxyRuleAge.fail ? 'fail' : 'warn',
          title: msg`kube-proxy on ${node ?? series.labels.instance ?? '?'} last synced its rules ${fmt(seconds / 60, 'count')} min ago: new endpoints are not programmed there`,
          evidence: [
            queryEvidence(
              age.result,
              msg`${Math.round(seconds)} s for ${series.labels.instance ?? '?'}`,
            ),
          ],
          // kubectl logs takes no field selector: find the node's kube-proxy pod first.
          commands: node
            ? [
                sh`kubectl get pods -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=${node} -o name | xargs kubectl logs -n kube-system --tail=50`,
              ]
            : [sh`kubectl logs -n kube-system -l k8s-app=kube-proxy --tail=50`],
        }),
      );
    }
  }
  const slow: [
    'kp.sync_p99' | 'kp.programming_p99',
    'KUBE_PROXY_SYNC_SLOW' | 'KUBE_PROXY_PROGRAMMING_SLOW',
    number,
    (node: string, p99: string) => Message,
  ][] = [
    [
      'kp.sync_p99',
      'KUBE_PROXY_SYNC_SLOW',
      t.kubeProxySync.warn,
      (node, p99) => msg`kube-proxy on ${node}: rule sync p99 ${p99}`,
    ],
    [
      'kp.programming_p99',
      'KUBE_PROXY_PROGRAMMING_SLOW',
      t.kubeProxyProgramming.warn,
      (node, p99) => msg`kube-proxy on ${node}: network programming latency p99 ${p99}`,
    ],
  ];
  for (const [id, code, limit, title] of slow) {
    const r = readMetric(s, id);
    if (r.state !== 'ok') continue;
    for (const series of r.result.series) {
      const p99 = stat.max(values(series));
      if (p99 >= limit)
        out.push(
          finding(code, {
            hop: 'kube-proxy',
            member: nodeOf(s, series.labels),
            severity: 'warn',
            title: title(
              nodeOf(s, series.labels) ?? series.labels.instance ?? '?',
              fmt(p99, 'seconds'),
            ),
            evidence: [queryEvidence(r.result, msg`max ${fmt(p99, 'seconds')}`)],
          }),
        );
    }
  }
  const counted: [
    'kp.restore_failures' | 'kp.no_local_endpoints',
    'KUBE_PROXY_RESTORE_FAILURES' | 'KUBE_PROXY_NO_LOCAL_ENDPOINTS',
    (node: string, n: number) => Message,
  ][] = [
    [
      'kp.restore_failures',
      'KUBE_PROXY_RESTORE_FAILURES',
      (node, n) => msg`kube-proxy on ${node}: ${n} iptables-restore failures in the window`,
    ],
    [
      'kp.no_local_endpoints',
      'KUBE_PROXY_NO_LOCAL_ENDPOINTS',
      (node, n) =>
        msg`kube-proxy on ${node}: ${n} packets for Local-policy Services without a local endpoint in the window`,
    ],
  ];
  for (const [id, code, title] of counted) {
    const r = readMetric(s, id);
    if (r.state !== 'ok') continue;
    for (const series of r.result.series) {
      const n = stat.last(values(series));
      if (n >= 1)
        out.push(
          finding(code, {
            hop: 'kube-proxy',
            member: nodeOf(s, series.labels),
            severity: code === 'KUBE_PROXY_RESTORE_FAILURES' ? 'fail' : 'warn',
            title: title(nodeOf(s, series.labels) ?? series.labels.instance ?? '?', Math.round(n)),
            evidence: [queryEvidence(r.result, msg`${Math.round(n)}`)],
          }),
        );
    }
  }
  return out;
}
