// Step 6 judged from probe runs shaped as the real failures probe: a healthy path, the one pod in
// four connections reset (a leaked namespace holding the same IP), DNS down with the VIP fine,
// kube-proxy's rules broken with the pods fine, a hung app, a run that ran out of time.
import { describe, expect, it } from 'vitest';
import type {
  ProbeAttempt,
  ProbeOutcome,
  ProbeResult,
  ProbeRun,
  ProbeTarget,
} from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { NOW, clusterIpSnapshot, withMetrics } from '@/lib/testing/snapshot-fixtures';
import { CATALOGUE, type FindingCode } from '@/lib/model/catalogue';
import { diagnose } from './diagnose';
import { traceTable } from './step-6-path-trace';
import { planTrace } from './step-6-trace-plan';
import { DEFAULT_THRESHOLDS } from './thresholds';

const DNS: ProbeTarget = {
  tier: 'dns',
  label: 'kube-dns 10.96.0.10:53',
  protocol: 'dns',
  address: '10.96.0.10',
  port: 53,
  name: 'web.shop.svc.cluster.local',
};
const VIP: ProbeTarget = {
  tier: 'service',
  label: 'Service shop/web 10.96.20.10:80',
  subject: 'service/shop/web',
  protocol: 'http',
  address: '10.96.20.10',
  port: 80,
};
const pod = (name: string, ip: string): ProbeTarget => ({
  tier: 'endpoint',
  label: `pod shop/${name} ${ip}:8080`,
  subject: `pod/shop/${name}`,
  protocol: 'http',
  address: ip,
  port: 8080,
});
const PODS = [pod('web-1', '10.244.1.7'), pod('web-2', '10.244.2.8')];
const INGRESS: ProbeTarget = {
  tier: 'ingress',
  label: 'shop.example.com/cart via 10.96.30.1:80',
  protocol: 'http',
  address: '10.96.30.1',
  port: 80,
  hostHeader: 'shop.example.com',
  httpPath: '/cart',
};

function tries(target: ProbeTarget, pattern: (i: number) => ProbeOutcome, n = 20): ProbeResult {
  const attempts: ProbeAttempt[] = Array.from({ length: n }, (_, i) => {
    const outcome = pattern(i);
    const ok = outcome === 'answered' || outcome === 'connected';
    return {
      outcome,
      ok,
      ...(ok && target.protocol === 'http' ? { status: 200 } : {}),
      ms: { connectMs: 0.4, ...(ok ? { firstByteMs: 3 } : {}), totalMs: ok ? 3.2 : 2000 },
    };
  });
  return { target, attempts };
}
const always = (o: ProbeOutcome) => () => o;

function traced(results: ProbeResult[]): Snapshot {
  return {
    ...withMetrics(clusterIpSnapshot()),
    probes: {
      value: {
        vantage: 'hopscope server (in cluster)',
        startedAt: NOW.toISOString(),
        triesPerTarget: 20,
        results,
      },
    },
  };
}

const step6 = (s: Snapshot) => diagnose(s, NOW).steps.find((x) => x.id === 6)!;
const hop = (s: Snapshot, kind: string) => diagnose(s, NOW).hops.find((h) => h.kind === kind);

