import { describe, expect, it } from 'vitest';
import type { NetworkPolicyInfo, PodInfo } from '@/lib/model/snapshot';
import { evaluateEgress, evaluateIngress, type TrafficSource } from './netpol';

const pod = { namespace: 'shop', name: 'web-1', labels: { app: 'web' } } as unknown as PodInfo;
const dest = { pod, port: 8080, portName: 'http', protocol: 'TCP' };
const client: TrafficSource = {
  kind: 'pod',
  namespace: 'shop',
  labels: { app: 'toolbox' },
  namespaceLabels: { 'kubernetes.io/metadata.name': 'shop' },
};
const controller: TrafficSource = {
  kind: 'pod',
  namespace: 'ingress-nginx',
  labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
  namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
};

function policy(
  ingress: NetworkPolicyInfo['ingress'],
  podSelector = { matchLabels: { app: 'web' } },
): NetworkPolicyInfo {
  return {
    namespace: 'shop',
    name: 'np',
    podSelector,
    policyTypes: ['Ingress'],
    ingress,
    egress: [],
  };
}

describe('evaluateIngress', () => {
  it('admits everything when no policy selects the pod', () => {
    expect(evaluateIngress([policy([], { matchLabels: { app: 'other' } })], client, dest)).toEqual({
      allowed: true,
      selecting: [],
    });
  });
  it('denies all when a selecting policy has no rules', () => {
    expect(evaluateIngress([policy([])], client, dest)).toEqual({
      allowed: false,
      selecting: ['np'],
    });
  });
  it('admits same-namespace pods by podSelector only', () => {
    const np = policy([
      { from: [{ podSelector: { matchLabels: { app: 'toolbox' } } }], ports: [] },
    ]);
    expect(evaluateIngress([np], client, dest).allowed).toBe(true);
    expect(evaluateIngress([np], controller, dest).allowed).toBe(false);
  });
  it('admits other namespaces by namespaceSelector', () => {
    const np = policy([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 8080 }],
      },
    ]);
    expect(evaluateIngress([np], controller, dest).allowed).toBe(true);
    expect(
      evaluateIngress([np], controller, { ...dest, port: 9090, portName: 'metrics' }).allowed,
    ).toBe(false);
  });
  it('matches named ports and port ranges', () => {
    const named = policy([{ from: [], ports: [{ protocol: 'TCP', port: 'http' }] }]);
    const range = policy([{ from: [], ports: [{ protocol: 'TCP', port: 8000, endPort: 8100 }] }]);
    expect(evaluateIngress([named], client, dest).allowed).toBe(true);
    expect(evaluateIngress([range], client, dest).allowed).toBe(true);
    expect(evaluateIngress([range], client, { ...dest, protocol: 'UDP' }).allowed).toBe(false);
  });
  it('admits external traffic only through a catch-all ipBlock or an empty from', () => {
    const block = policy([{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: [] } }], ports: [] }]);
    const podsOnly = policy([{ from: [{ podSelector: {} }], ports: [] }]);
    expect(evaluateIngress([block], { kind: 'external' }, dest).allowed).toBe(true);
    expect(evaluateIngress([podsOnly], { kind: 'external' }, dest).allowed).toBe(false);
  });
});

