import { describe, expect, it } from 'vitest';
import {
  matchHttpRoute,
  type GatewayInfo,
  type GatewaySide,
  type HttpRouteInfo,
} from '@/lib/model/gateway';
import type { PodInfo, Snapshot } from '@/lib/model/snapshot';
import {
  NOW,
  gatewaySide,
  gatewaySnapshot,
  service,
  backend,
  WEB_PODS,
  notReady,
  result,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { diagnose } from './diagnose';
import { gatewayQueries } from './step-5-gateway-metrics';
import { metricWindow } from '@/lib/promql/window';
import { STEP_5_GATEWAY_CODES } from '@/lib/model/catalogue/step-5-gateway';

function edited(change: (side: GatewaySide, s: Snapshot) => void): Snapshot {
  const s = structuredClone(gatewaySnapshot());
  change(s.gateway!, s);
  return s;
}
const route = (side: GatewaySide) => (side.route as { value: HttpRouteInfo }).value;
const gw = (side: GatewaySide) =>
  (
    side.parents[0]!.gateway as {
      value: NonNullable<
        Extract<GatewaySide['parents'][0]['gateway'], { value: unknown }>['value']
      >;
    }
  ).value;

/** Every code a case below produced: the catalogue's gateway codes must all be among them. */
const produced = new Set<string>();

function verdicts(s: Snapshot) {
  const d = diagnose(s, NOW);
  for (const f of d.findings) produced.add(f.code);
  const hop = (k: string) => d.hops.find((h) => h.kind === k)?.verdict;
  return { d, hop, codes: d.findings.map((f) => f.code) };
}

describe('a gateway path', () => {
  it('healthy: the route and Service ok, the Gateway unknown for want of its metrics, nothing blamed', () => {
    const { d, hop, codes } = verdicts(gatewaySnapshot());
    expect(d.hops.map((h) => h.kind)).toEqual([
      'dns-external',
      'gateway',
      'httproute',
      'service',
      'endpoints',
      'pods',
      'node',
    ]);
    expect(hop('httproute')).toBe('ok');
    expect(hop('service')).toBe('ok');
    expect(hop('gateway')).toBe('unknown');
    expect(codes).toContain('GATEWAY_METRICS_UNKNOWN');
    expect(d.findings.filter((f) => f.severity === 'fail' || f.severity === 'warn')).toEqual([]);
    expect(d.steps.find((x) => x.id === 5)?.verdict).toBe('unknown');
  });

  it("the Gateway's data-plane pods are its hop's members", () => {
    const { d } = verdicts(gatewaySnapshot());
    expect(d.hops.find((h) => h.kind === 'gateway')?.members?.map((m) => m.id)).toEqual([
      'envoy-infra-public-7c9d-a',
      'envoy-infra-public-7c9d-b',
    ]);
  });

  it("no data-plane pod under the controller's labels: fail at the Gateway, naming the selector", () => {
    const { d, hop } = verdicts(
      edited((side) => void (side.parents[0]!.dataPlanePods = { value: [] })),
    );
    const f = d.findings.find((x) => x.code === 'GATEWAY_NO_DATA_PLANE');
    expect(f?.title).toContain(
      'gateway.envoyproxy.io/owning-gateway-name=public,gateway.envoyproxy.io/owning-gateway-namespace=infra',
    );
    expect(hop('gateway')).toBe('fail');
  });

  it('a controller that does not label per-Gateway proxies: none found is no failure', () => {
    const { codes } = verdicts(
      edited((side) => {
        const p = side.parents[0]!;
        p.dataPlanePods = { value: [] };
        if ('value' in p.gatewayClass && p.gatewayClass.value)
          p.gatewayClass.value.controllerName = 'io.cilium/gateway-controller';
      }),
    );
    expect(codes).not.toContain('GATEWAY_NO_DATA_PLANE');
  });

  it('two listeners of one Gateway: its proxies once in the hop, their findings once', () => {
    const { d } = verdicts(
      edited((side) => {
        const pods = side.parents[0]!.dataPlanePods as { value: PodInfo[] };
        pods.value[1] = notReady(pods.value[1]!);
        side.parents.push({
          ...side.parents[0]!,
          // No sectionName: attached to every listener of the Gateway, so a carrier too.
          ref: { ...side.parents[0]!.ref, sectionName: undefined },
        });
      }),
    );
    expect(d.hops.find((h) => h.kind === 'gateway')?.members).toHaveLength(2);
    expect(d.findings.filter((f) => f.code === 'GATEWAY_DATA_PLANE_POD_UNHEALTHY')).toHaveLength(1);
  });

  it('one proxy of two not ready: the Gateway hop degrades, the pod named', () => {
    const { d, hop } = verdicts(
      edited((side) => {
        const pods = side.parents[0]!.dataPlanePods as { value: PodInfo[] };
        pods.value[1] = notReady(pods.value[1]!);
      }),
    );
    const f = d.findings.find((x) => x.code === 'GATEWAY_DATA_PLANE_POD_UNHEALTHY');
    expect(f?.member).toBe('envoy-infra-public-7c9d-b');
    expect(hop('gateway')).toBe('warn');
  });

  it('a route with no status.parents is attached to nothing: fail at the HTTPRoute', () => {
    const { d, hop } = verdicts(edited((side) => void (route(side).parents = [])));
    expect(hop('httproute')).toBe('fail');
    expect(d.summary.hop).toBe('httproute');
    expect(d.findings.find((f) => f.code === 'GATEWAY_ROUTE_NOT_ATTACHED')?.title).toMatch(
      /attached to nothing/,
    );
  });

  it("the controller's reason is in the sentence: not accepted, NotAllowedByListeners", () => {
    const { hop, d } = verdicts(
      edited((side) => {
        route(side).parents[0]!.conditions[0] = {
          type: 'Accepted',
          status: 'False',
          reason: 'NotAllowedByListeners',
          message: 'No listener allows routes from namespace shop',
          observedGeneration: 1,
        };
      }),
    );
    expect(hop('httproute')).toBe('fail');
    expect(d.findings.find((f) => f.code === 'GATEWAY_ROUTE_NOT_ACCEPTED')?.title).toContain(
      'Accepted=False (NotAllowedByListeners): No listener allows routes from namespace shop',
    );
  });

  it('a backendRef to a missing Service fails at the Service, with the rule named', () => {
    const s = edited((side, snap) => {
      route(side).parents[0]!.conditions[1] = {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message: 'Service shop/web not found',
        observedGeneration: 1,
      };
      snap.backend = { ...snap.backend!, service: { value: null } };
    });
    const { hop, codes, d } = verdicts(s);
    expect(hop('service')).toBe('fail');
    expect(codes).toEqual(
      expect.arrayContaining(['GATEWAY_BACKEND_SERVICE_MISSING', 'GATEWAY_ROUTE_REFS_UNRESOLVED']),
    );
    expect(codes).not.toContain('SVC_NOT_FOUND');
    expect(d.summary.hop).toBe('service');
  });

  it('a cross-namespace backendRef without a ReferenceGrant fails at the HTTPRoute', () => {
    const s = edited((side) => {
      route(side).rules[0]!.backendRefs[0]!.namespace = 'payments';
      side.referenceGrants = { payments: { value: [] } };
    });
    const { hop, codes } = verdicts(s);
    expect(codes).toContain('GATEWAY_REFERENCEGRANT_MISSING');
    expect(hop('httproute')).toBe('fail');
  });

  it('a ReferenceGrant from HTTPRoutes of the namespace to that Service allows it', () => {
    const s = edited((side) => {
      route(side).rules[0]!.backendRefs[0]!.namespace = 'payments';
      side.referenceGrants = {
        payments: {
          value: [
            {
              namespace: 'payments',
              name: 'from-shop',
              from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }],
              to: [{ group: '', kind: 'Service' }],
            },
          ],
        },
      };
    });
    expect(verdicts(s).codes).not.toContain('GATEWAY_REFERENCEGRANT_MISSING');
  });

  it('no listener admits the host: fail at the Gateway, naming the listeners', () => {
    const s = edited((side) => void (gw(side).listeners[0]!.hostname = '*.example.org'));
    const { hop, d } = verdicts(s);
    expect(hop('gateway')).toBe('fail');
    expect(
      d.findings.find((f) => f.code === 'GATEWAY_LISTENER_HOSTNAME_MISMATCH')?.title,
    ).toContain('http: *.example.org');
  });

  it('a Gateway not programmed says the reason; a GatewayClass not accepted too', () => {
    const s = edited((side) => {
      gw(side).conditions[1] = {
        type: 'Programmed',
        status: 'False',
        reason: 'AddressNotAssigned',
        message: 'No addresses have been assigned to the Gateway',
        observedGeneration: 1,
      };
    });
    const { hop, d } = verdicts(s);
    expect(hop('gateway')).toBe('fail');
    expect(d.findings.find((f) => f.code === 'GATEWAY_NOT_PROGRAMMED')?.title).toContain(
      'Programmed=False (AddressNotAssigned)',
    );
  });

  it('a status written for an older generation is said to be stale', () => {
    const s = edited((side) => void (route(side).generation = 3));
    const { d } = verdicts(s);
    const f = d.findings.find((x) => x.code === 'GATEWAY_STATUS_STALE');
    expect(f?.severity).toBe('warn');
    expect(f?.title).toMatch(/generation 1, the object is at generation 3/);
  });

  it('every weight 0: the rule sends nowhere', () => {
    const s = edited((side) => void (route(side).rules[0]!.backendRefs[0]!.weight = 0));
    expect(verdicts(s).codes).toContain('GATEWAY_BACKEND_WEIGHTS_ZERO');
  });

  it('no rule for the host: 404 at the HTTPRoute', () => {
    const s = edited((side) => void (route(side).hostnames = ['api.example.com']));
    const { hop, codes } = verdicts(s);
    expect(codes).toContain('GATEWAY_NO_RULE_MATCH');
    expect(hop('httproute')).toBe('fail');
  });

  it('a backendRef that is not a Service is unknown, never a failure', () => {
    const s = edited((side, snap) => {
      route(side).rules[0]!.backendRefs = [
        { group: 'example.io', kind: 'Bucket', namespace: 'shop', name: 'static', weight: 1 },
      ];
      snap.backend = null;
    });
    const { d, codes } = verdicts(s);
    expect(codes).toContain('GATEWAY_BACKEND_NOT_SERVICE');
    expect(d.findings.filter((f) => f.severity === 'fail')).toEqual([]);
    expect(d.hops.find((h) => h.kind === 'service')?.verdict).toBe('unknown');
  });

  it('a backendRef port the Service does not have fails at the Service', () => {
    const s = edited((_side, snap) => {
      snap.backend = backend(
        WEB_PODS,
        service({ ports: [{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }] }),
      );
    });
    expect(verdicts(s).codes).toContain('GATEWAY_BACKEND_PORT_MISSING');
  });
});

