// Series in another label layout than expected, or absent: the "no series" findings name the
// exact selectors tried and the nearest series that exist, and one absent series hides no other
// evidence of the same step.
import { describe, expect, it } from 'vitest';
import type { Finding } from '@/lib/model/finding';
import { CATALOGUE } from '@/lib/model/catalogue';
import {
  NOW,
  clusterIpSnapshot,
  ingressSnapshot,
  result,
  withMetrics,
} from '@/lib/testing/snapshot-fixtures';
import { hopVerdict } from '@/lib/testing/diagnosis-cases';
import { diagnose } from './diagnose';
import { nearestSeries } from './metric-coverage';
import { englishOnly } from '@/lib/testing/diagnosis-cases';

const END = Math.floor(NOW.getTime() / 1000);
const query = (id: string, summary: string) => ({
  kind: 'query' as const,
  id,
  promql: `promql_for_${id.replace(/\W/g, '_')}`,
  start: END - 1800,
  end: END,
  step: 60,
  summary,
});
const absent = (f: Finding) => f.code === 'METRICS_SERIES_ABSENT';

/** The controller's requests for shop.example.com are not there; another Ingress's are, exported. */
function ingressWithoutRequestSeries() {
  const empty = (id: 'ing.5xx' | 'ing.4xx' | 'ing.request_p99' | 'ing.response_p99') =>
    result(id, 'ratio', []);
  return withMetrics(
    ingressSnapshot(),
    {
      'ing.presence.direct': result('ing.presence.direct', 'count', [], 'instant'),
      'ing.presence.exported': result('ing.presence.exported', 'count', [], 'instant'),
      'ing.5xx': empty('ing.5xx'),
      'ing.4xx': empty('ing.4xx'),
      'ing.request_p99': empty('ing.request_p99'),
      'ing.response_p99': empty('ing.response_p99'),
      'ing.response_p99.1d': result('ing.response_p99.1d', 'seconds', []),
      'ing.connect_p99': result('ing.connect_p99', 'seconds', []),
      'ing.nearest': result(
        'ing.nearest',
        'count',
        [
          {
            labels: { exported_namespace: 'blog', ingress: 'www', host: 'blog.example.com' },
            values: [40],
          },
          {
            labels: { exported_namespace: 'shop', ingress: 'api', host: 'api.example.com' },
            values: [6],
          },
        ],
        'instant',
      ),
      'ing.reload_ok': result(
        'ing.reload_ok',
        'count',
        [{ labels: { controller_pod: 'ingress-nginx-a' }, values: [0] }],
        'instant',
      ),
      'ing.cert_expiry': result('ing.cert_expiry', 'seconds', [{ values: [2 * 86400] }], 'instant'),
    },
    { layouts: { ingress: null } },
  );
}

describe('ingress request series absent', () => {
  const d = diagnose(ingressWithoutRequestSeries(), NOW);

  it('still reads the reload and certificate evidence of the step', () => {
    expect(
      d.findings
        .filter((f) => f.step === 5)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['INGRESS_CERT_EXPIRING', 'INGRESS_RELOAD_FAILED', 'METRICS_SERIES_ABSENT']);
    expect(hopVerdict(d, 'ingress-controller')).toBe('warn');
  });

  it('names the selectors tried in each layout and the nearest series that exist', () => {
    expect(englishOnly(d.findings.find(absent)!)).toStrictEqual({
      code: 'METRICS_SERIES_ABSENT',
      step: 5,
      hop: 'ingress-controller',
      severity: 'unknown',
      title:
        'tried nginx_ingress_controller_requests{namespace="shop",ingress="web",host="shop.example.com",controller_namespace=~"(ingress-nginx)",controller_pod=~"(ingress-nginx-a)"}, ' +
        'nginx_ingress_controller_requests{exported_namespace="shop",ingress="web",host="shop.example.com",controller_namespace=~"(ingress-nginx)",controller_pod=~"(ingress-nginx-a)"}; ' +
        'series that exist: nginx_ingress_controller_requests{exported_namespace="shop",ingress="api",host="api.example.com"} (6 series), ' +
        'nginx_ingress_controller_requests{exported_namespace="blog",ingress="www",host="blog.example.com"} (40 series): ' +
        'is the ingress controller scraped, and does it serve shop.example.com (a failed reload keeps a new Ingress from going live)?',
      evidence: [
        { kind: 'note', text: 'query ing.5xx returned no series in the window' },
        {
          kind: 'note',
          text: 'tried nginx_ingress_controller_requests{namespace="shop",ingress="web",host="shop.example.com",controller_namespace=~"(ingress-nginx)",controller_pod=~"(ingress-nginx-a)"}',
        },
        {
          kind: 'note',
          text: 'tried nginx_ingress_controller_requests{exported_namespace="shop",ingress="web",host="shop.example.com",controller_namespace=~"(ingress-nginx)",controller_pod=~"(ingress-nginx-a)"}',
        },
        query(
          'ing.nearest',
          'nearest: {exported_namespace="shop",ingress="api",host="api.example.com"} (6 series), ' +
            '{exported_namespace="blog",ingress="www",host="blog.example.com"} (40 series)',
        ),
      ],
      remediation: { text: CATALOGUE.METRICS_SERIES_ABSENT.fix, commands: [] },
    });
  });

  it('says so when the metric has no series at all', () => {
    const s = ingressWithoutRequestSeries();
    s.metrics!.results['ing.nearest'] = result('ing.nearest', 'count', [], 'instant');
    expect(diagnose(s, NOW).findings.find(absent)?.title).toMatch(
      /controller_pod=~"\(ingress-nginx-a\)"\}; nginx_ingress_controller_requests has no series at all: is the ingress/,
    );
  });

  it('Prometheus failing still ends the step with one unavailable finding', () => {
    const s = ingressWithoutRequestSeries();
    s.metrics!.results['ing.5xx'] = {
      issue: { source: 'prometheus', kind: 'timeout', what: 'run ing.5xx', message: 'timed out' },
    };
    const step5 = diagnose(s, NOW).findings.filter((f) => f.step === 5);
    expect(step5.map((f) => f.code)).toEqual(['METRICS_UNAVAILABLE']);
  });
});

