// Metric checks over snapshot fixtures: healthy series report nothing; each broken series
// reports its code on its hop; a Prometheus that is down or lacks a series makes the metric
// part of a hop unknown, never ok.
import { STEP_5_GATEWAY_CODES } from '@/lib/model/catalogue/step-5-gateway';
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '@/lib/model/diagnosis';
import {
  clusterIpSnapshot,
  ingressSnapshot,
  nodePortSnapshot,
  NOW,
  result,
  servedBy,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { hopVerdict, type DiagnosisCase, type HopKey } from '@/lib/testing/diagnosis-cases';
import { badCommands, cmd } from '@/lib/testing/commands';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { diagnose } from './diagnose';
import { DEFAULT_THRESHOLDS, mergeThresholds } from './thresholds';
import { englishOnly } from '@/lib/testing/diagnosis-cases';

const hop = hopVerdict;
const codes = (d: Diagnosis) => d.findings.map((f) => f.code).sort();
const ramp = (from: number, to: number, n = 30) =>
  Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));
const down = {
  issue: {
    source: 'prometheus' as const,
    kind: 'unreachable' as const,
    what: 'run golden.rate',
    message:
      'Prometheus (HOPSCOPE_PROMETHEUS_URL) is unreachable: connection refused (ECONNREFUSED)',
  },
};

describe('healthy metrics', () => {
  it.each([
    ['clusterip', clusterIpSnapshot()],
    ['nodeport', nodePortSnapshot()],
    ['ingress', ingressSnapshot()],
  ])('%s: no finding, metric hops stay ok', (_k, s) => {
    const d = diagnose(withMetrics(s), NOW);
    expect(d.findings.filter((f) => f.code !== 'DNS_EXTERNAL_NOT_RESOLVED')).toEqual([]);
    expect(d.steps.find((x) => x.id === 2)?.verdict).toBe('ok');
    expect(hop(d, 'pods')).toBe('ok');
  });
  it('without Prometheus configured, step 2 says so and hops keep their object verdicts', () => {
    const d = diagnose(clusterIpSnapshot(), NOW);
    expect(d.steps.find((x) => x.id === 2)).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringMatching(/no Prometheus is configured/),
    });
    expect(hop(d, 'pods')).toBe('ok');
  });
});

type Case = DiagnosisCase;

/** The ingress path served by another controller, its class naming that controller. */