describe('a gateway path, more failures', () => {
  it('the route does not exist', () => {
    const s = edited((side, snap) => {
      side.route = { value: null };
      side.parents = [];
      snap.backend = null;
    });
    const { hop, codes } = verdicts(s);
    expect(codes).toContain('GATEWAY_ROUTE_NOT_FOUND');
    expect(hop('httproute')).toBe('fail');
  });

  it('the controller dropped some rules', () => {
    const s = edited((side) =>
      route(side).parents[0]!.conditions.push({
        type: 'PartiallyInvalid',
        status: 'True',
        reason: 'UnsupportedValue',
        message: 'rule 2: regex paths are not supported',
        observedGeneration: 1,
      }),
    );
    const f = verdicts(s).d.findings.find((x) => x.code === 'GATEWAY_ROUTE_PARTIALLY_INVALID');
    expect(f?.severity).toBe('warn');
  });

  it('the Gateway the route names does not exist', () => {
    const s = edited((side) => {
      side.parents[0]!.gateway = { value: null };
      side.parents[0]!.gatewayClass = { value: null };
    });
    const { hop, codes } = verdicts(s);
    expect(codes).toContain('GATEWAY_NOT_FOUND');
    expect(hop('gateway')).toBe('fail');
  });

  it('its class is missing, then not accepted', () => {
    const missing = edited((side) => void (side.parents[0]!.gatewayClass = { value: null }));
    expect(
      verdicts(missing).d.findings.find((f) => f.code === 'GATEWAY_CLASS_NOT_ACCEPTED')?.title,
    ).toMatch(/names GatewayClass "eg", which does not exist/);
    const refused = edited((side) => {
      const cls = (side.parents[0]!.gatewayClass as { value: { conditions: unknown[] } }).value;
      cls.conditions = [
        {
          type: 'Accepted',
          status: 'False',
          reason: 'InvalidParameters',
          message: 'parametersRef not found',
        },
      ];
    });
    expect(
      verdicts(refused).d.findings.find((f) => f.code === 'GATEWAY_CLASS_NOT_ACCEPTED')?.title,
    ).toContain('Accepted=False (InvalidParameters)');
  });

  it('the Gateway is not accepted', () => {
    const s = edited((side) => {
      gw(side).conditions[0] = {
        type: 'Accepted',
        status: 'False',
        reason: 'ListenersNotValid',
        message: 'listener https: invalid certificate',
        observedGeneration: 1,
      };
    });
    expect(verdicts(s).codes).toContain('GATEWAY_NOT_ACCEPTED');
  });

  it('the listener that serves the host is conflicted', () => {
    const s = edited((side) => {
      gw(side).listenerStatus[0]!.conditions.push({
        type: 'Conflicted',
        status: 'True',
        reason: 'HostnameConflict',
        message: 'another listener has the same hostname',
        observedGeneration: 1,
      });
    });
    const { hop, d } = verdicts(s);
    expect(hop('gateway')).toBe('fail');
    expect(d.findings.find((f) => f.code === 'GATEWAY_LISTENER_UNHEALTHY')?.title).toContain(
      'Conflicted=True (HostnameConflict)',
    );
  });
});

