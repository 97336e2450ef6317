import { describe, expect, it } from 'vitest';
import type { Gathered, MetricQueryResult } from '@/lib/model/snapshot';
import type { QuerySpec } from '@/lib/promql/queries';
import type { PrometheusClient } from './client';
import type { MetricPlan } from '@/lib/promql/plan';
import { collectMetrics, runAll } from './collect-metrics';
import { words } from '@/lib/i18n/message';

const specs: QuerySpec<string>[] = Array.from({ length: 20 }, (_, i) => ({
  id: `q${i}`,
  title: words(`q${i}`),
  unit: 'count',
  kind: 'range',
  promql: 'up',
}));
const window = { start: 0, end: 1800, step: 15 };

function client(answer: (id: string) => Gathered<MetricQueryResult>) {
  const asked: string[] = [];
  const prom = {
    run: async (spec: QuerySpec<string>) => {
      asked.push(spec.id);
      await new Promise((r) => setTimeout(r, 5));
      return answer(spec.id);
    },
  };
  return { prom: prom as unknown as PrometheusClient, asked };
}

describe('runAll', () => {
  it('stops sending queries once Prometheus is found unreachable; every query still gets its reason', async () => {
    const { prom, asked } = client(() => ({
      issue: {
        source: 'prometheus',
        kind: 'unreachable',
        what: 'x',
        message: 'Prometheus is unreachable',
      },
    }));
    const results = await runAll(prom, specs, window);
    expect(asked.length).toBeLessThanOrEqual(6); // the first wave in flight, nothing after it
    expect(Object.keys(results)).toHaveLength(20);
    expect(results.q19).toEqual({
      issue: {
        source: 'prometheus',
        kind: 'unreachable',
        what: 'run q19',
        message: 'Prometheus is unreachable',
      },
    });
  });

  it('keeps asking after an ordinary query error', async () => {
    const { prom, asked } = client((id) => ({
      issue: { source: 'prometheus', kind: 'bad-response', what: id, message: 'parse error' },
    }));
    await runAll(prom, specs, window);
    expect(asked).toHaveLength(20);
  });
});

describe('collectMetrics with label layouts', () => {
  const spec = (id: string, kind: 'range' | 'instant' = 'range'): QuerySpec => ({
    id: id as QuerySpec['id'],
    title: words(id),
    unit: 'count',
    kind,
    promql: id,
  });
  const plan: MetricPlan = {
    queries: [spec('ing.reload_ok', 'instant')],
    goldenProfiles: [
      {
        profile: 'micrometer',
        layout: 'direct',
        probe: spec('golden.presence.micrometer.direct', 'instant'),
        queries: [spec('golden.rate')],
      },
    ],
    goldenNearest: [spec('golden.nearest.micrometer', 'instant')],
    layoutChoices: [
      {
        source: 'ingress',
        candidates: [
          {
            layout: 'direct',
            probe: spec('ing.presence.direct', 'instant'),
            queries: [spec('ing.5xx')],
          },
          {
            layout: 'exported',
            probe: spec('ing.presence.exported', 'instant'),
            queries: [spec('ing.5xx')],
          },
        ],
        nearest: spec('ing.nearest', 'instant'),
      },
    ],
  };
  const answer =
    (withSeries: string[]) =>
    (id: string): Gathered<MetricQueryResult> => ({
      value: {
        id,
        title: id,
        unit: 'count',
        promql: id,
        kind: 'instant',
        start: 0,
        end: 1800,
        step: 15,
        warnings: [],
        series: withSeries.includes(id) ? [{ labels: {}, points: [{ t: 1800, v: 3 }] }] : [],
      },
    });
  const counted = (prom: PrometheusClient) =>
    Object.assign(prom, { queries: () => 0, samplesLoaded: () => 0 }) as PrometheusClient;

  it('probes the layouts in order and runs the first with series; no look at existing series', async () => {
    const { prom, asked } = client(
      answer(['golden.presence.micrometer.direct', 'ing.presence.exported']),
    );
    const m = await collectMetrics(counted(prom), plan, window);
    expect(m.layouts).toEqual({ ingress: 'exported' });
    expect(m.goldenLayout).toBe('direct');
    expect([...asked].sort()).toEqual(
      [
        'golden.presence.micrometer.direct',
        'golden.rate',
        'ing.5xx',
        'ing.presence.direct',
        'ing.presence.exported',
        'ing.reload_ok',
      ].sort(),
    );
  });

  it('when no layout has series, runs the first layout’s queries and one bounded look', async () => {
    const { prom, asked } = client(answer([]));
    const m = await collectMetrics(counted(prom), plan, window);
    expect(m.layouts).toEqual({ ingress: null });
    expect(m.goldenProfile).toBeNull();
    expect(asked.filter((id) => id.includes('nearest')).sort()).toEqual([
      'golden.nearest.micrometer',
      'ing.nearest',
    ]);
    expect(asked.filter((id) => id === 'ing.5xx')).toHaveLength(1);
    expect(Object.keys(m.results)).toContain('ing.nearest');
  });
});
