import 'server-only';
// Gathers the Prometheus evidence for a path, after the Kubernetes part named its nodes and
// pods: golden metrics with baselines, saturation, CoreDNS, kube-proxy and the ingress controller.
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import {
  gatheredValue,
  isGathered,
  type Gathered,
  type MetricQueryResult,
  type MetricsSide,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import { GOLDEN_PROFILES, type GoldenProfile } from '@/lib/profiles/golden-metrics';
import {
  coredns,
  golden,
  goldenMatchers,
  ingressNginx,
  kubeProxy,
  saturation,
  type QuerySpec,
} from '@/lib/promql/queries';
import type { Matcher } from '@/lib/promql/escape';
import { gatherOne, type KubeApis } from '@/lib/sources/kube/api';
import { chooseStep, type PrometheusClient } from './client';

/** Baselines: the same window one day and one hour earlier. */
export const BASELINE_OFFSETS = ['1d', '1h'] as const;

export function metricWindow(path: AccessPath, now: Date): MetricsSide['window'] {
  const end = Math.floor((path.window.end ? Date.parse(path.window.end) : now.getTime()) / 1000);
  const start = end - path.window.minutes * 60;
  return { start, end, step: chooseStep(end - start) };
}

export async function runAll(
  prom: PrometheusClient,
  specs: QuerySpec[],
  window: MetricsSide['window'],
): Promise<Record<string, Gathered<MetricQueryResult>>> {
  const results: Record<string, Gathered<MetricQueryResult>> = {};
  const queue = [...specs];
  let down: SourceIssue | undefined;
  // A few at a time: a diagnosis must not become a load spike on a struggling Prometheus. Once
  // one query finds it unreachable or timing out, the rest are not sent to wait for the same.
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        if (down) {
          results[spec.id] = { issue: { ...down, what: `run ${spec.id}` } };
          continue;
        }
        const r = await prom.run(spec, window);
        if ('issue' in r && (r.issue.kind === 'unreachable' || r.issue.kind === 'timeout'))
          down = r.issue;
        results[spec.id] = r;
      }
    }),
  );
  return results;
}

async function pickGoldenProfile(
  prom: PrometheusClient,
  s: Snapshot,
  pods: string[],
  window: MetricsSide['window'],
  windowText: string,
): Promise<{
  profile: GoldenProfile | null;
  matchers: Matcher[];
  presence: Record<string, Gathered<MetricQueryResult>>;
}> {
  const presence: Record<string, Gathered<MetricQueryResult>> = {};
  for (const p of GOLDEN_PROFILES) {
    if (p.select.by === 'pods' && pods.length === 0) continue;
    const m = goldenMatchers(p, {
      namespace: s.path.namespace,
      service: s.backendServiceName ?? '',
      pods,
    });
    const result = await prom.run(golden.presence(p, m, windowText), window);
    presence[`golden.presence.${p.id}`] = result;
    if (!isGathered(result)) return { profile: null, matchers: [], presence }; // Prometheus is down: stop asking
    if ((result.value.series[0]?.points[0]?.v ?? 0) > 0)
      return { profile: p, matchers: m, presence };
  }
  return { profile: null, matchers: [], presence };
}

/** Pods cAdvisor reports on the path's nodes in the backend namespace that the API does not have. */
async function findOrphans(
  api: KubeApis,
  s: Snapshot,
  containers: Gathered<MetricQueryResult> | undefined,
): Promise<MetricsSide['orphanedContainers']> {
  if (!containers) return { value: [] };
  if (!isGathered(containers)) return { issue: containers.issue };
  const known = new Set(
    (gatheredValue(s.backend?.pods) ?? []).map((p) => `${p.namespace}/${p.name}`),
  );
  const candidates = containers.value.series
    .map((x) => ({
      namespace: x.labels.namespace ?? '',
      pod: x.labels.pod ?? '',
      node: x.labels.node ?? '',
    }))
    .filter((c) => c.pod && !known.has(`${c.namespace}/${c.pod}`))
    .slice(0, 20);
  const orphans: { namespace: string; pod: string; node: string }[] = [];
  for (const c of candidates) {
    const found = await gatherOne(
      `get Pod ${c.namespace}/${c.pod}`,
      () => api.core.readNamespacedPod({ namespace: c.namespace, name: c.pod }, api.options),
      () => true,
    );
    if (!isGathered(found)) return { issue: found.issue };
    if (found.value === null) orphans.push(c);
  }
  return { value: orphans };
}

/**
 * The Prometheus evidence of a path; with `only`, just the queries of that step, so that each
 * step's panel can be shown as soon as its own queries have answered.
 */