describe('a gateway path, what is not this path’s', () => {
  it('a canary rule that needs a header does not win over the rule a plain request takes', () => {
    const s = edited((side) => {
      route(side).rules = [
        {
          matches: [
            {
              path: { type: 'PathPrefix', value: '/cart' },
              headers: [{ name: 'x-canary', value: '1', type: 'Exact' }],
            },
          ],
          backendRefs: [
            {
              group: '',
              kind: 'Service',
              namespace: 'shop',
              name: 'web-canary',
              port: 80,
              weight: 0,
            },
          ],
        },
        ...route(side).rules,
      ];
    });
    const { codes, hop } = verdicts(s);
    expect(codes).not.toContain('GATEWAY_BACKEND_WEIGHTS_ZERO');
    expect(codes).not.toContain('GATEWAY_RULE_CONDITIONAL');
    expect(hop('httproute')).toBe('ok');
  });

  it('when only a rule that needs a header admits the path: unknown, naming the header', () => {
    const s = edited((side) => {
      route(side).rules[0]!.matches[0]!.headers = [{ name: 'x-tenant', value: 'a', type: 'Exact' }];
    });
    const { hop, d } = verdicts(s);
    expect(hop('httproute')).toBe('unknown');
    expect(d.findings.find((f) => f.code === 'GATEWAY_RULE_CONDITIONAL')?.title).toContain(
      'headers x-tenant',
    );
  });

  it('a second parent whose listener is for another host is not blamed when the first carries the path', () => {
    const s = edited((side) => {
      const admin = {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        namespace: 'infra',
        name: 'internal',
      };
      route(side).parentRefs.push(admin);
      const internal = structuredClone(side.parents[0]!);
      internal.ref = admin;
      const g = (internal.gateway as { value: GatewayInfo }).value;
      g.name = 'internal';
      g.listeners[0]!.hostname = '*.corp.internal';
      g.conditions[1] = {
        type: 'Programmed',
        status: 'False',
        reason: 'Pending',
        message: 'waiting',
        observedGeneration: 1,
      };
      side.parents.push(internal);
      route(side).parents.push({
        parentRef: admin,
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        conditions: [
          {
            type: 'Accepted',
            status: 'False',
            reason: 'NoMatchingListenerHostname',
            message: 'no hostname intersection',
            observedGeneration: 1,
          },
        ],
      });
    });
    const { hop, codes } = verdicts(s);
    expect(codes).not.toContain('GATEWAY_LISTENER_HOSTNAME_MISMATCH');
    expect(codes).not.toContain('GATEWAY_NOT_PROGRAMMED');
    expect(codes).not.toContain('GATEWAY_ROUTE_NOT_ACCEPTED');
    expect(hop('httproute')).toBe('ok');
  });

  it("an unresolved reference of another rule warns, it does not fail this path's Service", () => {
    const s = edited((side) => {
      route(side).parents[0]!.conditions[1] = {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message: 'service shop/admin not found',
        observedGeneration: 1,
      };
    });
    const { hop, d } = verdicts(s);
    expect(hop('service')).toBe('ok');
    const f = d.findings.find((x) => x.code === 'GATEWAY_ROUTE_REFS_UNRESOLVED');
    expect([f?.severity, f?.hop]).toEqual(['warn', 'httproute']);
  });
});

