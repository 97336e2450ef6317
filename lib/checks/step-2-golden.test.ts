// Step 2 reads the app's own series first; on an Ingress path it then reads what the path's
// ingress controller counts for the backend, by the controller's name of it, and keeps the
// controller's own answers apart from the backend's.
import { describe, expect, it } from 'vitest';
import {
  clusterIpSnapshot,
  gatewaySnapshot,
  NOW,
  servedBy,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { goldenQueries, goldenSource } from './step-2-golden';

const end = Math.floor(NOW.getTime() / 1000);
const window = { start: end - 1800, end, step: 60 };
const candidates = (s: ReturnType<typeof servedBy>) =>
  goldenQueries({ snapshot: s, window }).goldenProfiles;

describe('golden sources of a path', () => {
  it('a ClusterIP path has no controller source: the app, ingress-nginx and the meshes only', () => {
    const profiles = new Set(candidates(clusterIpSnapshot()).map((c) => c.profile));
    expect([...profiles]).toEqual([
      'micrometer',
      'prometheus-client',
      'ingress-nginx',
      'istio',
      'linkerd',
    ]);
  });
  it("Kong: probed last, by every name of its service; rate is the backend's own answers, errors add Kong's 502 and 504", () => {
    const kong = candidates(servedBy('ingress-controllers.konghq.com/kong')).filter(
      (c) => c.profile === 'ingress.kong',
    );
    expect(kong.map((c) => c.layout)).toEqual(['direct', 'exported']);
    const [direct, exported] = kong;
    const names =
      '"(shop\\\\.web\\\\.http|shop\\\\.web\\\\.web\\\\.http|shop\\\\.web\\\\.pname-http)"';
    expect(direct?.probe.promql).toContain(`kong_http_requests_total{service=~${names}}`);
    expect(exported?.probe.promql).toContain(`{exported_service=~${names}}`);
    const q = (id: string) => direct?.queries.find((x) => x.id === id)?.promql;
    expect(q('golden.rate')).toBe(
      `sum(rate(kong_http_requests_total{service=~${names},source="service"}[5m]))`,
    );
    expect(q('golden.errors')).toBe(
      `sum(rate(kong_http_requests_total{service=~${names},source="service",code=~"5.."}[5m]) or ` +
        `rate(kong_http_requests_total{service=~${names},source="kong",code=~"502|504"}[5m])) / ` +
        `sum(rate(kong_http_requests_total{service=~${names}}[5m]))`,
    );
    expect(q('golden.offered')).toBe(`sum(rate(kong_http_requests_total{service=~${names}}[5m]))`);
    // Kong's upstream histogram has no source label: it times only what the backend answered.
    expect(q('golden.p99')).toContain(`kong_upstream_latency_ms_bucket{service=~${names}}`);
  });
  it('HAProxy times nothing per backend: rate and errors only, by its proxy name', () => {
    const s = servedBy('haproxy.org/ingress-controller/haproxy');
    const [haproxy] = candidates(s).filter((c) => c.profile.startsWith('ingress.haproxy'));
    expect(haproxy?.probe.promql).toContain(
      'haproxy_backend_http_responses_total{proxy="shop_svc_web_',
    );
    expect(haproxy?.queries.map((q) => q.id)).toEqual([
      'golden.rate',
      'golden.errors',
      'golden.rate.1d',
      'golden.errors.1d',
      'golden.rate.1h',
      'golden.errors.1h',
    ]);
  });
  it("a Gateway path: the route rule's Envoy cluster, its own 'no healthy upstream' answers apart", () => {
    const [envoy] = candidates(gatewaySnapshot()).filter((c) => c.profile === 'gateway.envoy');
    const cluster = 'envoy_cluster_name="httproute/shop/web/rule/0"';
    expect(envoy?.probe.promql).toContain(`envoy_cluster_upstream_rq_xx{${cluster}}`);
    const q = (id: string) => envoy?.queries.find((x) => x.id === id)?.promql;
    const none = `(sum(rate(envoy_cluster_upstream_cx_none_healthy{${cluster}}[5m])) or vector(0))`;
    expect(q('golden.rate')).toBe(
      `clamp_min(sum(rate(envoy_cluster_upstream_rq_xx{${cluster}}[5m])) - ${none}, 0)`,
    );
    expect(q('golden.errors')).toBe(
      `clamp_min(sum(rate(envoy_cluster_upstream_rq_xx{${cluster},envoy_response_code_class=~"5"}[5m])) - ${none}, 0) / ` +
        `sum(rate(envoy_cluster_upstream_rq_xx{${cluster}}[5m]))`,
    );
    expect(q('golden.offered')).toBe(`sum(rate(envoy_cluster_upstream_rq_xx{${cluster}}[5m]))`);
    expect(q('golden.p99')).toMatch(
      /envoy_cluster_upstream_rq_time_bucket\{envoy_cluster_name="httproute\/shop\/web\/rule\/0"\}.*\/ 1000$/,
    );
  });
  it('the panel names the controller as the source when its series were chosen', () => {
    const s = withMetrics(
      servedBy('traefik.io/ingress-controller'),
      {},
      {
        goldenProfile: 'ingress.traefik',
      },
    );
    expect(goldenSource(s)).toBe(
      'Traefik (traefik_service_requests_total) — the backend as Traefik counts it',
    );
  });
});
