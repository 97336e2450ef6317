// The six steps, in order: which paths each applies to and the checks it runs. A step that
// does not apply is skipped with its reason; one that cannot look is `unknown` with its reason.
import type { Finding } from '@/lib/model/finding';
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import type { Snapshot } from '@/lib/model/snapshot';
import { checkSaturation } from './step-1-saturation';
import { checkHealth } from './step-1-health';
import { checkGolden } from './step-2-golden';
import { checkDns } from './step-3-dns';
import { checkDnsMetrics } from './step-3-dns-metrics';
import { checkKubeProxy } from './step-4-kube-proxy';
import { checkKubeProxyMetrics } from './step-4-kube-proxy-metrics';
import { checkService } from './step-4-service';
import { checkIngress } from './step-5-ingress';
import { checkIngressMetrics } from './step-5-ingress-metrics';
import type { Thresholds } from './thresholds';

export interface CheckContext {
  now: Date;
  thresholds: Thresholds;
}

export interface StepDefinition {
  id: StepId;
  /** Null when the step applies to the path; otherwise why it is skipped. */
  skipReason(path: AccessPath): string | null;
  /** Null when the step can look at this snapshot; otherwise why it could not. */
  notRunReason(snapshot: Snapshot): string | null;
  run(snapshot: Snapshot, ctx: CheckContext): Finding[];
}

const NO_PROMETHEUS =
  'no Prometheus is configured for this cluster (HOPSCOPE_PROMETHEUS_URL): golden metrics were not gathered';

export const STEPS: readonly StepDefinition[] = [
  {
    id: 1,
    skipReason: () => null,
    notRunReason: () => null,
    run: (s, c) => [...checkHealth(s, c.now), ...checkSaturation(s, c.thresholds)],
  },
  {
    id: 2,
    skipReason: () => null,
    notRunReason: (s) =>
      s.meta.metricsPending ? 'waiting for Prometheus…' : s.metrics ? null : NO_PROMETHEUS,
    run: (s, c) => checkGolden(s, c.thresholds, c.now),
  },
  {
    id: 3,
    skipReason: (p) =>
      p.kind === 'nodeport'
        ? 'not on this path: a NodePort client reaches the node address without cluster DNS'
        : null,
    notRunReason: () => null,
    run: (s, c) => [...checkDns(s), ...checkDnsMetrics(s, c.thresholds)],
  },
  {
    id: 4,
    skipReason: () => null,
    notRunReason: () => null,
    run: (s, c) => [
      ...checkService(s),
      ...checkKubeProxy(s),
      ...checkKubeProxyMetrics(s, c.thresholds),
    ],
  },
  {
    id: 5,
    skipReason: (p) =>
      p.kind !== 'ingress'
        ? 'not on this path: only the Ingress path goes through an ingress controller'
        : null,
    notRunReason: () => null,
    run: (s, c) => [...checkIngress(s), ...checkIngressMetrics(s, c.thresholds)],
  },
  {
    id: 6,
    skipReason: () => null,
    notRunReason: () =>
      'no active probes were run: the path trace needs a reachable path and is not part of this diagnosis',
    run: () => [],
  },
];