describe('step 6, the path trace', () => {
  it('without a probe run it is unknown, with the reason — never ok', () => {
    const s = step6(withMetrics(clusterIpSnapshot()));
    expect(s.verdict).toBe('unknown');
    expect(s.reason).toMatch(/no active probes were run/);
  });

  it('every tier answering 20 of 20 is ok, with no finding', () => {
    const s = traced([
      tries(DNS, always('answered')),
      tries(VIP, always('answered')),
      ...PODS.map((p) => tries(p, always('answered'))),
    ]);
    expect(step6(s)).toMatchObject({ verdict: 'ok', findings: [] });
    // An ok shows what was probed: every target, its ratio and its phase medians.
    const trace = step6(s).trace!;
    expect(trace.vantage).toBe('hopscope server (in cluster)');
    expect(trace.rows.map((r) => [r.tier, r.ok, r.of])).toEqual([
      ['dns', 20, 20],
      ['service', 20, 20],
      ['endpoint', 20, 20],
      ['endpoint', 20, 20],
    ]);
    expect(trace.rows[1]).toMatchObject({ connectMs: 0.4, firstByteMs: 3, totalMs: 3.2 });
    expect(trace.sampled).toBeUndefined();
    const sampled: Snapshot = {
      ...s,
      probes: { value: { ...(s.probes as { value: ProbeRun }).value, endpointsLeftOut: 8 } },
    };
    expect(step6(sampled).trace?.sampled).toBe('2 of 10 endpoints probed');
  });

  it('one pod resetting one connection in four is named, with the ratio and its IP', () => {
    const s = traced([
      tries(DNS, always('answered')),
      tries(VIP, (i) => (i % 8 === 3 ? 'reset' : 'answered')),
      tries(PODS[0]!, (i) => (i % 4 === 3 ? 'reset' : 'answered')),
      tries(PODS[1]!, always('answered')),
    ]);
    const f = step6(s).findings;
    expect(f.map((x) => x.code)).toEqual(['TRACE_ENDPOINT_FAILING']);
    expect(f[0]).toMatchObject({
      severity: 'warn',
      member: 'shop/web-1',
      title: 'pod shop/web-1 10.244.1.7:8080: 15 of 20 answered, 5 of 20 reset',
    });
    expect(f[0]!.subjects).toContain('ip/10.244.1.7');
    expect(hop(s, 'pods')?.verdict).toBe('warn');
  });

  it('DNS failing while the VIP answers puts the break at DNS', () => {
    const s = traced([
      tries(DNS, always('timeout')),
      tries(VIP, always('answered')),
      ...PODS.map((p) => tries(p, always('answered'))),
    ]);
    const [f] = step6(s).findings;
    expect(f).toMatchObject({ code: 'TRACE_DNS_FAILING', severity: 'fail', hop: 'dns-cluster' });
    expect(f!.title).toMatch(
      /20 of 20 timed out — while the Service VIP answers: the break is DNS/,
    );
    expect(hop(s, 'dns-cluster')?.verdict).toBe('fail');
  });

  it('the VIP refused while every pod answers directly is kube-proxy or the port mapping', () => {
    const s = traced([
      tries(DNS, always('answered')),
      tries(VIP, always('refused')),
      ...PODS.map((p) => tries(p, always('answered'))),
    ]);
    const [f] = step6(s).findings;
    expect(f).toMatchObject({ code: 'TRACE_VIP_FAILING_PODS_ANSWER', hop: 'kube-proxy' });
    expect(f!.title).toMatch(
      /20 of 20 refused — while every endpoint pod answers directly \(2 of 2\)/,
    );
    expect(hop(s, 'kube-proxy')?.verdict).toBe('fail');
  });

  it('a VIP that fails because its pods fail is said at the pods, not at kube-proxy', () => {
    const s = traced([
      tries(VIP, always('no-first-byte')),
      ...PODS.map((p) => tries(p, always('no-first-byte'))),
    ]);
    const f = step6(s).findings;
    expect(f.map((x) => x.code)).toEqual(['TRACE_NO_FIRST_BYTE', 'TRACE_NO_FIRST_BYTE']);
    expect(f[0]!.title).toMatch(
      /accepts connections but does not answer: the app hangs, not the network/,
    );
  });

  it('a tier the run had no time for is unknown; a run with no try at all is never ok', () => {
    const late = {
      ...tries(PODS[1]!, always('answered'), 3),
      notProbed: "the run's 15 s were spent after 3 of 20 tries",
    };
    const s = traced([tries(PODS[0]!, always('answered')), late]);
    const f = step6(s).findings;
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'TRACE_NOT_PROBED',
      severity: 'unknown',
      member: 'shop/web-2',
    });
    expect(step6(traced([])).verdict).toBe('unknown');
    expect(step6(traced([{ target: DNS, attempts: [], notProbed: 'x' }])).verdict).toBe('unknown');
  });

  it('a NodePort and an Ingress that fail are said at their hops', () => {
    const nodePort: ProbeTarget = {
      tier: 'node-port',
      label: 'node worker-1 10.1.0.1:30080',
      subject: 'node/worker-1',
      protocol: 'tcp',
      address: '10.1.0.1',
      port: 30080,
    };
    const gateway: ProbeTarget = { ...INGRESS, tier: 'gateway', address: '10.96.40.10' };
    const s = traced([
      tries(nodePort, always('timeout')),
      tries(INGRESS, always('server-error')),
      tries(gateway, (i) => (i % 4 === 0 ? 'reset' : 'answered')),
    ]);
    const f = step6(s).findings;
    expect(f.map((x) => [x.code, x.hop, x.member])).toEqual([
      ['TRACE_NODEPORT_FAILING', 'node', 'worker-1'],
      ['TRACE_INGRESS_FAILING', 'ingress-controller', undefined],
      ['TRACE_GATEWAY_FAILING', 'gateway', undefined],
    ]);
    expect(f[1]!.title).toMatch(/20 of 20 answered 5xx/);
  });

  it('covers every path-trace code of the catalogue', () => {
    const codes = (Object.keys(CATALOGUE) as FindingCode[]).filter(
      (c) => (CATALOGUE[c] as { source?: string }).source === 'probes',
    );
    expect(codes.sort()).toEqual([
      'TRACE_DNS_FAILING',
      'TRACE_ENDPOINT_FAILING',
      'TRACE_GATEWAY_FAILING',
      'TRACE_INGRESS_FAILING',
      'TRACE_NODEPORT_FAILING',
      'TRACE_NOT_PROBED',
      'TRACE_NO_FIRST_BYTE',
      'TRACE_SLOW',
      'TRACE_VIP_FAILING_PODS_ANSWER',
    ]);
  });
});