const cases: Case[] = [
  {
    name: "Kong's health checks mark every target down while the pods are ready: the controller's view fails, not the pods",
    snapshot: () =>
      withMetrics(servedBy('ingress-controllers.konghq.com/kong'), {
        'ing.targets_down': result('ing.targets_down', 'count', [
          { labels: { address: '10.244.1.10:8080' }, values: [2] },
          { labels: { address: '10.244.2.10:8080' }, values: [2] },
          { labels: { address: '10.244.3.10:8080' }, values: [2] },
        ]),
      }),
    codes: ['INGRESS_UPSTREAM_TARGETS_DOWN'],
    hops: { 'ingress-controller': 'fail', pods: 'ok' },
  },
  {
    name: "Kong still gets the backend's requests but answers them itself: the backend's silence is not read as its failure",
    snapshot: () =>
      withMetrics(
        servedBy('ingress-controllers.konghq.com/kong'),
        {
          'golden.rate': result('golden.rate', 'reqps', [
            { values: [...flat(10, 20), ...flat(0, 10)] },
          ]),
          'golden.offered': result('golden.offered', 'reqps', [{ values: flat(10) }]),
          'golden.errors': result('golden.errors', 'ratio', []),
          'golden.p99': result('golden.p99', 'seconds', []),
          'ing.targets_down': result('ing.targets_down', 'count', [
            { labels: { address: '10.244.1.10:8080' }, values: [2] },
          ]),
        },
        { goldenProfile: 'ingress.kong' },
      ),
    codes: ['GOLDEN_NOT_FORWARDED', 'INGRESS_UPSTREAM_TARGETS_DOWN'],
    hops: { 'ingress-controller': 'warn', pods: 'unknown' },
  },
  {
    name: "Kong answers 502 for a backend that refuses connections: the backend's failure, not 'not forwarded'",
    snapshot: () =>
      withMetrics(
        servedBy('ingress-controllers.konghq.com/kong'),
        {
          'golden.rate': result('golden.rate', 'reqps', [
            { values: [...flat(10, 20), ...flat(0, 10)] },
          ]),
          'golden.offered': result('golden.offered', 'reqps', [{ values: flat(10) }]),
          'golden.errors': result('golden.errors', 'ratio', [
            { values: [...flat(0, 20), ...flat(1, 10)] },
          ]),
        },
        { goldenProfile: 'ingress.kong' },
      ),
    codes: ['GOLDEN_ERROR_RATIO_HIGH'],
    hops: { pods: 'fail' },
  },
  {
    name: "requests stopped reaching Kong as well: that is the backend's traffic dropping, as from any source",
    snapshot: () =>
      withMetrics(
        servedBy('ingress-controllers.konghq.com/kong'),
        {
          'golden.rate': result('golden.rate', 'reqps', [
            { values: [...flat(10, 20), ...flat(0, 10)] },
          ]),
          'golden.offered': result('golden.offered', 'reqps', [
            { values: [...flat(10, 20), ...flat(0, 10)] },
          ]),
        },
        { goldenProfile: 'ingress.kong' },
      ),
    codes: ['GOLDEN_TRAFFIC_DROPPED'],
    hops: { pods: 'fail' },
  },
  {
    name: 'one target of three down at the controller only degrades its hop',
    snapshot: () =>
      withMetrics(servedBy('traefik.io/ingress-controller'), {
        'ing.targets_down': result('ing.targets_down', 'count', [
          { labels: { url: 'http://10.244.1.10:8080' }, values: [1] },
        ]),
      }),
    codes: ['INGRESS_UPSTREAM_TARGETS_DOWN'],
    hops: { 'ingress-controller': 'warn', pods: 'ok' },
  },
  {
    name: "F5 NGINX's open-source build counts nothing per Ingress: the metric part is unknown, and says why",
    snapshot: () => withMetrics(servedBy('nginx.org/ingress-controller')),
    codes: ['INGRESS_METRICS_UNKNOWN'],
    hops: { 'ingress-controller': 'unknown' },
  },
  {
    name: 'conntrack series of the nodes stopped a quarter of an hour ago: the node hop is unknown',
    snapshot: () => {
      const r = result('node.conntrack', 'ratio', [
        { labels: { instance: 'worker-1' }, values: flat(0.05, 15) },
      ]);
      if ('value' in r)
        r.value.series[0]!.points = r.value.series[0]!.points.map((p) => ({
          ...p,
          t: p.t - 15 * 60,
        }));
      return withMetrics(clusterIpSnapshot(), { 'node.conntrack': r });
    },
    codes: ['METRICS_STALE'],
    hops: { node: 'unknown' },
  },
  {
    name: 'traffic dropped to zero (a hung backend)',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.rate': result('golden.rate', 'reqps', [
          { values: [...ramp(20, 20, 20), ...ramp(0, 0, 10)] },
        ]),
        'golden.p99': result('golden.p99', 'seconds', [{ values: ramp(0.2, 0.2) }]),
      }),
    codes: ['GOLDEN_TRAFFIC_DROPPED'],
    hops: { pods: 'fail' },
  },
  {
    name: 'a 100 % error ratio over almost no requests is not judged (the traffic drop is)',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.rate': result('golden.rate', 'reqps', [
          { values: [...ramp(20, 20, 20), ...ramp(0.001, 0.001, 10)] },
        ]),
        'golden.errors': result('golden.errors', 'ratio', [
          { values: [...ramp(0, 0, 20), ...ramp(1, 1, 10)] },
        ]),
      }),
    codes: ['GOLDEN_TRAFFIC_DROPPED'],
    hops: { pods: 'fail' },
  },
  {
    name: 'a service younger than a day: the hour-earlier baseline is used',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.rate.1d': result('golden.rate.1d', 'reqps', []),
        'golden.p99.1d': result('golden.p99.1d', 'seconds', []),
        'golden.p99.1h': result('golden.p99.1h', 'seconds', [{ values: flat(0.1) }]),
        'golden.rate': result('golden.rate', 'reqps', [
          { values: [...flat(20, 25), ...flat(0, 5)] },
        ]),
      }),
    codes: ['GOLDEN_TRAFFIC_DROPPED'],
    hops: { pods: 'fail' },
  },
  {
    name: 'error ratio above 10 %',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.errors': result('golden.errors', 'ratio', [{ values: ramp(0, 0.3) }]),
      }),
    codes: ['GOLDEN_ERROR_RATIO_HIGH'],
    hops: { pods: 'fail' },
  },
  {
    name: 'error ratio above 0.1 % (degraded)',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.errors': result('golden.errors', 'ratio', [{ values: ramp(0, 0.02) }]),
      }),
    codes: ['GOLDEN_ERROR_RATIO_HIGH'],
    hops: { pods: 'warn' },
  },
  {
    name: 'p99 ten times its baseline',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'golden.p99': result('golden.p99', 'seconds', [{ values: ramp(0.2, 2) }]),
      }),
    codes: ['GOLDEN_LATENCY_ABOVE_BASELINE'],
    hops: { pods: 'warn' },
  },
  {
    name: 'node saturation: CPU, memory, PSI, conntrack full, network errors, listen overflows',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'node.cpu': result('node.cpu', 'ratio', [
          { labels: { instance: 'worker-3' }, values: flat(0.97) },
        ]),
        'node.memory': result('node.memory', 'ratio', [
          { labels: { instance: 'worker-3:9100' }, values: flat(0.95) },
        ]),
        'node.psi_cpu': result('node.psi_cpu', 'ratio', [
          { labels: { instance: 'worker-3' }, values: flat(0.4) },
        ]),
        'node.conntrack': result('node.conntrack', 'ratio', [
          { labels: { instance: 'worker-3' }, values: ramp(0.5, 0.99) },
        ]),
        'node.net_errors': result('node.net_errors', 'count', [
          { labels: { instance: 'worker-3' }, values: flat(50) },
        ]),
        'node.listen_overflows': result('node.listen_overflows', 'count', [
          { labels: { instance: 'worker-3' }, values: flat(3) },
        ]),
      }),
    codes: [
      'NODE_CONNTRACK_NEAR_LIMIT',
      'NODE_CPU_PRESSURE',
      'NODE_CPU_SATURATED',
      'NODE_LISTEN_OVERFLOWS',
      'NODE_MEMORY_SATURATED',
      'NODE_NETWORK_ERRORS',
    ],
    hops: { node: 'fail', 'node/worker-3': 'fail', 'node/worker-1': 'ok' },
  },
  {
    name: 'pod saturation: throttling, memory near limit, restarts in the window',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'pod.throttling': result('pod.throttling', 'ratio', [
          { labels: { pod: 'web-1' }, values: flat(0.6) },
        ]),
        'pod.memory': result('pod.memory', 'ratio', [
          { labels: { pod: 'web-2' }, values: flat(0.97) },
        ]),
        'pod.restarts': result(
          'pod.restarts',
          'count',
          [{ labels: { pod: 'web-3' }, values: [12] }],
          'instant',
        ),
      }),
    codes: ['POD_CPU_THROTTLED', 'POD_MEMORY_NEAR_LIMIT', 'POD_RESTARTS_IN_WINDOW'],
    hops: { pods: 'warn', 'pods/web-1': 'warn' },
  },
  {
    name: 'leaked sandboxes reported by cAdvisor',
    snapshot: () =>
      withMetrics(
        clusterIpSnapshot(),
        {},
        {
          orphanedContainers: {
            value: [{ namespace: 'shop', pod: 'web-5c7d-old', node: 'worker-1' }],
          },
        },
      ),
    codes: ['NODE_ORPHANED_CONTAINERS'],
    hops: { 'node/worker-1': 'warn' },
  },
  {
    name: 'CoreDNS: SERVFAIL spike, NXDOMAIN flood, slow, panics, upstream failing',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'dns.servfail': result('dns.servfail', 'ratio', [{ values: ramp(0, 0.35) }]),
        'dns.nxdomain': result('dns.nxdomain', 'ratio', [{ values: flat(0.7) }]),
        'dns.p99': result('dns.p99', 'seconds', [{ values: flat(0.5) }]),
        'dns.panics': result('dns.panics', 'count', [{ values: [2] }], 'instant'),
        'dns.forward_failures': result(
          'dns.forward_failures',
          'count',
          [{ values: [40] }],
          'instant',
        ),
      }),
    codes: [
      'DNS_ERROR_RATIO_HIGH',
      'DNS_FORWARD_UNHEALTHY',
      'DNS_LATENCY_HIGH',
      'DNS_NXDOMAIN_HIGH',
      'DNS_PANICS',
    ],
    hops: { 'dns-cluster': 'fail' },
  },
  {
    name: 'kube-proxy: rules stale for 20 minutes, slow syncs, restore failures, Local drops',
    snapshot: () =>
      withMetrics(clusterIpSnapshot(), {
        'kp.rule_age': result(
          'kp.rule_age',
          'seconds',
          [{ labels: { instance: 'worker-2' }, values: [1200] }],
          'instant',
        ),
        'kp.sync_p99': result('kp.sync_p99', 'seconds', [
          { labels: { instance: 'worker-2' }, values: flat(3) },
        ]),
        'kp.restore_failures': result(
          'kp.restore_failures',
          'count',
          [{ labels: { instance: 'worker-2' }, values: [4] }],
          'instant',
        ),
        'kp.no_local_endpoints': result(
          'kp.no_local_endpoints',
          'count',
          [{ labels: { instance: 'worker-2' }, values: [9] }],
          'instant',
        ),
        'kp.programming_p99': result('kp.programming_p99', 'seconds', [
          { labels: { instance: 'worker-2' }, values: flat(90) },
        ]),
      }),
    codes: [
      'KUBE_PROXY_NO_LOCAL_ENDPOINTS',
      'KUBE_PROXY_PROGRAMMING_SLOW',
      'KUBE_PROXY_RESTORE_FAILURES',
      'KUBE_PROXY_RULES_STALE',
      'KUBE_PROXY_SYNC_SLOW',
    ],
    hops: { 'kube-proxy': 'fail', 'kube-proxy/worker-2': 'fail' },
  },
  {
    name: 'ingress: 5xx at the controller, a failed reload, 4xx flood, certificate expiring',
    snapshot: () =>
      withMetrics(ingressSnapshot(), {
        'ing.5xx': result('ing.5xx', 'ratio', [{ values: ramp(0, 0.4) }]),
        'ing.4xx': result('ing.4xx', 'ratio', [{ values: flat(0.8) }]),
        'ing.reload_ok': result(
          'ing.reload_ok',
          'count',
          [{ labels: { controller_pod: 'ingress-nginx-a' }, values: [0] }],
          'instant',
        ),
        'ing.cert_expiry': result(
          'ing.cert_expiry',
          'seconds',
          [{ values: [3 * 86400] }],
          'instant',
        ),
      }),
    codes: [
      'INGRESS_4XX_HIGH',
      'INGRESS_5XX_HIGH',
      'INGRESS_CERT_EXPIRING',
      'INGRESS_RELOAD_FAILED',
    ],
    hops: { 'ingress-controller': 'fail' },
  },
  {
    name: 'ingress: the upstream is slow to answer and to accept, the controller adds a lot on top, an orphan Ingress',
    snapshot: () =>
      withMetrics(ingressSnapshot(), {
        'ing.response_p99': result('ing.response_p99', 'seconds', [{ values: ramp(0.09, 0.9) }]),
        'ing.request_p99': result('ing.request_p99', 'seconds', [{ values: ramp(0.1, 1.8) }]),
        'ing.connect_p99': result('ing.connect_p99', 'seconds', [{ values: ramp(0.001, 1.2) }]),
        'ing.orphan': result(
          'ing.orphan',
          'count',
          [{ labels: { type: 'no-endpoint' }, values: [1] }],
          'instant',
        ),
      }),
    codes: [
      'INGRESS_CONTROLLER_OVERHEAD',
      'INGRESS_ORPHANED',
      'INGRESS_UPSTREAM_CONNECT_SLOW',
      'INGRESS_UPSTREAM_SLOW',
    ],
    hops: { 'ingress-controller': 'fail', pods: 'warn' },
  },
  {
    name: 'Prometheus down: every metric hop unknown, object checks complete',
    snapshot: () => {
      const s = withMetrics(clusterIpSnapshot());
      s.metrics = {
        ...s.metrics!,
        goldenProfile: null,
        results: Object.fromEntries(Object.keys(s.metrics!.results).map((k) => [k, down])),
        orphanedContainers: down,
      };
      return s;
    },
    codes: [
      'METRICS_UNAVAILABLE',
      'METRICS_UNAVAILABLE',
      'METRICS_UNAVAILABLE',
      'METRICS_UNAVAILABLE',
      'METRICS_UNAVAILABLE',
    ],
    hops: {
      pods: 'unknown',
      node: 'unknown',
      'dns-cluster': 'unknown',
      'kube-proxy': 'unknown',
      service: 'ok',
      endpoints: 'ok',
    },
  },
  {
    name: 'Prometheus down when only a Service-level profile was probed (no pods): unavailable, not "not scraped"',
    snapshot: () => {
      const s = withMetrics(
        clusterIpSnapshot(),
        {
          'golden.presence.ingress-nginx': down,
          'golden.rate': result('golden.rate', 'reqps', []),
        },
        { goldenProfile: null },
      );
      delete s.metrics!.results['golden.presence.micrometer'];
      return s;
    },
    codes: ['METRICS_UNAVAILABLE'],
    hops: { pods: 'unknown' },
  },
  {
    name: 'series absent: CoreDNS and kube-proxy not scraped, no request metrics anywhere',
    snapshot: () =>
      withMetrics(
        clusterIpSnapshot(),
        {
          'dns.requests': result('dns.requests', 'reqps', []),
          'kp.rule_age': result('kp.rule_age', 'seconds', [], 'instant'),
        },
        { goldenProfile: null },
      ),
    codes: ['METRICS_SERIES_ABSENT', 'METRICS_SERIES_ABSENT', 'METRICS_SERIES_ABSENT'],
    hops: { pods: 'unknown', 'dns-cluster': 'unknown', 'kube-proxy': 'unknown', node: 'ok' },
  },
];

