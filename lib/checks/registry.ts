// The six steps, in order: which paths each applies to and the checks it runs. A step that
// does not apply is skipped with its reason; one that cannot run yet says so and is `unknown`.
import type { Finding } from '@/lib/model/finding';
import type { StepId } from '@/lib/model/hops';
import type { AccessPath } from '@/lib/model/path';
import type { Snapshot } from '@/lib/model/snapshot';
import { checkHealth } from './step-1-health';
import { checkDns } from './step-3-dns';
import { checkKubeProxy } from './step-4-kube-proxy';
import { checkService } from './step-4-service';
import { checkIngress } from './step-5-ingress';

export interface StepDefinition {
  id: StepId;
  /** Null when the step applies to the path; otherwise why it is skipped. */
  skipReason(path: AccessPath): string | null;
  /** Null when the step can run on this snapshot; otherwise why it could not look. */
  notRunReason(snapshot: Snapshot): string | null;
  run(snapshot: Snapshot, now: Date): Finding[];
}

export const STEPS: readonly StepDefinition[] = [
  { id: 1, skipReason: () => null, notRunReason: () => null, run: checkHealth },
  {
    id: 2, skipReason: () => null,
    notRunReason: () => 'golden metrics were not gathered: no Prometheus source is part of this diagnosis',
    run: () => [],
  },
  {
    id: 3,
    skipReason: (p) => (p.kind === 'nodeport' ? 'not on this path: a NodePort client reaches the node address without cluster DNS' : null),
    notRunReason: () => null,
    run: (s) => checkDns(s),
  },
  { id: 4, skipReason: () => null, notRunReason: () => null, run: (s) => [...checkService(s), ...checkKubeProxy(s)] },
  {
    id: 5,
    skipReason: (p) => (p.kind !== 'ingress' ? 'not on this path: only the Ingress path goes through an ingress controller' : null),
    notRunReason: () => null,
    run: (s) => checkIngress(s),
  },
  {
    id: 6, skipReason: () => null,
    notRunReason: () => 'no active probes were run: the path trace needs a reachable path and is not part of this diagnosis',
    run: () => [],
  },
];
