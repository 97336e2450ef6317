// The ingress step asks Prometheus for the series of the controller the path's IngressClass
// names, by that controller's name of the backend, in each label layout its installs produce.
import { describe, expect, it } from 'vitest';
import { NOW, servedBy } from '@/lib/testing/snapshot-fixtures';
import { ingressQueries } from './step-5-ingress-metrics';

const end = Math.floor(NOW.getTime() / 1000);
const window = { start: end - 1800, end, step: 60 };

function layouts(controller: string) {
  const plan = ingressQueries({ snapshot: servedBy(controller), window });
  return plan.layoutChoices.flatMap((c) => c.candidates);
}

describe('ingress controller queries', () => {
  it("Traefik: its service counters by the backend's Traefik name, honoured or exported labels", () => {
    const [direct, exported] = layouts('traefik.io/ingress-controller');
    expect(direct?.probe.promql).toContain(
      'traefik_service_requests_total{service="shop-web-http@kubernetes"}',
    );
    expect(exported?.probe.promql).toContain('{exported_service="shop-web-http@kubernetes"}');
    const five = direct?.queries.find((q) => q.id === 'ing.5xx')?.promql;
    expect(five).toContain('code=~"5.."');
    expect(direct?.queries.map((q) => q.id)).toEqual([
      'ing.5xx',
      'ing.4xx',
      'ing.response_p99',
      'ing.response_p99.1d',
      'ing.targets_down',
    ]);
  });
  it("Kong: its service by every name Kong Ingress Controller versions give it, upstream latency in milliseconds, targets down by the upstream's own name", () => {
    const [direct] = layouts('ingress-controllers.konghq.com/kong');
    const q = (id: string) => direct?.queries.find((x) => x.id === id)?.promql;
    // <ns>.<svc>.<port>, <ns>.<ingress>.<svc>.<port> (combined routes), <ns>.<svc>.pname-<port> (before).
    expect(q('ing.response_p99')).toContain(
      'kong_upstream_latency_ms_bucket{service=~"(shop\\\\.web\\\\.http|shop\\\\.web\\\\.web\\\\.http|shop\\\\.web\\\\.pname-http)"}',
    );
    expect(q('ing.response_p99')).toMatch(/ \/ 1000$/);
    expect(q('ing.targets_down')).toBe(
      'count by (address) (kong_upstream_target_health{upstream="web.shop.http.svc",state=~"unhealthy|dns_error"} == 1)',
    );
  });
  it('ingress-nginx keeps its per-Ingress series, scoped to the controller pods', () => {
    const [direct] = layouts('k8s.io/ingress-nginx');
    expect(direct?.probe.promql).toContain('nginx_ingress_controller_requests{');
    expect(direct?.probe.promql).toContain('ingress="web"');
    expect(direct?.probe.promql).toContain('controller_pod=~');
  });
  it('asks nothing of a controller without per-Ingress series or without a profile', () => {
    expect(layouts('nginx.org/ingress-controller')).toEqual([]);
    expect(layouts('example.com/unknown')).toEqual([]);
  });
});