function flat(v: number, n = 30) {
  return Array.from({ length: n }, () => v);
}

describe.each(cases)('$name', ({ snapshot, codes: want, hops }) => {
  const d = diagnose(snapshot(), NOW);
  it('gives only commands without placeholders, with every value quoted and changes marked', () =>
    expect(badCommands(diagnose(snapshot(), NOW).findings)).toEqual([]));
  it('reports exactly these codes', () =>
    expect(codes(d).filter((c) => c !== 'DNS_EXTERNAL_NOT_RESOLVED')).toEqual([...want].sort()));
  it('judges the hops', () => {
    const got = Object.fromEntries(Object.keys(hops).map((k) => [k, hop(d, k as HopKey)]));
    expect(got).toStrictEqual(hops);
  });
  it('every metric finding carries its PromQL and range, or says why there is none', () => {
    for (const f of d.findings.filter(
      (x) => (CATALOGUE[x.code] as { source?: string }).source === 'prometheus',
    )) {
      expect(
        f.evidence.some((e) => e.kind === 'query' || e.kind === 'source' || e.kind === 'note'),
      ).toBe(true);
      for (const e of f.evidence) if (e.kind === 'query') expect(e.end - e.start).toBe(1800);
    }
  });
});

describe('the source of the golden metrics', () => {
  it("is named with the step: the backend's own series", () => {
    const d = diagnose(withMetrics(clusterIpSnapshot()), NOW);
    expect(d.steps.find((x) => x.id === 2)?.source).toBe('app HTTP (http_server_requests_seconds)');
  });
  it("says when a ClusterIP path's series are the ingress controller's, not its own", () => {
    const d = diagnose(
      withMetrics(
        clusterIpSnapshot(),
        {},
        { goldenProfile: 'ingress-nginx', goldenLayout: 'exported' },
      ),
      NOW,
    );
    expect(d.steps.find((x) => x.id === 2)?.source).toBe(
      'ingress-nginx upstream, exported_* labels — only requests that came through the ingress controller, not this path’s own',
    );
  });
  it('a Service that selects no pod has no backend to measure: step 2 is unknown, not ok traffic', () => {
    const d = diagnose(withMetrics(clusterIpSnapshot([])), NOW);
    expect(d.steps.find((x) => x.id === 2)).toMatchObject({
      verdict: 'unknown',
      reason: expect.stringMatching(/selects no pod/),
      findings: [],
    });
  });
});

