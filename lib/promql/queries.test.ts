// Every templated query parses, and no input can change its shape: hostile label values stay
// inside their string literal (the same selectors, the same operators, before and after).
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import {
  controllerGoldenProfile,
  GOLDEN_PROFILES,
  type GoldenProfile,
} from '@/lib/profiles/golden-metrics';
import {
  INGRESS_CONTROLLER_PROFILES,
  profileForController,
} from '@/lib/profiles/ingress-controllers';

/** ingress-nginx's per-Ingress metric names, as its profile gives them. */
const NGINX_METRICS = (() => {
  const m = profileForController('k8s.io/ingress-nginx')?.metrics;
  if (m?.kind !== 'per-ingress') throw new Error('ingress-nginx counts requests per Ingress');
  return m;
})();
import { anyOf, escapeRegex, groupBy, quote, selector } from './escape';
import { withMatcher } from './scope';
import {
  answeredMatchers,
  coredns,
  golden,
  goldenMatchers,
  ingressController,
  ingressMatchers,
  kubeProxy,
  podIpMatcher,
  podMatchers,
  saturation,
  type QuerySpec,
  gatewayRoute,
  clusterMatcher,
} from './queries';
import { gatewayProfileFor } from '@/lib/profiles/gateway-controllers';

const ENVOY = (() => {
  const m = gatewayProfileFor('gateway.envoyproxy.io/gatewayclass-controller')?.metrics;
  if (m?.kind !== 'envoy-cluster') throw new Error('Envoy Gateway reads Envoy cluster statistics');
  return m;
})();
const ISTIO = gatewayProfileFor('istio.io/gateway-controller')!.metrics!;
/** A rule's cluster series, as the Gateway check selects them. */
const cluster = (route: { namespace: string; name: string }, rule: number) => [
  clusterMatcher(
    ENVOY,
    ENVOY.clusterNames(route, rule, [], { namespace: 'infra', name: 'public' }),
  ),
];

function shape(promql: string): { errors: number; nodes: string[] } {
  const nodes: string[] = [];
  let errors = 0;
  parser.parse(promql).iterate({
    enter(n) {
      if (n.type.isError) errors += 1;
      // The structure, not the literal contents.
      if (!['StringLiteral', 'Identifier', 'LabelName'].includes(n.type.name))
        nodes.push(n.type.name);
    },
  });
  return { errors, nodes };
}

/** Every built-in controller's golden source for a backend of these names. */
function controllerGolden(ns: string, svc: string): GoldenProfile[] {
  const ref = { namespace: ns, service: svc, ingressPort: 'http', servicePort: { port: 80 } };
  return INGRESS_CONTROLLER_PROFILES.flatMap((c) => controllerGoldenProfile(c, ref) ?? []);
}