describe("the Gateway's own traffic (Envoy Gateway's cluster statistics)", () => {
  const healthy = () => withMetrics(gatewaySnapshot());
  const withSeries = (patch: Parameters<typeof withMetrics>[1]) =>
    withMetrics(gatewaySnapshot(), patch);

  it('read and healthy: the Gateway hop is ok on evidence, step 5 too', () => {
    const { hop, d, codes } = verdicts(healthy());
    expect(hop('gateway')).toBe('ok');
    expect(codes).not.toContain('GATEWAY_METRICS_UNKNOWN');
    expect(d.steps.find((x) => x.id === 5)?.verdict).toBe('ok');
    expect(d.steps.find((x) => x.id === 5)?.charts.map((c) => c.id)).toEqual([
      'gw.5xx',
      'gw.upstream_p99',
    ]);
  });

  it('asks for the matched rule by the cluster name Envoy Gateway gives it', () => {
    const plan = gatewayQueries({
      snapshot: gatewaySnapshot(),
      window: metricWindow(gatewaySnapshot().path, NOW),
    });
    expect(plan.queries.map((q) => q.id)).toEqual([
      'gw.5xx',
      'gw.upstream_p99',
      'gw.upstream_p99.1d',
      'gw.connect_fail',
    ]);
    expect(plan.queries[0]!.promql).toContain('envoy_cluster_name="httproute/shop/web/rule/0"');
  });

  it("Contour: by each backend Service's statistics name, <namespace>_<service>_<port>", () => {
    const s = structuredClone(gatewaySnapshot());
    const cls = s.gateway!.parents[0]!.gatewayClass;
    if ('value' in cls && cls.value)
      cls.value.controllerName = 'projectcontour.io/gateway-controller';
    const plan = gatewayQueries({ snapshot: s, window: metricWindow(s.path, NOW) });
    expect(plan.queries[0]!.promql).toMatch(/envoy_cluster_name="shop_web_\d+"/);
  });

  it("Cilium: the backend Service's cluster in the Gateway's CiliumEnvoyConfig", () => {
    const s = structuredClone(gatewaySnapshot());
    const cls = s.gateway!.parents[0]!.gatewayClass;
    if ('value' in cls && cls.value) cls.value.controllerName = 'io.cilium/gateway-controller';
    const plan = gatewayQueries({ snapshot: s, window: metricWindow(s.path, NOW) });
    expect(plan.queries[0]!.promql).toContain(
      'envoy_cluster_name="infra/cilium-gateway-public/shop:web:80"',
    );
  });

  it("Istio: the Gateway's own proxies as the client of the rule's Services, no connect series", () => {
    const s = structuredClone(gatewaySnapshot());
    const cls = s.gateway!.parents[0]!.gatewayClass;
    if ('value' in cls && cls.value) {
      cls.value.controllerName = 'istio.io/gateway-controller';
      cls.value.name = 'istio';
    }
    const plan = gatewayQueries({ snapshot: s, window: metricWindow(s.path, NOW) });
    expect(plan.queries.map((q) => q.id)).toEqual([
      'gw.5xx',
      'gw.upstream_p99',
      'gw.upstream_p99.1d',
    ]);
    expect(plan.queries[0]!.promql).toContain(
      'istio_requests_total{reporter="source",source_workload_namespace="infra",source_workload="public-istio",destination_service_namespace=~"(shop)",destination_service_name=~"(web)",response_code=~"5.."}',
    );
    expect(plan.queries[1]!.promql).toContain('istio_request_duration_milliseconds_bucket{');
  });

  it('a third of upstream answers 5xx: fail at the Gateway', () => {
    const { hop, codes } = verdicts(
      withSeries({ 'gw.5xx': result('gw.5xx', 'ratio', [{ values: [0, 0.33, 0.35] }]) }),
    );
    expect(codes).toContain('GATEWAY_5XX_HIGH');
    expect(hop('gateway')).toBe('fail');
  });

  it('upstream p99 ×13 yesterday: the backend is slow, warn at the pods', () => {
    const { d } = verdicts(
      withSeries({
        'gw.upstream_p99': result('gw.upstream_p99', 'seconds', [{ values: [0.1, 1.2] }]),
      }),
    );
    const f = d.findings.find((x) => x.code === 'GATEWAY_UPSTREAM_SLOW');
    expect(f?.hop).toBe('pods');
    expect(f?.title).toMatch(/13× yesterday/);
  });

  it('failed connections to the backend: warn at the pods', () => {
    const { codes } = verdicts(
      withSeries({ 'gw.connect_fail': result('gw.connect_fail', 'count', [{ values: [0, 0.5] }]) }),
    );
    expect(codes).toContain('GATEWAY_UPSTREAM_CONNECT_FAILING');
  });

  it("no series for the rule's cluster: unknown, naming the selector tried", () => {
    const { hop, d } = verdicts(withSeries({ 'gw.5xx': result('gw.5xx', 'ratio', []) }));
    expect(hop('gateway')).toBe('unknown');
    expect(d.findings.find((f) => f.code === 'METRICS_SERIES_ABSENT')?.title).toContain(
      'envoy_cluster_upstream_rq_total{envoy_cluster_name="httproute/shop/web/rule/0"}',
    );
  });

  it('NGINX Gateway Fabric exposes no per-route series: said so, unknown', () => {
    const s = healthy();
    const cls = (s.gateway!.parents[0]!.gatewayClass as { value: { controllerName: string } })
      .value;
    cls.controllerName = 'gateway.nginx.org/nginx-gateway-controller';
    const { hop, d } = verdicts(s);
    expect(hop('gateway')).toBe('unknown');
    expect(d.findings.find((f) => f.code === 'GATEWAY_METRICS_UNKNOWN')?.title).toMatch(
      /open-source build exposes no per-route request series/,
    );
  });

  it('a controller without a profile: unknown, naming it', () => {
    const s = healthy();
    const cls = (s.gateway!.parents[0]!.gatewayClass as { value: { controllerName: string } })
      .value;
    cls.controllerName = 'example.net/gateway-controller';
    expect(
      verdicts(s).d.findings.find((f) => f.code === 'GATEWAY_METRICS_UNKNOWN')?.title,
    ).toContain('no metrics profile for example.net/gateway-controller');
  });
});