describe('a failed configuration reload', () => {
  const reloadFailed = result(
    'ing.reload_ok',
    'count',
    [{ labels: { controller_pod: 'ingress-nginx-a' }, values: [0] }],
    'instant',
  );
  it('breaks the path when its own requests fail at the controller: fail, and the cause', () => {
    const d = diagnose(
      withMetrics(ingressSnapshot(), {
        'ing.reload_ok': reloadFailed,
        'ing.5xx': result('ing.5xx', 'ratio', [{ values: ramp(0, 0.6) }]),
      }),
      NOW,
    );
    expect(d.findings.find((f) => f.code === 'INGRESS_RELOAD_FAILED')?.severity).toBe('fail');
    expect(d.summary.sentence).toMatch(
      /^Fails at ingress controller: 5xx answers .* — because the last configuration reload failed on ingress-nginx-a/,
    );
  });
  it('only degrades it when the host still gets its answers: warn', () => {
    const d = diagnose(withMetrics(ingressSnapshot(), { 'ing.reload_ok': reloadFailed }), NOW);
    expect(d.findings.find((f) => f.code === 'INGRESS_RELOAD_FAILED')?.severity).toBe('warn');
    expect(hop(d, 'ingress-controller')).toBe('warn');
  });
});

describe('commands built from metric labels', () => {
  it('quote a hostile controller_pod or node label, so the clipboard never runs it', () => {
    const hostile = 'x; touch /tmp/owned #';
    const d = diagnose(
      withMetrics(
        ingressSnapshot(),
        {
          'ing.reload_ok': result(
            'ing.reload_ok',
            'count',
            [{ labels: { controller_pod: hostile }, values: [0] }],
            'instant',
          ),
        },
        {
          orphanedContainers: {
            value: [{ namespace: 'shop', pod: 'old', node: `n1$(${hostile})` }],
          },
        },
      ),
      NOW,
    );
    const commands = d.findings.flatMap((f) => f.remediation.commands);
    // The reload series names no controller pod the API returned: no command names it.
    expect(commands.filter((c) => c.text.startsWith('kubectl logs'))).toEqual([]);
    expect(commands).toContainEqual(cmd("ssh 'n1$(x; touch /tmp/owned #)' -- sudo ip netns list"));
    expect(badCommands(d.findings)).toEqual([]);
  });
});