export async function collectMetrics(
  prom: PrometheusClient,
  api: KubeApis,
  s: Snapshot,
  now: Date,
  only?: StepId,
): Promise<MetricsSide> {
  const wants = (step: StepId) => only === undefined || only === step;
  const window = metricWindow(s.path, now);
  const windowText = `${window.end - window.start}s`;
  const pods = (gatheredValue(s.backend?.pods) ?? []).map((p) => p.name);
  const nodeNames = Object.keys(s.nodes);
  const nodeIds = [
    ...nodeNames,
    ...nodeNames
      .map((n) => gatheredValue(s.nodes[n])?.internalIP)
      .filter((ip): ip is string => Boolean(ip)),
  ];
  const proxyNodes = isGathered(s.kubeProxy) ? Object.keys(s.kubeProxy.value.podsByNode) : [];

  const { profile, matchers, presence } = wants(2)
    ? await pickGoldenProfile(prom, s, pods, window, windowText)
    : { profile: null, matchers: [], presence: {} };
  const specs: QuerySpec[] = [];
  if (profile) {
    specs.push(
      golden.requestRate(profile, matchers),
      golden.errorRatio(profile, matchers),
      golden.latency(profile, matchers, 0.99),
      golden.latency(profile, matchers, 0.5),
    );
    for (const o of BASELINE_OFFSETS)
      specs.push(
        golden.requestRate(profile, matchers, o),
        golden.errorRatio(profile, matchers, o),
        golden.latency(profile, matchers, 0.99, o),
      );
  }
  if (wants(1) && nodeIds.length > 0) {
    specs.push(
      saturation.nodeCpu(nodeIds),
      saturation.nodeMemory(nodeIds),
      saturation.nodeConntrack(nodeIds),
      saturation.nodeNetworkErrors(nodeIds),
      saturation.nodeListenOverflows(nodeIds),
      saturation.nodeCpuPressure(nodeIds),
      saturation.containersOnNodes(nodeNames, s.path.namespace),
    );
  }
  if (wants(1) && pods.length > 0)
    specs.push(
      saturation.podThrottling(s.path.namespace, pods),
      saturation.podMemory(s.path.namespace, pods),
      saturation.podRestarts(s.path.namespace, pods, windowText),
    );
  if (wants(3) && s.path.kind === 'clusterip') {
    specs.push(
      coredns.requests(),
      coredns.rcodeRatio('SERVFAIL'),
      coredns.rcodeRatio('NXDOMAIN'),
      coredns.rcodeRatio('REFUSED'),
      coredns.latencyP99(),
      coredns.panics(windowText),
      coredns.forwardFailures(windowText),
      coredns.cacheHitRatio(),
    );
  }
  if (wants(4) && proxyNodes.length > 0) {
    const ids = [
      ...proxyNodes,
      ...proxyNodes
        .map((n) => gatheredValue(s.nodes[n])?.internalIP)
        .filter((ip): ip is string => Boolean(ip)),
    ];
    specs.push(
      kubeProxy.ruleAge(ids),
      kubeProxy.syncP99(ids),
      kubeProxy.programmingP99(ids),
      kubeProxy.restoreFailures(ids, windowText),
      kubeProxy.noLocalEndpoints(ids, windowText),
    );
  }
  if (wants(5) && s.path.kind === 'ingress') {
    const m: Matcher[] = [
      ['namespace', '=', s.path.namespace],
      ['ingress', '=', s.path.ingress],
      ['host', '=', s.path.host],
    ];
    specs.push(
      ingressNginx.statusRatio(m, '5..'),
      ingressNginx.statusRatio(m, '4..'),
      ingressNginx.latencyP99(m, 'request'),
      ingressNginx.latencyP99(m, 'response'),
      ingressNginx.latencyP99(m, 'response', '1d'),
      ingressNginx.connectP99(m),
      ingressNginx.orphan(s.path.namespace, s.path.ingress),
      ingressNginx.reloadOk(),
      ingressNginx.certificateExpiry(s.path.host),
    );
  }
  // When the presence probe already found Prometheus down, do not pile up timeouts.
  const down = Object.values(presence).find((g): g is { issue: SourceIssue } => 'issue' in g);
  // Range queries also fetch half a window before the incident, so charts show what normal looked
  // like; checks judge only the window itself (see readMetric).
  const length = window.end - window.start;
  const context = {
    start: window.start - Math.round(length / 2),
    end: window.end,
    step: chooseStep(Math.round(length * 1.5)),
  };
  const results = down
    ? Object.fromEntries(
        specs.map((q) => [q.id, { issue: { ...down.issue, what: `run ${q.id}` } }]),
      )
    : await runAll(prom, specs, context);
  Object.assign(results, presence);
  const orphanedContainers =
    down ?? (wants(1) ? await findOrphans(api, s, results['node.containers']) : { value: [] });
  return {
    window,
    goldenProfile: profile?.id ?? null,
    goldenProfilesTried: wants(2)
      ? GOLDEN_PROFILES.filter((p) => p.select.by !== 'pods' || pods.length > 0).map((p) => p.id)
      : [],
    results,
    orphanedContainers,
    queries: prom.queries(),
  };
}

/** One snapshot's metrics from the per-step parts (each step's queries are its own). */
export function mergeMetrics(parts: MetricsSide[]): MetricsSide {
  const golden = parts.find((p) => p.goldenProfilesTried.length > 0) ?? parts[0]!;
  const withOrphans = parts.find(
    (p) => !('value' in p.orphanedContainers) || p.orphanedContainers.value.length > 0,
  );
  return {
    window: parts[0]!.window,
    goldenProfile: golden.goldenProfile,
    goldenProfilesTried: golden.goldenProfilesTried,
    results: Object.assign({}, ...parts.map((p) => p.results)) as MetricsSide['results'],
    orphanedContainers: withOrphans?.orphanedContainers ?? { value: [] },
    queries: parts.reduce((n, p) => n + p.queries, 0),
  };
}
