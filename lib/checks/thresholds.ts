// Every threshold a metric check uses, with its default and why. Override any of them with
// HOPSCOPE_THRESHOLDS (JSON, same shape, partial) on the server.

export const DEFAULT_THRESHOLDS = {
  /** 5xx share of requests: ≥ 0.1 % degraded, > 10 % failing (Kiali's defaults). */
  errorRatio: { warn: 0.001, fail: 0.1 },
  /** Traffic is "dropped" when the window's mean rate is under this share of the baseline's… */
  trafficDrop: {
    ratio: 0.1,
    /** …and the baseline carried at least this many requests per second. */ minBaselineRps: 0.05,
  },
  /** p99 latency this many times the baseline's is degraded. */
  latencyVsBaseline: { warn: 3 },
  /** SERVFAIL / REFUSED share of DNS responses. */
  dnsErrorRatio: { warn: 0.01, fail: 0.1 },
  /** NXDOMAIN share: high values usually mean a wrong name or search-path churn. */
  dnsNxdomainRatio: { warn: 0.5 },
  /** CoreDNS p99 latency in seconds. */
  dnsLatency: { warn: 0.1 },
  /** Seconds since kube-proxy last synced its rules (it resyncs at least every 30 s–1 min). */
  kubeProxyRuleAge: { warn: 120, fail: 600 },
  /** kube-proxy rule sync p99 in seconds. */
  kubeProxySync: { warn: 1 },
  /** Network programming latency p99 in seconds (endpoint change until rules on the node). */
  kubeProxyProgramming: { warn: 30 },
  /** Upstream connect time p99 at the ingress controller, in seconds. */
  upstreamConnect: { warn: 0.5 },
  /** conntrack entries / limit: new connections are dropped when full. */
  conntrack: { warn: 0.8, fail: 0.95 },
  /** Share of CFS periods throttled. */
  throttling: { warn: 0.25 },
  /** Working set / memory limit: the OOM killer is near. */
  podMemory: { warn: 0.9 },
  /** Node CPU busy and memory used shares. */
  nodeCpu: { warn: 0.9 },
  nodeMemory: { warn: 0.9 },
  /** PSI: share of time some task waited for CPU. */
  cpuPressure: { warn: 0.25 },
  /** Network receive errors + drops per second; TCP listen overflows per second. */
  networkErrors: { warn: 1 },
  listenOverflows: { warn: 0.1 },
  /** Container restarts counted in the window. */
  restarts: { warn: 3 },
  /** Ingress controller: request p99 minus upstream p99, in seconds. */
  controllerOverhead: { warn: 0.5 },
  /** A container's log is stalled when silent longer than both of these. */
  logStall: { minSeconds: 300, gapMultiple: 10 },
  /** Days before a served certificate expires. */
  certificateDays: { warn: 14 },
  /** Path trace: a tier whose answered tries take this many seconds (median) is slow. */
  traceSlow: { warn: 1 },
} as const;

export type Thresholds = {
  [K in keyof typeof DEFAULT_THRESHOLDS]: { [P in keyof (typeof DEFAULT_THRESHOLDS)[K]]: number };
};

export function mergeThresholds(overrides: unknown): Thresholds {
  const out = structuredClone(DEFAULT_THRESHOLDS) as unknown as Thresholds;
  if (!overrides || typeof overrides !== 'object') return out;
  for (const [group, values] of Object.entries(
    overrides as Record<string, Record<string, unknown>>,
  )) {
    const target = (out as Record<string, Record<string, number>>)[group];
    if (!target || typeof values !== 'object') continue;
    for (const [k, v] of Object.entries(values))
      if (k in target && typeof v === 'number' && Number.isFinite(v)) target[k] = v;
  }
  return out;
}