describe('freshness', () => {
  it('an idle host (ratios 0/0 = NaN for the last minutes) is not a stopped exporter', () => {
    const r = result('ing.5xx', 'ratio', [{ values: [...flat(0, 20), ...flat(NaN, 10)] }]);
    const d = diagnose(withMetrics(ingressSnapshot(), { 'ing.5xx': r }), NOW);
    expect(codes(d).filter((c) => c !== 'DNS_EXTERNAL_NOT_RESOLVED')).toEqual([]);
  });

  it('a step longer than five minutes (a week-long window) leaves its last point early, not stale', () => {
    const r = result('node.cpu', 'ratio', [
      { labels: { instance: 'worker-1' }, values: flat(0.3) },
    ]);
    if ('value' in r) {
      r.value.step = 3629;
      r.value.series[0]!.points = r.value.series[0]!.points.map((p) => ({ ...p, t: p.t - 3579 }));
    }
    const d = diagnose(withMetrics(clusterIpSnapshot(), { 'node.cpu': r }), NOW);
    expect(codes(d)).toEqual([]);
  });

  /** Values one minute apart whose newest sample is `silentMinutes` before the window's end. */
  const stopped = (v: number, silentMinutes: number) =>
    result('golden.rate', 'reqps', [{ values: flat(v, 30 - silentMinutes) }]);

  it('a request series that stopped 20 minutes ago is unknown, not healthy and not a traffic drop', () => {
    const r = stopped(20, 20);
    if ('value' in r)
      r.value.series[0]!.points = r.value.series[0]!.points.map((p) => ({
        ...p,
        t: p.t - 20 * 60,
      }));
    const d = diagnose(withMetrics(clusterIpSnapshot(), { 'golden.rate': r }), NOW);
    expect(codes(d)).toEqual(['METRICS_STALE']);
    expect(d.findings[0]!.title).toBe(
      'no sample of golden.rate since 11:40 UTC: the metric part of pods is unknown (is its exporter still scraped?)',
    );
    expect(hop(d, 'pods')).toBe('unknown');
    expect(d.steps.find((x) => x.id === 2)?.verdict).toBe('unknown');
  });

  it('a node-exporter that stopped makes the node hop unknown; a sample 4 minutes old is still fresh', () => {
    const cpu = (silentMinutes: number) => {
      const r = result('node.cpu', 'ratio', [
        { labels: { instance: 'worker-1' }, values: flat(0.3) },
      ]);
      if ('value' in r)
        r.value.series[0]!.points = r.value.series[0]!.points.map((p) => ({
          ...p,
          t: p.t - silentMinutes * 60,
        }));
      return r;
    };
    const stale = diagnose(withMetrics(clusterIpSnapshot(), { 'node.cpu': cpu(10) }), NOW);
    expect(codes(stale)).toEqual(['METRICS_STALE']);
    expect(hop(stale, 'node')).toBe('unknown');
    const fresh = diagnose(withMetrics(clusterIpSnapshot(), { 'node.cpu': cpu(4) }), NOW);
    expect(codes(fresh)).toEqual([]);
    expect(hop(fresh, 'node')).toBe('ok');
  });
});

