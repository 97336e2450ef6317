// Step 1 — saturation from Prometheus: the path's nodes (CPU, memory, PSI, network errors,
// conntrack, listen overflows, leaked containers) and its backend pods (throttling, memory vs
// limit, restarts in the window).
import type { FindingCode } from '@/lib/model/catalogue';
import type { Finding } from '@/lib/model/finding';
import type { Gathered, MetricQueryResult, PodOnNode, Snapshot } from '@/lib/model/snapshot';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import { saturation, type MetricId, type QuerySpec } from '@/lib/promql/queries';
import { windowRange } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import { finding } from './finding-builder';
import { backendNamespace, backendPods, nodeIdentities } from './read-snapshot';
import { fmt, nodeOf, queryEvidence, readMetric, stat, values } from './read-metrics';
import { metricCoverage } from './metric-coverage';
import type { Thresholds } from './thresholds';
import { sh } from './command';
import { msg, type Message } from '@/lib/i18n/message';

interface SeriesRule {
  id: MetricId;
  code: FindingCode;
  warn: number;
  fail?: number;
  what: Message;
}

/** Saturation of the path's nodes and of its backend pods, as far as the snapshot names them. */
export function saturationQueries({ snapshot: s, window }: PlanInput): MetricPlan {
  const namespace = backendNamespace(s);
  const pods = backendPods(s).map((p) => p.name);
  const nodeNames = Object.keys(s.nodes);
  const nodeIds = nodeIdentities(s, nodeNames);
  const queries: QuerySpec[] = [];
  if (nodeIds.length > 0) {
    queries.push(
      saturation.nodeCpu(nodeIds),
      saturation.nodeMemory(nodeIds),
      saturation.nodeConntrack(nodeIds),
      saturation.nodeNetworkErrors(nodeIds),
      saturation.nodeListenOverflows(nodeIds),
      saturation.nodeCpuPressure(nodeIds),
      saturation.containersOnNodes(nodeNames, namespace),
    );
  }
  if (pods.length > 0) {
    queries.push(
      saturation.podThrottling(namespace, pods),
      saturation.podMemory(namespace, pods),
      saturation.podRestarts(namespace, pods, windowRange(window)),
    );
  }
  return { ...EMPTY_PLAN, queries };
}

const percent = (v: number) => `${+(v * 100).toFixed(2)} %`;

export const SATURATION_CHARTS: readonly ChartSpec[] = [
  {
    id: 'node.cpu',
    source: 'node-exporter',
    threshold: (t) => ({
      value: t.nodeCpu.warn,
      label: msg`warn above ${percent(t.nodeCpu.warn)}`,
    }),
  },
  {
    id: 'node.conntrack',
    source: 'node-exporter',
    threshold: (t) => ({
      value: t.conntrack.warn,
      label: msg`warn above ${percent(t.conntrack.warn)}`,
    }),
  },
  {
    id: 'pod.throttling',
    source: 'cAdvisor (kubelet)',
    threshold: (t) => ({
      value: t.throttling.warn,
      label: msg`warn above ${percent(t.throttling.warn)}`,
    }),
  },
  {
    id: 'pod.memory',
    source: 'cAdvisor (kubelet)',
    threshold: (t) => ({
      value: t.podMemory.warn,
      label: msg`warn above ${percent(t.podMemory.warn)}`,
    }),
  },
];

/**
 * Pods cAdvisor reports on the path's nodes, in the backend namespace, that are not the backend
 * pods the API listed: the ones to look up (a leaked sandbox's pod object is gone).
 */
export function orphanCandidates(
  s: Snapshot,
  containers: Gathered<MetricQueryResult> | undefined,
): Gathered<PodOnNode[]> {
  if (!containers) return { value: [] };
  if ('issue' in containers) return { issue: containers.issue };
  const known = new Set(backendPods(s).map((p) => `${p.namespace}/${p.name}`));
  const candidates = containers.value.series.map((x) => ({
    namespace: x.labels.namespace ?? '',
    pod: x.labels.pod ?? '',
    node: x.labels.node ?? '',
  }));
  return { value: candidates.filter((c) => c.pod && !known.has(`${c.namespace}/${c.pod}`)) };
}

