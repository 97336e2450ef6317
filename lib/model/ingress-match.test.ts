import { describe, expect, it } from 'vitest';
import type { IngressInfo, IngressPathRule } from '@/lib/model/snapshot';
import { hostMatches, matchIngress, pathMatchLength } from './ingress-match';

const to = (name: string) => ({ service: { name, port: { number: 80 } } });
const rule = (
  path: string,
  pathType: IngressPathRule['pathType'],
  svc = 'web',
): IngressPathRule => ({ path, pathType, backend: to(svc) });

describe('hostMatches', () => {
  it.each([
    [undefined, 'a.example.com', true],
    ['a.example.com', 'A.example.com', true],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['b.example.com', 'a.example.com', false],
  ])('%s vs %s', (ruleHost, host, want) => expect(hostMatches(ruleHost, host)).toBe(want));
});

describe('pathMatchLength', () => {
  it.each([
    [rule('/foo', 'Prefix'), '/foo/bar', true],
    [rule('/foo', 'Prefix'), '/foobar', false],
    [rule('/foo/', 'Prefix'), '/foo', true],
    [rule('/', 'Prefix'), '/anything', true],
    [rule('/foo', 'Exact'), '/foo/', false],
    [rule('/foo', 'Exact'), '/foo', true],
    [rule('/foo', 'ImplementationSpecific'), '/foobar', true],
  ])('%o on %s', (r, p, want) => expect(pathMatchLength(r, p) >= 0).toBe(want));
});

describe('matchIngress', () => {
  const ingress: IngressInfo = {
    namespace: 'shop',
    name: 'web',
    tls: [],
    loadBalancer: [],
    rules: [
      { host: '*.example.com', paths: [rule('/', 'Prefix', 'wild')] },
      {
        host: 'shop.example.com',
        paths: [
          rule('/', 'Prefix', 'web'),
          rule('/cart', 'Prefix', 'cart'),
          rule('/cart', 'Exact', 'cart-exact'),
        ],
      },
    ],
  };
  it('prefers the exact host, then the longest path, Exact over Prefix', () => {
    expect(matchIngress(ingress, 'shop.example.com', '/cart')?.backend.service?.name).toBe(
      'cart-exact',
    );
    expect(matchIngress(ingress, 'shop.example.com', '/cart/items')?.backend.service?.name).toBe(
      'cart',
    );
    expect(matchIngress(ingress, 'shop.example.com', '/')?.backend.service?.name).toBe('web');
    expect(matchIngress(ingress, 'blog.example.com', '/x')?.backend.service?.name).toBe('wild');
  });
  it('falls back to the default backend, or to nothing', () => {
    expect(matchIngress(ingress, 'other.org', '/')).toBeNull();
    const withDefault = { ...ingress, defaultBackend: to('fallback') };
    expect(matchIngress(withDefault, 'other.org', '/')).toMatchObject({
      via: 'default-backend',
      backend: { service: { name: 'fallback' } },
    });
  });
});