describe('remediation commands', () => {
  it("name the stale node's own kube-proxy pod with a selector kubectl accepts", () => {
    const d = diagnose(
      withMetrics(clusterIpSnapshot(), {
        'kp.rule_age': result(
          'kp.rule_age',
          'seconds',
          [{ labels: { instance: 'worker-2' }, values: [1200] }],
          'instant',
        ),
      }),
      NOW,
    );
    expect(d.findings.map(englishOnly)).toStrictEqual([
      {
        code: 'KUBE_PROXY_RULES_STALE',
        step: 4,
        hop: 'kube-proxy',
        member: 'worker-2',
        severity: 'fail',
        title:
          'kube-proxy on worker-2 last synced its rules 20 min ago: new endpoints are not programmed there',
        evidence: [
          {
            kind: 'query',
            id: 'kp.rule_age',
            promql: 'promql_for_kp_rule_age',
            start: Math.floor(NOW.getTime() / 1000) - 1800,
            end: Math.floor(NOW.getTime() / 1000),
            step: 60,
            summary: '1200 s for worker-2',
          },
        ],
        remediation: {
          text: CATALOGUE.KUBE_PROXY_RULES_STALE.fix,
          commands: [
            cmd(
              'kubectl get pods -n kube-system -l k8s-app=kube-proxy --field-selector spec.nodeName=worker-2 -o name | xargs kubectl logs -n kube-system --tail=50',
            ),
          ],
        },
        subjects: ['node/worker-2'],
      },
    ]);
  });
});