describe('a trace asked for where the server has no vantage point', () => {
  it('says why no probe was made: unknown, never ok', async () => {
    const { runTrace } = await import('@/lib/sources/probes/vantage');
    const before = process.env.HOPSCOPE_TRACE_FROM;
    delete process.env.HOPSCOPE_TRACE_FROM;
    try {
      const base = withMetrics(clusterIpSnapshot());
      // No vantage enabled: nothing is asked of the cluster, so no API is needed.
      const outcome = await runTrace({
        api: undefined as never,
        kc: undefined as never,
        snapshot: base,
        plan: planTrace(base),
      });
      expect(outcome).toEqual({ traceNotRun: expect.stringMatching(/HOPSCOPE_TRACE_FROM=server/) });
      const s = step6({ ...base, ...outcome });
      expect(s.verdict).toBe('unknown');
      expect(s.reason).toMatch(/asked for, but this server has no vantage point enabled/);
    } finally {
      if (before !== undefined) process.env.HOPSCOPE_TRACE_FROM = before;
    }
  });
});

describe('where the time goes', () => {
  const timed = (target: ProbeTarget, totalMs: number, firstByteMs: number): ProbeResult => ({
    target,
    attempts: Array.from({ length: 20 }, () => ({
      outcome: 'answered' as const,
      ok: true,
      status: 200,
      ms: { connectMs: 0.5, firstByteMs, totalMs },
    })),
  });

  it('a slow backend: the pods answer as slowly directly, so the time is theirs', () => {
    const s = traced([
      timed(INGRESS, 1_260, 1_255),
      timed(PODS[0]!, 1_200, 1_195),
      timed(PODS[1]!, 1_210, 1_205),
    ]);
    const [f] = step6(s).findings;
    expect(f).toMatchObject({ code: 'TRACE_SLOW', hop: 'pods', severity: 'warn' });
    expect(f!.title).toBe(
      'the time goes to the backend pods: they answer in 1200 ms directly of 1260 ms through the ingress, 1195 ms of it waiting for the first byte',
    );
  });

  it('fast pods behind a slow way in: the time is added by the controller', () => {
    const s = traced([timed(INGRESS, 1_500, 1_495), timed(PODS[0]!, 20, 18)]);
    const [f] = step6(s).findings;
    expect(f).toMatchObject({ code: 'TRACE_SLOW', hop: 'ingress-controller' });
    expect(f!.title).toMatch(
      /added on the way in: 1500 ms through the ingress, 20 ms from the pods directly/,
    );
  });

  it('under the threshold nothing is said; the threshold is the operator’s', () => {
    const s = traced([timed(INGRESS, 400, 395), timed(PODS[0]!, 380, 375)]);
    expect(step6(s).findings).toEqual([]);
    const strict = diagnose(s, NOW, { ...DEFAULT_THRESHOLDS, traceSlow: { warn: 0.3 } });
    expect(strict.findings.map((f) => f.code)).toContain('TRACE_SLOW');
  });
});