function allQueries(ns: string, svc: string, pod: string, node: string, host: string): QuerySpec[] {
  const target = { namespace: ns, service: svc, pods: [pod, 'web-2'] };
  const nodes = [node, '10.0.0.12'];
  const names = NGINX_METRICS;
  const controller = podMatchers(names.podLabels, [{ namespace: ns, name: pod }]);
  const dns = [podIpMatcher([node, '10.244.1.2'])];
  return [
    ...[...GOLDEN_PROFILES, ...controllerGolden(ns, svc)].flatMap((p) => [
      golden.nearest(p, '1800s'),
      ...p.layouts.flatMap((layout) => {
        const m = goldenMatchers(p, layout, target);
        const timed = p.histogram === undefined ? undefined : { ...p, histogram: p.histogram };
        return [
          golden.presence(p, layout, m, '1800s'),
          golden.requestRate(p, answeredMatchers(p, m)),
          golden.requestRate(p, m, '1d'),
          golden.errorRatio(p, m, '1h'),
          golden.offered(p, m),
          ...(timed
            ? [golden.latency(timed, m, 'p99'), golden.latency(timed, m, 'p50', '1d')]
            : []),
        ];
      }),
    ]),
    ...names.layouts.flatMap((layout) => {
      const m = ingressMatchers(layout, { namespace: ns, ingress: svc, host });
      return [
        ingressController.presence(names, layout, m, '1800s'),
        ingressController.statusRatio(names, m, '4..'),
        ingressController.latencyP99(names, m, 'request'),
        ingressController.orphan(names, layout, ns, svc, controller),
      ];
    }),
    ingressController.nearest(names, '1800s', controller),
    saturation.nodeCpu(nodes),
    saturation.nodeMemory(nodes),
    saturation.nodeConntrack(nodes),
    saturation.nodeNetworkErrors(nodes),
    saturation.nodeListenOverflows(nodes),
    saturation.nodeCpuPressure(nodes),
    saturation.podThrottling(ns, [pod]),
    saturation.podMemory(ns, [pod]),
    saturation.podRestarts(ns, [pod], '1800s'),
    saturation.containersOnNodes(nodes, ns),
    coredns.requests(dns),
    coredns.rcodeRatio('SERVFAIL', dns),
    coredns.latencyP99(dns),
    coredns.panics('1800s', dns),
    coredns.forwardFailures('1800s', dns),
    coredns.cacheHitRatio(dns),
    kubeProxy.ruleAge(nodes),
    kubeProxy.syncP99(nodes),
    kubeProxy.programmingP99(nodes),
    kubeProxy.restoreFailures(nodes, '1800s'),
    kubeProxy.noLocalEndpoints(nodes, '1800s'),
    ingressController.statusRatio(
      names,
      [
        ['namespace', '=', ns],
        ['ingress', '=', svc],
        ['host', '=', host],
      ],
      '5..',
    ),
    ingressController.latencyP99(
      names,
      [
        ['namespace', '=', ns],
        ['host', '=', host],
      ],
      'response',
      '1d',
    ),
    gatewayRoute.fiveXx(ENVOY, cluster({ namespace: ns, name: svc }, 0)),
    gatewayRoute.upstreamP99(ENVOY, cluster({ namespace: ns, name: svc }, 1)),
    gatewayRoute.upstreamP99(ENVOY, cluster({ namespace: ns, name: svc }, 1), '1d'),
    gatewayRoute.connectFailures(ENVOY, cluster({ namespace: ns, name: host }, 2)),
    gatewayRoute.fiveXx(ISTIO, [
      ['source_workload', '=', svc],
      ['destination_service_name', '=~', anyOf([svc, host])],
    ]),
    ingressController.reloadOk(names, controller),
    ingressController.certificateExpiry(names, host, controller),
    ingressController.connectP99(names, [
      ['namespace', '=', ns],
      ['host', '=', host],
    ]),
  ];
}

const HOSTILE = 'x"} or vector(1) or up{a="';