describe('thresholds', () => {
  it('are configurable: a looser conntrack threshold silences the warning', () => {
    const s = withMetrics(clusterIpSnapshot(), {
      'node.conntrack': result('node.conntrack', 'ratio', [
        { labels: { instance: 'worker-1' }, values: flat(0.85) },
      ]),
    });
    expect(codes(diagnose(s, NOW))).toEqual(['NODE_CONNTRACK_NEAR_LIMIT']);
    expect(codes(diagnose(s, NOW, mergeThresholds({ conntrack: { warn: 0.9 } })))).toEqual([]);
  });
  it('ignore unknown or non-numeric overrides', () => {
    expect(mergeThresholds({ conntrack: { warn: 'high' }, nope: { x: 1 } })).toEqual(
      DEFAULT_THRESHOLDS,
    );
  });
});

describe('coverage of the catalogue', () => {
  it('every Prometheus finding code is produced by at least one case above', () => {
    const produced = new Set(cases.flatMap((c) => c.codes));
    const metricCodes = (Object.keys(CATALOGUE) as FindingCode[])
      .filter((code) => (CATALOGUE[code] as { source?: string }).source === 'prometheus')
      // The gateway path's codes are covered by step-5-gateway.test.ts.
      .filter((code) => !Object.hasOwn(STEP_5_GATEWAY_CODES, code));
    expect(metricCodes.filter((c) => !produced.has(c))).toEqual([]);
  });
});

describe('charts', () => {
  it('step 2 draws rate, errors and p99 with the same window a day earlier; steps without metrics draw nothing', () => {
    const d = diagnose(withMetrics(clusterIpSnapshot()), NOW);
    const golden = d.steps.find((s) => s.id === 2)!.charts;
    expect(golden.map((c) => [c.id, c.series.length, c.baseline?.length ?? 0])).toEqual([
      ['golden.rate', 1, 1],
      ['golden.errors', 1, 1],
      ['golden.p99', 1, 1],
    ]);
    expect(golden[0]!.series[0]!.points).toHaveLength(30);
    expect(
      d.steps
        .find((s) => s.id === 1)!
        .charts.find((c) => c.id === 'node.cpu')
        ?.series.map((x) => x.name),
    ).toEqual(['worker-1', 'worker-2', 'worker-3']);
    expect(diagnose(clusterIpSnapshot(), NOW).steps.flatMap((s) => s.charts)).toEqual([]);
  });
  it("names each chart's source and baseline, and carries the check's own threshold", () => {
    const d = diagnose(
      withMetrics(clusterIpSnapshot()),
      NOW,
      mergeThresholds({ errorRatio: { fail: 0.2 } }),
    );
    const chart = (step: number, id: string) =>
      d.steps.find((s) => s.id === step)!.charts.find((c) => c.id === id)!;
    expect(chart(2, 'golden.errors')).toMatchObject({
      source: 'app HTTP (http_server_requests_seconds)',
      threshold: { value: 0.2, label: 'fail above 20 %' },
    });
    expect(chart(2, 'golden.errors').baseline?.[0]?.name).toBe('same window, 1 day earlier');
    expect(chart(1, 'node.conntrack')).toMatchObject({
      source: 'node-exporter',
      threshold: { value: 0.8, label: 'warn above 80 %' },
    });
    expect(chart(2, 'golden.rate').threshold).toBeUndefined();
  });
});