describe('matching an HTTPRoute', () => {
  const r: HttpRouteInfo = {
    ...(gatewaySide().route as { value: HttpRouteInfo }).value,
    hostnames: ['*.example.com'],
    rules: [
      { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [] }], backendRefs: [] },
      { matches: [{ path: { type: 'PathPrefix', value: '/cart' }, headers: [] }], backendRefs: [] },
      {
        matches: [{ path: { type: 'Exact', value: '/cart/checkout' }, headers: [] }],
        backendRefs: [],
      },
      {
        matches: [
          {
            path: { type: 'PathPrefix', value: '/cart' },
            headers: [{ name: 'x-canary', value: '1', type: 'Exact' }],
          },
        ],
        backendRefs: [],
      },
    ],
  };
  it('an Exact path beats the longest prefix, which beats /; a header condition is not preferred', () => {
    expect(matchHttpRoute(r, 'shop.example.com', '/cart/checkout')?.ruleIndex).toBe(2);
    expect(matchHttpRoute(r, 'shop.example.com', '/cart/items')?.ruleIndex).toBe(1);
    expect(matchHttpRoute(r, 'shop.example.com', '/carts')?.ruleIndex).toBe(0);
    expect(matchHttpRoute(r, 'shop.example.com', '/')?.ruleIndex).toBe(0);
  });
  it('hostnames: a wildcard admits subdomains only', () => {
    expect(matchHttpRoute(r, 'example.com', '/')).toBeNull();
    expect(matchHttpRoute(r, 'a.b.example.com', '/')).not.toBeNull();
  });
});

describe('the catalogue', () => {
  it('every gateway finding code of the catalogue is produced by a case above', () => {
    const codes = Object.keys(STEP_5_GATEWAY_CODES);
    expect(codes.filter((c) => !produced.has(c))).toEqual([]);
  });
});
