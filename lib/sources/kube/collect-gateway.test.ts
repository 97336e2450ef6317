// A GRPCRoute is read as the HTTP/2 requests it serves: a call is the path /<service>/<method>,
// so the route's method matches become path matches and the HTTPRoute's precedence applies.
import { describe, expect, it } from 'vitest';
import { matchHttpRoute, routeKind } from '@/lib/model/gateway';
import { parseAccessPath } from '@/lib/model/path';
import { describePath } from '@/lib/model/path-text';
import { toGrpcRoute } from './collect-gateway';

const route = toGrpcRoute({
  metadata: { namespace: 'shop', name: 'cart', generation: 2 },
  spec: {
    parentRefs: [{ name: 'public', namespace: 'gateway-infra' }],
    hostnames: ['grpc.example.com'],
    rules: [
      {
        matches: [{ method: { service: 'shop.v1.Cart', method: 'Checkout' } }],
        backendRefs: [{ name: 'checkout', port: 9000 }],
      },
      {
        matches: [{ method: { service: 'shop.v1.Cart' } }],
        backendRefs: [{ name: 'cart', port: 9000 }],
      },
      {
        matches: [
          { method: { type: 'RegularExpression', service: 'shop\\.v1\\..*', method: 'Get.*' } },
        ],
        backendRefs: [{ name: 'reader', port: 9000 }],
      },
    ],
  },
});

describe('a GRPCRoute', () => {
  it('is a GRPCRoute, with its parents and backends as an HTTPRoute has them', () => {
    expect(routeKind(route)).toBe('GRPCRoute');
    expect(route.parentRefs[0]).toMatchObject({ kind: 'Gateway', namespace: 'gateway-infra' });
    expect(route.rules[0]!.backendRefs[0]).toMatchObject({
      kind: 'Service',
      namespace: 'shop',
      name: 'checkout',
    });
  });
  it('sends a call to the rule whose service and method match it exactly, before the service alone', () => {
    const at = (path: string) => matchHttpRoute(route, 'grpc.example.com', path)?.ruleIndex;
    expect(at('/shop.v1.Cart/Checkout')).toBe(0);
    expect(at('/shop.v1.Cart/Add')).toBe(1);
    expect(at('/shop.v1.Catalog/GetItem')).toBe(2);
    expect(at('/shop.v1.Catalog/List')).toBeUndefined();
    expect(matchHttpRoute(route, 'other.example.com', '/shop.v1.Cart/Add')).toBeNull();
  });
});

describe('a gateway path by its GRPCRoute', () => {
  it('names exactly one route, and says which kind in words', () => {
    const base = {
      kind: 'gateway',
      namespace: 'shop',
      host: 'grpc.example.com',
      path: '/shop.v1.Cart/Add',
    };
    const p = parseAccessPath({ ...base, grpcroute: 'cart' });
    expect(p.ok && describePath(p.path)).toBe(
      'GRPCRoute shop/cart grpc.example.com/shop.v1.Cart/Add',
    );
    expect(parseAccessPath({ ...base }).ok).toBe(false);
    expect(parseAccessPath({ ...base, grpcroute: 'cart', httproute: 'web' }).ok).toBe(false);
  });
});