describe('the first wave, while Prometheus is still answering', () => {
  it('shows object failures at once, but no metric hop is ok yet and the summary says so', () => {
    const pending = (s: ReturnType<typeof clusterIpSnapshot>) => ({
      ...s,
      meta: { ...s.meta, metricsPending: true },
    });
    const healthy = diagnose(pending(clusterIpSnapshot()), NOW);
    expect(healthy.summary).toMatchObject({
      verdict: 'unknown',
      hop: null,
      sentence:
        'Nothing has failed in the Kubernetes evidence so far; Prometheus evidence is still loading.',
    });
    expect(healthy.hops.map((h) => [h.kind, h.verdict])).toEqual([
      ['client', 'ok'],
      ['dns-cluster', 'unknown'],
      ['service', 'ok'],
      ['kube-proxy', 'unknown'],
      ['endpoints', 'ok'],
      ['pods', 'unknown'],
      ['node', 'unknown'],
    ]);
    expect(healthy.steps.find((s) => s.id === 2)?.reason).toBe('waiting for Prometheus…');
    const broken = clusterIpSnapshot();
    broken.kubeProxy = {
      value: { daemonSetFound: true, mode: '', podsByNode: { 'worker-2': [] } },
    };
    expect(diagnose(pending(broken), NOW).summary).toMatchObject({
      verdict: 'fail',
      hop: 'kube-proxy',
    });
  });
});

describe('context before the incident window', () => {
  it('is drawn (shaded window) but never judged', () => {
    const withContext = result('node.conntrack', 'ratio', [
      { labels: { instance: 'worker-1' }, values: [...flat(0.99, 15), ...flat(0.05, 31)] },
    ]);
    if ('value' in withContext) withContext.value.start -= 900; // half a window before the incident
    const d = diagnose(withMetrics(clusterIpSnapshot(), { 'node.conntrack': withContext }), NOW);
    expect(d.findings.map((f) => f.code)).toEqual([]);
    const chart = d.steps.find((s) => s.id === 1)!.charts.find((c) => c.id === 'node.conntrack')!;
    expect(chart.series[0]!.points).toHaveLength(46);
    expect(chart.windowStart - chart.start).toBe(900);
  });
});

describe('Prometheus down, said once', () => {
  it('the summary names the source and its error once, with the hops it left unknown; hops and findings stay short', () => {
    const s = withMetrics(clusterIpSnapshot());
    s.metrics = {
      ...s.metrics!,
      goldenProfile: null,
      results: Object.fromEntries(Object.keys(s.metrics!.results).map((k) => [k, down])),
      orphanedContainers: down,
    };
    const d = diagnose(s, NOW);
    const message = down.issue.message;
    expect(d.summary.sentence.split(message).length - 1).toBe(1);
    expect(d.summary.sentence).toMatch(
      /^Nothing failed, but 4 hops could not be checked: Prometheus \(HOPSCOPE_PROMETHEUS_URL\) is unreachable: connection refused \(ECONNREFUSED\), so the metric part of .+ and .+ is unknown\.$/,
    );
    for (const h of d.hops.filter((x) => x.verdict === 'unknown'))
      expect(h.reason).toBe('metrics unknown: Prometheus failed');
    const unavailable = d.findings.filter((x) => x.code === 'METRICS_UNAVAILABLE');
    expect(unavailable.length).toBeGreaterThanOrEqual(4);
    for (const f of unavailable) {
      expect(f.title).not.toMatch(/could not run|golden\.|node\.cpu/);
      expect(f.remediation.text).toMatch(/Prometheus answers at the configured URL/);
    }
  });
});