function perSeries(
  s: Snapshot,
  rule: SeriesRule,
  hop: 'node' | 'pods',
  memberOf: (labels: Record<string, string>) => string | undefined,
): Finding[] {
  const r = readMetric(s, rule.id);
  if (r.state !== 'ok') return [];
  return r.result.series.flatMap((series) => {
    const v = values(series);
    const peak = r.result.kind === 'instant' ? stat.last(v) : stat.max(v);
    if (!(peak >= rule.warn)) return [];
    const member = memberOf(series.labels);
    const severity = rule.fail !== undefined && peak >= rule.fail ? 'fail' : 'warn';
    const limit = severity === 'fail' ? rule.fail! : rule.warn;
    const value = fmt(peak, r.result.unit);
    const threshold = fmt(limit, r.result.unit);
    const reading =
      r.result.kind === 'instant'
        ? msg`${rule.what} ${value} (threshold ${threshold})`
        : msg`${rule.what} peaked at ${value} (threshold ${threshold})`;
    const labels = JSON.stringify(series.labels);
    return [
      finding(rule.code, {
        hop,
        member,
        severity,
        title: !member
          ? reading
          : hop === 'node'
            ? msg`node ${member}: ${reading}`
            : msg`pod ${member}: ${reading}`,
        evidence: [
          queryEvidence(
            r.result,
            r.result.kind === 'instant'
              ? msg`value ${value} for ${labels}`
              : msg`max ${value} for ${labels}`,
          ),
        ],
      }),
    ];
  });
}

export function checkSaturation(s: Snapshot, t: Thresholds): Finding[] {
  if (!s.metrics) return [];
  const node = (labels: Record<string, string>) => nodeOf(s, labels);
  const pod = (labels: Record<string, string>) => labels.pod;
  const out: Finding[] = [
    ...metricCoverage(
      s,
      1,
      'node',
      ['node.cpu', 'node.conntrack'],
      [
        {
          id: 'node.cpu',
          metric: 'node_cpu_seconds_total',
          scrapeHint: msg`is node-exporter scraped (with instance = node name or IP)?`,
        },
      ],
    ),
    ...metricCoverage(
      s,
      1,
      'pods',
      ['pod.memory', 'pod.throttling'],
      [
        {
          id: 'pod.memory',
          metric: 'container_memory_working_set_bytes',
          scrapeHint: msg`is the kubelet's cAdvisor endpoint scraped?`,
        },
      ],
    ),
    ...perSeries(
      s,
      { id: 'node.cpu', code: 'NODE_CPU_SATURATED', warn: t.nodeCpu.warn, what: msg`CPU busy` },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'node.memory',
        code: 'NODE_MEMORY_SATURATED',
        warn: t.nodeMemory.warn,
        what: msg`memory used`,
      },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'node.psi_cpu',
        code: 'NODE_CPU_PRESSURE',
        warn: t.cpuPressure.warn,
        what: msg`CPU pressure`,
      },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'node.conntrack',
        code: 'NODE_CONNTRACK_NEAR_LIMIT',
        warn: t.conntrack.warn,
        fail: t.conntrack.fail,
        what: msg`conntrack table`,
      },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'node.net_errors',
        code: 'NODE_NETWORK_ERRORS',
        warn: t.networkErrors.warn,
        what: msg`receive errors + drops/s`,
      },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'node.listen_overflows',
        code: 'NODE_LISTEN_OVERFLOWS',
        warn: t.listenOverflows.warn,
        what: msg`TCP listen overflows/s`,
      },
      'node',
      node,
    ),
    ...perSeries(
      s,
      {
        id: 'pod.throttling',
        code: 'POD_CPU_THROTTLED',
        warn: t.throttling.warn,
        what: msg`CPU throttled`,
      },
      'pods',
      pod,
    ),
    ...perSeries(
      s,
      {
        id: 'pod.memory',
        code: 'POD_MEMORY_NEAR_LIMIT',
        warn: t.podMemory.warn,
        what: msg`memory working set / limit`,
      },
      'pods',
      pod,
    ),
    ...perSeries(
      s,
      {
        id: 'pod.restarts',
        code: 'POD_RESTARTS_IN_WINDOW',
        warn: t.restarts.warn,
        what: msg`restarts in the window:`,
      },
      'pods',
      pod,
    ),
  ];
  const orphans = s.metrics.orphanedContainers;
  if ('value' in orphans) {
    const byNode = new Map<string, string[]>();
    for (const o of orphans.value)
      byNode.set(o.node, [...(byNode.get(o.node) ?? []), `${o.namespace}/${o.pod}`]);
    const containers = readMetric(s, 'node.containers');
    for (const [n, pods] of byNode) {
      out.push(
        finding('NODE_ORPHANED_CONTAINERS', {
          hop: 'node',
          member: n,
          severity: 'warn',
          title: msg`node ${n}: cAdvisor still reports containers of ${pods.length === 1 ? msg`${pods.length} pod` : msg`${pods.length} pods`} the API no longer has (${pods.slice(0, 3).join(', ')}) — leaked sandboxes keep their IPs`,
          evidence:
            containers.state === 'ok'
              ? [
                  queryEvidence(
                    containers.result,
                    msg`pods without an API object: ${pods.join(', ')}`,
                  ),
                ]
              : [],
          // The node name comes from cAdvisor's `node` label, not from the API: quoted.
          commands: [
            sh`ssh ${n} -- sudo crictl pods --state ready`,
            sh`ssh ${n} -- sudo ip netns list`,
          ],
        }),
      );
    }
  }
  return out;
}