describe('the probe table says which vantage points were passed over', () => {
  it('names each one with its reason, next to where the probes came from', () => {
    const s = traced([]);
    const run = { ...(s.probes as { value: ProbeRun }).value };
    run.passedOver = ['pods/exec into shop/toolbox: you may not create pods/exec in shop'];
    run.results = [];
    const table = traceTable({ ...s, probes: { value: run } });
    expect(table?.vantage).toBe('hopscope server (in cluster)');
    expect(table?.passedOver).toEqual([
      'pods/exec into shop/toolbox: you may not create pods/exec in shop',
    ]);
    expect(traceTable(traced([]))?.passedOver).toBeUndefined();
  });
});

describe('the latency waterfall', () => {
  const timed = (
    target: ProbeTarget,
    totalMs: number,
    connectMs: number,
    firstByteMs: number,
  ): ProbeResult => ({
    target,
    attempts: Array.from({ length: 20 }, () => ({
      outcome: 'answered' as const,
      ok: true,
      status: 200,
      ms: { connectMs, firstByteMs, totalMs },
    })),
  });

  it('from the probes: the VIP adds its share, the pods connect and answer', () => {
    const s = traced([
      timed(VIP, 12, 0.4, 11.5),
      timed(PODS[0]!, 10, 0.3, 9.6),
      timed(PODS[1]!, 10, 0.3, 9.6),
    ]);
    const w = diagnose(s, NOW).steps.find((x) => x.id === 6)!.waterfall!;
    expect(w.source).toBe('probes');
    expect(w.rows.map(({ hop, label, ms }) => ({ hop, label, ms }))).toEqual([
      { hop: 'kube-proxy', label: 'added through the Service VIP (kube-proxy)', ms: 2 },
      { hop: 'pods', label: 'connect to a pod', ms: 0.3 },
      { hop: 'pods', label: 'the pod answers (first byte)', ms: 9.3 },
    ]);
    expect(w.basis).toMatch(/medians of the 60 tries that answered, from hopscope server/);
  });

  it('without probes, from the metrics the other steps read — and step 6 stays unknown', () => {
    const step = diagnose(withMetrics(clusterIpSnapshot()), NOW).steps.find((x) => x.id === 6)!;
    expect(step.verdict).toBe('unknown');
    expect(step.waterfall?.source).toBe('metrics');
    expect(step.waterfall?.basis).toMatch(/do not add up/);
    for (const r of step.waterfall!.rows) expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('nothing to show without probes or latency series', () => {
    expect(
      diagnose(clusterIpSnapshot(), NOW).steps.find((x) => x.id === 6)!.waterfall,
    ).toBeUndefined();
  });
});
