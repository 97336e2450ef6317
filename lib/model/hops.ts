// Hop kinds and steps: the closed vocabulary of the path topology and the six-step flow.

export const HOP_KINDS = [
  'client',
  'dns-external',
  'dns-cluster',
  'load-balancer',
  'node',
  'kube-proxy',
  'ingress-controller',
  'gateway',
  'httproute',
  'service',
  'endpoints',
  'pods',
] as const;
export type HopKind = (typeof HOP_KINDS)[number];

export const HOP_LABELS: Record<HopKind, string> = {
  client: 'client pod',
  'dns-external': 'external DNS',
  'dns-cluster': 'cluster DNS',
  'load-balancer': 'load balancer',
  node: 'nodes',
  'kube-proxy': 'kube-proxy',
  'ingress-controller': 'ingress controller',
  gateway: 'Gateway',
  httproute: 'HTTPRoute',
  service: 'Service',
  endpoints: 'endpoints',
  pods: 'backend pods',
};

export const STEP_IDS = [1, 2, 3, 4, 5, 6] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_NAMES: Record<StepId, string> = {
  1: 'Node / pod health',
  2: 'Backend golden metrics',
  3: 'DNS',
  4: 'Service / kube-proxy',
  5: 'Ingress',
  6: 'Path trace',
};

export function isHopKind(value: string): value is HopKind {
  return (HOP_KINDS as readonly string[]).includes(value);
}

/**
 * The step whose panel holds a hop's evidence when the hop has no finding to point at: an `ok`
 * cluster DNS opens DNS, not node health.
 */
export const HOP_HOME_STEP: Record<HopKind, StepId> = {
  client: 1,
  'dns-external': 3,
  'dns-cluster': 3,
  'load-balancer': 5,
  node: 1,
  'kube-proxy': 4,
  'ingress-controller': 5,
  gateway: 5,
  httproute: 5,
  service: 4,
  endpoints: 4,
  pods: 1,
};
