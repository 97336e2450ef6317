// The invariant behind every verdict: a hop or step is `ok` only when every input it depends on
// was read. Each read of each healthy path is made to fail in turn (403, then timeout); the
// diagnosis must then show the failure as `unknown` where it matters, and must never blame what
// could not be read with a `fail` or `warn`.
import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '@/lib/model/diagnosis';
import type { HopKind, StepId } from '@/lib/model/hops';
import {
  notRead,
  unreadBackend,
  type Gathered,
  type Snapshot,
  type SourceIssue,
} from '@/lib/model/snapshot';
import {
  NOW,
  clusterIpSnapshot,
  gatewaySnapshot,
  ingressSnapshot,
  nodePortSnapshot,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { diagnose } from './diagnose';

/** One read of the snapshot: where it sits, and what cannot be `ok` once it has failed. */
interface Read {
  name: string;
  get: (s: Snapshot) => Gathered<unknown> | undefined;
  fail: (s: Snapshot, issue: { issue: SourceIssue }) => void;
  hops: HopKind[];
  steps: StepId[];
}

function reads(s: Snapshot): Read[] {
  const out: Read[] = [
    {
      name: 'the backend Service',
      get: (x) => x.backend?.service,
      fail: (x, i) => void (x.backend!.service = i),
      hops: ['service'],
      steps: [4],
    },
    {
      name: 'the backend pods',
      get: (x) => x.backend?.pods,
      fail: (x, i) => void (x.backend!.pods = i),
      hops: ['pods'],
      steps: [1],
    },
    {
      name: 'the EndpointSlices',
      get: (x) => x.backend?.endpointSlices,
      fail: (x, i) => void (x.backend!.endpointSlices = i),
      hops: ['endpoints'],
      steps: [4],
    },
    {
      name: "the backend pods' Warning events",
      get: (x) => x.backend?.events,
      fail: (x, i) => void (x.backend!.events = i),
      hops: ['pods'],
      steps: [1],
    },
    {
      name: 'the backend NetworkPolicies',
      get: (x) => x.backend?.networkPolicies,
      fail: (x, i) => void (x.backend!.networkPolicies = i),
      hops: ['pods'],
      steps: [4],
    },
    {
      name: 'kube-proxy',
      get: (x) => x.kubeProxy,
      fail: (x, i) => void (x.kubeProxy = i),
      hops: ['kube-proxy'],
      steps: [4],
    },
    {
      name: 'the client pod',
      get: (x) => x.client,
      fail: (x, i) => void (x.client = i),
      hops: ['client'],
      steps: [1],
    },
    {
      name: "the client namespace's NetworkPolicies",
      get: (x) => x.clientNetworkPolicies,
      fail: (x, i) => void (x.clientNetworkPolicies = i),
      hops: ['client'],
      steps: [4],
    },
    {
      name: 'cluster DNS',
      get: (x) => x.dns,
      fail: (x, i) => void (x.dns = i),
      hops: ['dns-cluster'],
      steps: [3],
    },
    {
      // As the collector leaves it: nothing the Ingress would name can be read either.
      name: 'the Ingress (and so its class, controller and backend)',
      get: (x) => x.ingress?.ingress,
      fail: (x, i) => {
        x.ingress!.ingress = i;
        x.ingress!.ingressClass = { issue: notRead('read the IngressClass', i.issue) };
        x.ingress!.controllerPods = { issue: notRead('list the controller pods', i.issue) };
        x.ingress!.controllerService = { issue: notRead("read the controller's Service", i.issue) };
        x.backend = unreadBackend(i.issue);
        x.unnamedNodes = notRead('name the nodes of the path', i.issue);
      },
      hops: ['ingress-controller', 'load-balancer', 'service', 'endpoints', 'pods', 'node'],
      steps: [1, 2, 4, 5],
    },
    {
      name: 'the IngressClass (and so the controller)',
      get: (x) => x.ingress?.ingressClass,
      fail: (x, i) => {
        x.ingress!.ingressClass = i;
        x.ingress!.controllerPods = { issue: notRead('list the controller pods', i.issue) };
        x.ingress!.controllerService = { issue: notRead("read the controller's Service", i.issue) };
        x.unnamedNodes = notRead('name the nodes of the path', i.issue);
      },
      hops: ['ingress-controller', 'load-balancer', 'node'],
      steps: [5],
    },
    {
      name: 'the ingress controller pods',
      get: (x) => x.ingress?.controllerPods,
      fail: (x, i) => void (x.ingress!.controllerPods = i),
      hops: ['ingress-controller'],
      steps: [5],
    },
    {
      name: "the ingress controller's Service",
      get: (x) => x.ingress?.controllerService,
      fail: (x, i) => void (x.ingress!.controllerService = i),
      hops: ['load-balancer'],
      steps: [5],
    },
    {
      name: 'the TLS Secret',
      get: (x) => x.ingress?.tls?.secrets?.['shop-tls'],
      fail: (x, i) => void (x.ingress!.tls!.secrets!['shop-tls'] = i),
      hops: ['ingress-controller'],
      steps: [5],
    },
    {
      name: 'the Warning events of the Ingress',
      get: (x) => x.ingress?.tls?.events,
      fail: (x, i) => void (x.ingress!.tls!.events = i),
      hops: ['ingress-controller'],
      steps: [5],
    },
  ];
  if (s.gateway) {
    out.push({
      name: 'the HTTPRoute',
      get: (x) => x.gateway?.route,
      fail: (x, i) => {
        x.gateway = { route: i, parents: [], referenceGrants: {} };
        x.backend = unreadBackend(i.issue);
      },
      hops: ['httproute', 'gateway', 'service', 'endpoints', 'pods'],
      steps: [5],
    });
    s.gateway.parents.forEach((_, n) => {
      out.push({
        name: `Gateway ${n + 1}`,
        get: (x) => x.gateway?.parents[n]?.gateway,
        fail: (x, i) => {
          const p = x.gateway!.parents[n]!;
          p.gateway = i;
          p.gatewayClass = { issue: notRead('read the GatewayClass', i.issue) };
        },
        hops: ['gateway'],
        steps: [5],
      });
      out.push({
        name: `the GatewayClass of Gateway ${n + 1}`,
        get: (x) => x.gateway?.parents[n]?.gatewayClass,
        fail: (x, i) => void (x.gateway!.parents[n]!.gatewayClass = i),
        hops: ['gateway'],
        steps: [5],
      });
    });
  }
  out.push({
    name: 'the pods that name the nodes of the path',
    get: () => ({ value: null }),
    fail: (x, i) => void (x.unnamedNodes = i.issue),
    hops: ['node'],
    steps: [1],
  });
  for (const node of Object.keys(s.nodes)) {
    out.push({
      name: `the Lease of node ${node}`,
      get: (x) => x.nodes[node],
      fail: (x, i) => {
        const g = x.nodes[node];
        if (g && 'value' in g && g.value)
          x.nodes[node] = { value: { ...g.value, leaseRenewTime: null, leaseUnread: i.issue } };
      },
      hops: ['node'],
      steps: [1],
    });
    out.push({
      name: `node ${node}`,
      get: (x) => x.nodes[node],
      fail: (x, i) => void (x.nodes[node] = i),
      hops: ['node'],
      steps: [1],
    });
  }
  for (const ip of Object.keys(s.backend?.ipHolders ?? {})) {
    out.push({
      name: `the holders of ${ip}`,
      get: (x) => x.backend?.ipHolders[ip],
      fail: (x, i) => void (x.backend!.ipHolders[ip] = i),
      hops: ['endpoints'],
      steps: [1],
    });
  }
  return out.filter((r) => r.get(s) !== undefined);
}

const ISSUES: SourceIssue[] = [
  {
    source: 'kubernetes',
    kind: 'forbidden',
    what: 'read it',
    message: 'forbidden: User "sre" cannot read it',
    status: 403,
  },
  { source: 'kubernetes', kind: 'timeout', what: 'read it', message: 'no answer within 5000 ms' },
];

const PATHS: [string, () => Snapshot][] = [
  ['clusterip', () => withMetrics(clusterIpSnapshot())],
  ['nodeport', () => withMetrics(nodePortSnapshot())],
  ['ingress', () => withMetrics(ingressSnapshot())],
  ['gateway', () => withMetrics(gatewaySnapshot())],
];

/** Findings that say something is wrong (not "could not look"). */
function blames(d: Diagnosis): string[] {
  return d.findings
    .filter((f) => f.severity === 'fail' || f.severity === 'warn')
    .map((f) => `${f.code} (${f.severity}) on ${f.hop}: ${f.title}`);
}

describe.each(PATHS)('on the healthy %s path', (_kind, healthy) => {
  const baseline = diagnose(healthy(), NOW);

  it('the healthy diagnosis blames nothing (the baseline of the invariant)', () => {
    expect(blames(baseline)).toEqual([]);
  });

  const cases = reads(healthy()).flatMap((read) =>
    ISSUES.map((issue) => [`${read.name} (${issue.kind})`, read, issue] as const),
  );

  it.each(cases)('a failed read of %s', (_name, read, issue) => {
    const s = structuredClone(healthy());
    read.fail(s, { issue });
    const d = diagnose(s, NOW);
    // Nothing that could not be read is blamed.
    expect(blames(d)).toEqual([]);
    // What depends on it is not ok, and the answer does not say all is well.
    const applies = d.hops.filter((h) => read.hops.includes(h.kind));
    for (const h of applies) expect([h.kind, h.verdict]).not.toEqual([h.kind, 'ok']);
    for (const h of applies) expect([h.kind, h.verdict]).not.toEqual([h.kind, 'skipped']);
    for (const id of read.steps)
      expect([id, d.steps.find((x) => x.id === id)?.verdict]).not.toEqual([id, 'ok']);
    expect(d.summary.verdict).not.toBe('ok');
  });
});
