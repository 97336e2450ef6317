import { describe, expect, it } from 'vitest';
import type { Gathered, MetricQueryResult } from '@/lib/model/snapshot';
import type { QuerySpec } from '@/lib/promql/queries';
import type { PrometheusClient } from './client';
import { runAll } from './collect-metrics';

const specs: QuerySpec<string>[] = Array.from({ length: 20 }, (_, i) => ({
  id: `q${i}`,
  title: `q${i}`,
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