describe('the PromQL catalogue', () => {
  const plain = allQueries('shop', 'web', 'web-1', 'worker-1', 'shop.example.com');
  const hostile = allQueries(
    HOSTILE,
    `${HOSTILE}svc`,
    `web.*|${HOSTILE})`,
    `n\\"1`,
    `h"}[5m]) or on() vector(1) #`,
  );

  it.each(plain.map((q) => [q.id, q.promql]))('%s parses: %s', (_id, promql) => {
    expect(shape(promql).errors).toBe(0);
  });

  it('keeps the same shape whatever the label values', () => {
    expect(hostile.map((q) => shape(q.promql))).toEqual(plain.map((q) => shape(q.promql)));
  });

  it('with a cluster label, every selector carries it, and a hostile value changes no shape', () => {
    const cluster = { label: 'cluster', value: 'eu-1' };
    for (const [p, h] of plain.map((q, i) => [q.promql, hostile[i]!.promql] as const)) {
      const scoped = withMatcher(p, cluster);
      expect(shape(scoped).errors).toBe(0);
      expect(shape(withMatcher(h, { label: 'cluster', value: HOSTILE }))).toEqual(shape(scoped));
      const selectors: string[] = [];
      parser.parse(scoped).iterate({
        enter(n) {
          if (n.type.name === 'VectorSelector') selectors.push(scoped.slice(n.from, n.to));
        },
      });
      expect(selectors.length).toBeGreaterThan(0);
      for (const sel of selectors) expect(sel).toContain('{cluster="eu-1"');
    }
    expect(withMatcher('sum(rate(up{}[5m]))', cluster)).toBe('sum(rate(up{cluster="eu-1"}[5m]))');
    expect(withMatcher('up{a="{"}', cluster)).toBe('up{cluster="eu-1",a="{"}');
    expect(withMatcher('up{a="x"}', undefined)).toBe('up{a="x"}');
    expect(() => withMatcher('up{}', { label: 'bad-label', value: 'x' })).toThrow();
  });

  it('escapes regex metacharacters for =~ and quotes like JSON', () => {
    expect(escapeRegex('a.b*(c)|d')).toBe('a\\.b\\*\\(c\\)\\|d');
    expect(anyOf(['web-1', 'a.b'])).toBe('"(web-1|a\\\\.b)"');
    expect(quote('x"y')).toBe('"x\\"y"');
    expect(() => selector('up', [['bad-label', '=', 'x']])).toThrow(/bad label name/);
    expect(() => anyOf([])).toThrow();
  });

  it('builds each label layout of the ingress-nginx series with its own labels', () => {
    const names = NGINX_METRICS;
    const target = { namespace: 'shop', ingress: 'web', host: 'shop.example.com' };
    const [direct, exported] = names.layouts.map((l) => ingressMatchers(l, target));
    expect(ingressController.requestsSelector(names, direct!)).toBe(
      'nginx_ingress_controller_requests{namespace="shop",ingress="web",host="shop.example.com"}',
    );
    expect(ingressController.presence(names, names.layouts[1]!, exported!, '1800s').promql).toBe(
      'count(last_over_time(nginx_ingress_controller_requests{exported_namespace="shop",ingress="web",host="shop.example.com"}[1800s]))',
    );
    const controller = podMatchers(names.podLabels, [
      { namespace: 'ingress-nginx', name: 'ingress-nginx-controller-a' },
    ]);
    expect(
      ingressController.orphan(names, names.layouts[1]!, 'shop', 'web', controller).promql,
    ).toBe(
      'max by (type) (nginx_ingress_controller_orphan_ingress{exported_namespace="shop",ingress="web",' +
        'controller_namespace=~"(ingress-nginx)",controller_pod=~"(ingress-nginx-controller-a)"})',
    );
    // The query ids do not depend on the layout.
    expect(ingressController.statusRatio(names, exported!, '5..').id).toBe('ing.5xx');
  });

  it('bounds the look at existing series with topk, grouped by every layout label', () => {
    const names = NGINX_METRICS;
    const controller = podMatchers(names.podLabels, [{ namespace: 'ingress-nginx', name: 'c-1' }]);
    expect(ingressController.nearest(names, '1800s', controller).promql).toBe(
      'topk(10, count by (namespace, ingress, exported_namespace, host, service, exported_service) ' +
        '(last_over_time(nginx_ingress_controller_requests{controller_namespace=~"(ingress-nginx)",controller_pod=~"(c-1)"}[1800s])))',
    );
    const istio = GOLDEN_PROFILES.find((p) => p.id === 'istio')!;
    expect(golden.nearest(istio, '1800s').promql).toBe(
      'topk(10, count by (destination_service_namespace, destination_service_name) ' +
        '(last_over_time(istio_requests_total{reporter="destination"}[1800s])))',
    );
    expect(() => groupBy(['ok', 'bad-label'])).toThrow(/bad label name/);
  });
});