describe('evaluateEgress', () => {
  const toolbox = {
    namespace: 'tools',
    name: 'toolbox',
    labels: { app: 'toolbox' },
    hostNetwork: false,
  } as unknown as PodInfo;
  const web = {
    namespace: 'shop',
    name: 'web-1',
    labels: { app: 'web' },
    podIP: '10.244.1.10',
    containers: [{ ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }] }],
  } as unknown as PodInfo;
  const coredns = {
    namespace: 'kube-system',
    name: 'coredns-a',
    labels: { 'k8s-app': 'kube-dns' },
    podIP: '10.244.2.2',
    containers: [
      {
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        ],
      },
    ],
  } as unknown as PodInfo;
  const toWeb = {
    pod: web,
    namespaceLabels: { 'kubernetes.io/metadata.name': 'shop' },
    port: 8080,
    protocol: 'TCP',
  };
  const dnsUdp = {
    pod: coredns,
    namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
    port: 53,
    protocol: 'UDP',
  };
  const dnsTcp = { ...dnsUdp, protocol: 'TCP' };
  function egress(
    rules: NetworkPolicyInfo['egress'],
    patch: Partial<NetworkPolicyInfo> = {},
  ): NetworkPolicyInfo {
    return {
      namespace: 'tools',
      name: 'egress',
      podSelector: {},
      policyTypes: ['Egress'],
      ingress: [],
      egress: rules,
      ...patch,
    };
  }
  const kubeSystem = { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } };

  it('allows everything when no policy selects the client for egress', () => {
    const ingressOnly = egress([], { policyTypes: ['Ingress'] });
    const other = egress([], { podSelector: { matchLabels: { app: 'other' } } });
    expect(evaluateEgress([ingressOnly, other], toolbox, toWeb)).toStrictEqual({
      allowed: true,
      selecting: [],
    });
  });
  it('ignores policies of other namespaces', () => {
    expect(evaluateEgress([egress([], { namespace: 'shop' })], toolbox, toWeb).allowed).toBe(true);
  });
  it('denies everything under a default-deny-egress policy', () => {
    expect(evaluateEgress([egress([])], toolbox, toWeb)).toStrictEqual({
      allowed: false,
      selecting: ['egress'],
    });
    expect(evaluateEgress([egress([])], toolbox, dnsUdp).allowed).toBe(false);
  });
  it('is the union of the rules of every selecting policy', () => {
    const dns = egress(
      [{ to: [{ namespaceSelector: kubeSystem }], ports: [{ protocol: 'UDP', port: 53 }] }],
      { name: 'allow-dns' },
    );
    const verdict = evaluateEgress([egress([]), dns], toolbox, dnsUdp);
    expect(verdict).toStrictEqual({ allowed: true, selecting: ['egress', 'allow-dns'] });
    expect(evaluateEgress([egress([]), dns], toolbox, dnsTcp).allowed).toBe(false);
    expect(evaluateEgress([egress([]), dns], toolbox, toWeb).allowed).toBe(false);
  });
  it('a podSelector alone means pods of the policy’s own namespace', () => {
    const np = egress([{ to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [] }]);
    expect(evaluateEgress([np], toolbox, toWeb).allowed).toBe(false);
    const sameNs = { ...toWeb, pod: { ...web, namespace: 'tools' } };
    expect(evaluateEgress([np], toolbox, sameNs).allowed).toBe(true);
  });
  it('namespaceSelector and podSelector in one peer must both match', () => {
    const np = egress([
      {
        to: [
          {
            namespaceSelector: kubeSystem,
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [],
      },
    ]);
    expect(evaluateEgress([np], toolbox, dnsUdp).allowed).toBe(true);
    expect(evaluateEgress([np], toolbox, toWeb).allowed).toBe(false);
    const otherPod = { ...dnsUdp, pod: { ...coredns, labels: { app: 'metrics-server' } } };
    expect(evaluateEgress([np], toolbox, otherPod).allowed).toBe(false);
  });
  it('is undecided, not denied, when a needed namespace label was not read', () => {
    const np = egress([{ to: [{ namespaceSelector: kubeSystem }], ports: [] }]);
    const verdict = evaluateEgress([np], toolbox, { ...dnsUdp, namespaceLabels: null });
    expect(verdict.allowed).toBeNull();
    expect(verdict.undecided).toMatch(/namespace kube-system/);
    // A rule that admits for sure wins over one that cannot be judged.
    const all = egress([{ to: [], ports: [{ protocol: 'UDP', port: 53 }] }], { name: 'all' });
    expect(evaluateEgress([np, all], toolbox, { ...dnsUdp, namespaceLabels: null }).allowed).toBe(
      true,
    );
  });
  it('matches ipBlock against the pod IP after DNAT, minus its excepts', () => {
    const np = (except: string[]) =>
      egress([{ to: [{ ipBlock: { cidr: '10.244.0.0/16', except } }], ports: [] }]);
    expect(evaluateEgress([np([])], toolbox, toWeb).allowed).toBe(true);
    expect(evaluateEgress([np(['10.244.1.0/24'])], toolbox, toWeb).allowed).toBe(false);
    expect(evaluateEgress([np(['10.244.9.0/24'])], toolbox, toWeb).allowed).toBe(true);
    // The Service VIP (10.96.x) is never what the policy sees.
    const vipOnly = egress([
      { to: [{ ipBlock: { cidr: '10.96.0.0/12', except: [] } }], ports: [] },
    ]);
    expect(evaluateEgress([vipOnly], toolbox, toWeb).allowed).toBe(false);
  });
  it('resolves named ports against the destination pod, and honours endPort and protocol', () => {
    const named = (port: string, protocol = 'TCP') =>
      egress([{ to: [], ports: [{ protocol, port }] }]);
    expect(evaluateEgress([named('http')], toolbox, toWeb).allowed).toBe(true);
    expect(evaluateEgress([named('metrics')], toolbox, toWeb).allowed).toBe(false);
    expect(evaluateEgress([named('dns', 'UDP')], toolbox, dnsUdp).allowed).toBe(true);
    expect(evaluateEgress([named('dns', 'TCP')], toolbox, dnsTcp).allowed).toBe(false);
    expect(evaluateEgress([named('dns-tcp', 'TCP')], toolbox, dnsTcp).allowed).toBe(true);
    const range = (port: number, endPort: number) =>
      egress([{ to: [], ports: [{ protocol: 'TCP', port, endPort }] }]);
    expect(evaluateEgress([range(8000, 8100)], toolbox, toWeb).allowed).toBe(true);
    expect(evaluateEgress([range(9000, 9100)], toolbox, toWeb).allowed).toBe(false);
    const anyPortTcp = egress([{ to: [], ports: [{ protocol: 'TCP' }] }]);
    expect(evaluateEgress([anyPortTcp], toolbox, dnsTcp).allowed).toBe(true);
    expect(evaluateEgress([anyPortTcp], toolbox, dnsUdp).allowed).toBe(false);
  });
  it('is undecided for a hostNetwork client: the network plugin decides', () => {
    const host = { ...toolbox, hostNetwork: true } as PodInfo;
    expect(evaluateEgress([egress([])], host, toWeb).allowed).toBeNull();
  });
});
