// A back end shared by clusters: the configured cluster label reaches every query sent.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrometheusClient } from './client';
import { prometheusFor } from './config';
import { words } from '@/lib/i18n/message';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('the cluster label of a shared back end', () => {
  it('is the context name under HOPSCOPE_PROMETHEUS_CLUSTER_LABEL, or the per-context value', () => {
    vi.stubEnv('HOPSCOPE_PROMETHEUS_URL', 'http://thanos:9090');
    vi.stubEnv('HOPSCOPE_PROMETHEUS_CLUSTER_LABEL', 'cluster');
    expect(prometheusFor('prod')?.cluster).toStrictEqual({ label: 'cluster', value: 'prod' });
    vi.stubEnv(
      'HOPSCOPE_PROMETHEUS',
      JSON.stringify({
        eu: { url: 'http://mimir/prometheus', clusterLabel: { label: 'k8s', value: 'eu-1' } },
      }),
    );
    expect(prometheusFor('eu')?.cluster).toStrictEqual({ label: 'k8s', value: 'eu-1' });
    vi.stubEnv('HOPSCOPE_PROMETHEUS_CLUSTER_LABEL', '');
    expect(prometheusFor('prod')?.cluster).toBeUndefined();
  });

  it('is a matcher of every selector sent, and of the query the evidence shows', async () => {
    const sent: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      sent.push(new URL(url).searchParams.get('query') ?? '');
      return new Response(
        JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
      );
    });
    const prom = new PrometheusClient({
      url: 'http://thanos:9090',
      source: 'HOPSCOPE_PROMETHEUS_URL',
      headers: {},
      timeoutMs: 1000,
      cluster: { label: 'cluster', value: 'eu-1' },
    });
    const r = await prom.run(
      {
        id: 'x',
        title: words('x'),
        unit: 'count',
        kind: 'instant',
        promql: 'sum(a{job="x"}) / sum(b{})',
      },
      { start: 0, end: 60, step: 15 },
    );
    expect(sent).toEqual(['sum(a{cluster="eu-1",job="x"}) / sum(b{cluster="eu-1"})']);
    expect('value' in r && r.value.promql).toBe(sent[0]);
  });
});
