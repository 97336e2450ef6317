// The six steps, in order: which paths each applies to, the PromQL it needs, the checks it runs
// and the charts it draws. A step that does not apply is skipped with its reason; one that cannot
// look is `unknown` with its reason.
import type { Finding } from '@/lib/model/finding';
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import type { Snapshot } from '@/lib/model/snapshot';
import { EMPTY_PLAN, mergePlans, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import type { MetricWindow } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import { checkHealth } from './step-1-health';
import { checkSaturation, SATURATION_CHARTS, saturationQueries } from './step-1-saturation';
import { checkGolden, GOLDEN_CHARTS, goldenQueries, goldenSource } from './step-2-golden';
import { checkDns } from './step-3-dns';
import { checkClientEgressToDns } from './step-3-dns-egress';
import { checkDnsMetrics, DNS_CHARTS, dnsQueries } from './step-3-dns-metrics';
import { checkKubeProxy } from './step-4-kube-proxy';
import {
  checkKubeProxyMetrics,
  KUBE_PROXY_CHARTS,
  kubeProxyQueries,
} from './step-4-kube-proxy-metrics';
import { checkClientEgressToBackend } from './step-4-client-egress';
import { checkService } from './step-4-service';
import { checkIngress } from './step-5-ingress';
import { checkGateway } from './step-5-gateway';
import { checkGatewayMetrics, GATEWAY_CHARTS, gatewayQueries } from './step-5-gateway-metrics';
import { checkIngressMetrics, INGRESS_CHARTS, ingressQueries } from './step-5-ingress-metrics';
import type { Thresholds } from './thresholds';
import { checkPathTrace, traceTable } from './step-6-path-trace';
import { latencyWaterfall } from './step-6-waterfall';
import type { LatencyWaterfall, TraceTable } from '@/lib/model/diagnosis';
import { msg, type Message } from '@/lib/i18n/message';

export interface CheckContext {
  now: Date;
  thresholds: Thresholds;
}

export interface StepDefinition {
  id: StepId;
  /** Null when the step applies to the path; otherwise why it is skipped. */
  skipReason(path: AccessPath): Message | null;
  /** Null when the step can look at this snapshot; otherwise why it could not. */
  notRunReason(snapshot: Snapshot): Message | null;
  /** The PromQL the step needs for this path, from the Kubernetes part of the snapshot. Pure. */
  queries(input: PlanInput): MetricPlan;
  run(snapshot: Snapshot, ctx: CheckContext): Finding[];
  /** The series the step draws on this kind of path, by query id. */
  charts: readonly ChartSpec[] | ((path: AccessPath) => readonly ChartSpec[]);
  /** Where the series it judged come from, when the step chose among sources. */
  source?(snapshot: Snapshot): string | undefined;
  /** The probes it judged, as a table (step 6). */
  trace?(snapshot: Snapshot): TraceTable | undefined;
  /** Where the time goes along the path (step 6), shown even when the step could not run. */
  waterfall?(snapshot: Snapshot): LatencyWaterfall | undefined;
  /** A vantage point the user may confirm (step 6), shown whatever the step's verdict. */
  offer?(snapshot: Snapshot): string | undefined;
}

const NO_PROMETHEUS = msg`no Prometheus is configured for this cluster (HOPSCOPE_PROMETHEUS_URL): golden metrics were not gathered`;

export const STEPS: readonly StepDefinition[] = [
  {
    id: 1,
    skipReason: () => null,
    notRunReason: () => null,
    queries: saturationQueries,
    run: (s, c) => [...checkHealth(s, c.now), ...checkSaturation(s, c.thresholds)],
    charts: SATURATION_CHARTS,
  },
  {
    id: 2,
    skipReason: () => null,
    notRunReason: (s) =>
      s.meta.metricsPending
        ? msg`waiting for Prometheus…`
        : !s.metrics
          ? NO_PROMETHEUS
          : goldenBlocked(s),
    queries: goldenQueries,
    run: (s, c) => checkGolden(s, c.thresholds, c.now),
    charts: GOLDEN_CHARTS,
    source: goldenSource,
  },
  {
    id: 3,
    skipReason: (p) =>
      p.kind === 'nodeport'
        ? msg`not on this path: a NodePort client reaches the node address without cluster DNS`
        : null,
    notRunReason: () => null,
    queries: dnsQueries,
    run: (s, c) => [
      ...checkDns(s),
      ...checkClientEgressToDns(s),
      ...checkDnsMetrics(s, c.thresholds),
    ],
    charts: DNS_CHARTS,
  },
  {
    id: 4,
    skipReason: () => null,
    notRunReason: () => null,
    queries: kubeProxyQueries,
    run: (s, c) => [
      ...checkService(s),
      ...checkClientEgressToBackend(s),
      ...checkKubeProxy(s),
      ...checkKubeProxyMetrics(s, c.thresholds),
    ],
    charts: KUBE_PROXY_CHARTS,
  },
  {
    id: 5,
    skipReason: (p) =>
      p.kind !== 'ingress' && p.kind !== 'gateway'
        ? msg`not on this path: only the Ingress and Gateway paths go through an ingress controller or a Gateway`
        : null,
    notRunReason: () => null,
    queries: (input) =>
      input.snapshot.path.kind === 'gateway' ? gatewayQueries(input) : ingressQueries(input),
    run: (s, c) =>
      s.path.kind === 'gateway'
        ? [...checkGateway(s), ...checkGatewayMetrics(s, c.thresholds)]
        : [...checkIngress(s), ...checkIngressMetrics(s, c.thresholds)],
    charts: (p) => (p.kind === 'gateway' ? GATEWAY_CHARTS : INGRESS_CHARTS),
  },
  {
    id: 6,
    skipReason: () => null,
    notRunReason: (s) =>
      s.probes
        ? null
        : s.traceNotRun
          ? msg`${s.traceNotRun}`
          : msg`no active probes were run: the path trace is run on request (trace=1), from a vantage point the server has enabled`,
    queries: () => EMPTY_PLAN,
    run: (s, c) => checkPathTrace(s, c.thresholds),
    trace: traceTable,
    waterfall: latencyWaterfall,
    offer: (s) => s.traceOffer,
    charts: [],
  },
];

/**
 * Why the backend's own requests cannot be measured, if they cannot: no backend reached, its
 * Service unread, or a Service that selects no pod — another source's series would stand in.
 */
function goldenBlocked(s: Snapshot): Message | null {
  if (s.backend === null)
    return msg`no backend Service is reached on this path: nothing to measure`;
  const svc = s.backend?.service;
  if (svc && 'issue' in svc)
    return msg`the backend Service is unknown (could not ${svc.issue.what})`;
  const pods = s.backend?.pods;
  if (pods && 'value' in pods && pods.value.length === 0)
    return msg`the Service selects no pod: there is no backend whose requests could be measured`;
  return null;
}

export function stepDefinition(id: StepId): StepDefinition {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`no step ${id}`);
  return step;
}

/**
 * What Prometheus is asked for this path: the queries of every step (or of one, so that its
 * panel can show as soon as they have answered) that applies to the path.
 */
export function planMetrics(snapshot: Snapshot, window: MetricWindow, only?: StepId): MetricPlan {
  const steps = STEPS.filter((s) => only === undefined || s.id === only);
  return mergePlans(
    steps
      .filter((s) => s.skipReason(snapshot.path) === null)
      .map((s) => s.queries({ snapshot, window })),
  );
}
