import { describe, expect, it } from 'vitest';
import type { NetworkPolicyInfo, PodInfo } from '@/lib/model/snapshot';
import { evaluateIngress, type TrafficSource } from './netpol';

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
  return { namespace: 'shop', name: 'np', podSelector, policyTypes: ['Ingress'], ingress };
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