describe('golden metrics absent in every profile and layout', () => {
  const s = withMetrics(
    clusterIpSnapshot(),
    {
      'golden.rate': result('golden.rate', 'reqps', []),
      'golden.nearest.micrometer': result('golden.nearest.micrometer', 'count', [], 'instant'),
      'golden.nearest.ingress-nginx': result(
        'golden.nearest.ingress-nginx',
        'count',
        [
          {
            labels: { namespace: 'ingress-nginx', service: 'ingress-nginx-controller-metrics' },
            values: [90],
          },
          { labels: { exported_namespace: 'shop', exported_service: 'web' }, values: [12] },
        ],
        'instant',
      ),
    },
    { goldenProfile: null, goldenLayout: null },
  );
  const f = diagnose(s, NOW).findings.find(absent);

  it('names the first selector tried, how many more, and the nearest existing series', () => {
    expect(f?.title).toBe(
      'no request metrics for shop/web in the window: ' +
        'tried http_server_requests_seconds_count{namespace="shop",pod=~"(web-1|web-2|web-3)"} and 7 more selectors (listed below); ' +
        'series that exist: nginx_ingress_controller_requests{exported_namespace="shop",exported_service="web"} (12 series) ' +
        '— is the app, mesh or ingress controller scraped, and with which labels?',
    );
  });

  it('lists every selector tried, in probe order, exported layouts included', () => {
    expect(
      f?.evidence.filter((e) => e.kind === 'note').map((e) => e.kind === 'note' && e.text),
    ).toEqual([
      'tried http_server_requests_seconds_count{namespace="shop",pod=~"(web-1|web-2|web-3)"}',
      'tried http_server_requests_seconds_count{exported_namespace="shop",exported_pod=~"(web-1|web-2|web-3)"}',
      'tried http_requests_total{namespace="shop",pod=~"(web-1|web-2|web-3)"}',
      'tried http_requests_total{exported_namespace="shop",exported_pod=~"(web-1|web-2|web-3)"}',
      'tried nginx_ingress_controller_requests{namespace="shop",service="web"}',
      'tried nginx_ingress_controller_requests{exported_namespace="shop",exported_service="web"}',
      'tried istio_requests_total{destination_service_namespace="shop",destination_service_name="web",reporter="destination"}',
      'tried response_total{namespace="shop",pod=~"(web-1|web-2|web-3)",direction="inbound"}',
    ]);
  });
});

describe('nearestSeries', () => {
  it('ranks label sets by how many sought values they carry, then by series, and keeps three', () => {
    const r = result(
      'ing.nearest',
      'count',
      [
        { labels: { namespace: 'a', host: 'x' }, values: [100] },
        { labels: { namespace: 'shop', host: 'x' }, values: [1] },
        { labels: { namespace: 'shop', host: 'h' }, values: [2] },
        { labels: { namespace: 'b', host: 'y' }, values: [50] },
      ],
      'instant',
    );
    if (!('value' in r)) throw new Error('fixture');
    expect(nearestSeries(r.value, ['shop', 'h', ''])).toEqual([
      '{namespace="shop",host="h"} (2 series)',
      '{namespace="shop",host="x"} (1 series)',
      '{namespace="a",host="x"} (100 series)',
    ]);
  });
});
