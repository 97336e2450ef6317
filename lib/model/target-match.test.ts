// The picker finds a path's start by name, host or ClusterIP, and offers the nearest names when
// a typo matches nothing.
import { describe, expect, it } from 'vitest';
import { editDistance, isIpLiteral, matchTargets, type ListedTarget } from './target-match';

const svc = (namespace: string, name: string, clusterIP: string): ListedTarget => ({
  kind: 'service',
  namespace,
  name,
  detail: 'ClusterIP',
  hosts: [],
  ports: [80],
  suggestedKind: 'clusterip',
  clusterIP,
  selector: { app: name },
});
const ALL: ListedTarget[] = [
  svc('shop', 'web', '10.96.20.10'),
  svc('shop', 'web-nodeport', '10.96.20.11'),
  svc('shop', 'checkout', '10.96.20.12'),
  {
    kind: 'ingress',
    namespace: 'shop',
    name: 'storefront',
    detail: 'shop.example.com',
    hosts: ['shop.example.com'],
    ports: [],
    suggestedKind: 'ingress',
  },
];

describe('picker matching', () => {
  it('by name, exact first, and never sends what only the server needs', () => {
    const found = matchTargets(ALL, 'web');
    expect(found.map((t) => t.name)).toEqual(['web', 'web-nodeport']);
    expect(found[0]).not.toHaveProperty('clusterIP');
    expect(found[0]).not.toHaveProperty('selector');
  });
  it("by a Service's ClusterIP", () => {
    expect(matchTargets(ALL, '10.96.20.12')).toEqual([
      expect.objectContaining({ name: 'checkout', note: 'ClusterIP 10.96.20.12' }),
    ]);
    expect(matchTargets(ALL, '10.244.1.7')).toEqual([]);
  });
  it('a typo: the nearest names, said to be a guess', () => {
    expect(matchTargets(ALL, 'chekout').map((t) => [t.name, t.note])).toEqual([
      ['checkout', 'did you mean?'],
    ]);
    expect(matchTargets(ALL, 'shop.exmaple.com').map((t) => t.name)).toEqual(['storefront']);
    expect(matchTargets(ALL, 'zzzzzz')).toEqual([]);
  });
  it('knows an IP from a name', () => {
    expect(isIpLiteral('10.96.0.10')).toBe(true);
    expect(isIpLiteral('fd00::a')).toBe(true);
    expect(isIpLiteral('web')).toBe(false);
    expect(editDistance('frontnd', 'frontend')).toBe(1);
  });
});
