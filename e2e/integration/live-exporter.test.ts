// A live demo stays true: the scenario's series go on past load time through a real scrape of a
// small exporter by the test cluster's Prometheus, counters at their rate, last-sync timestamps
// keeping their age, and no series doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exposition, liveSeries, startLiveExporter } from '../harness/live-exporter';
import { loadMetrics } from '../harness/load-metrics';
import { readScenario } from '../harness/scenario';
import { ensureCluster } from '../harness/ensure-cluster';
import { repoRoot, testEnv } from '../harness/test-env';

describe('what the exporter serves', () => {
  const at = 1_796_000_000;
  const metrics = {
    interval: '1m',
    input_series: [
      {
        series: 'node_cpu_seconds_total{instance="worker-1",job="node-exporter"}',
        values: '0+60x10',
      },
      {
        series:
          'kubeproxy_sync_proxy_rules_last_timestamp_seconds{instance="worker-1",job="kube-proxy"}',
        values: `${at - 20}x10`,
      },
      { series: 'node_memory_MemAvailable_bytes{instance="worker-1"}', values: '100 200 300' },
    ],
  };
  it('counters go on at their last rate, a timestamp keeps its age, a gauge its last value', () => {
    const text = exposition(liveSeries(metrics, at), at, at + 120);
    expect(text).toContain('node_cpu_seconds_total{job="node-exporter",instance="worker-1"} 720\n');
    expect(text).toContain(
      `kubeproxy_sync_proxy_rules_last_timestamp_seconds{job="kube-proxy",instance="worker-1"} ${at + 100}\n`,
    );
    // No job of its own: marked, for the scrape config to leave it without one.
    expect(text).toContain(
      'node_memory_MemAvailable_bytes{job="__unset__",instance="worker-1"} 300\n',
    );
  });
});

interface Vector {
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}
async function query(q: string): Promise<Vector['data']['result']> {
  const res = await fetch(`${testEnv.prometheusUrl}/api/v1/query?query=${encodeURIComponent(q)}`);
  return ((await res.json()) as Vector).data.result;
}

describe('scraped by the real Prometheus', () => {
  let close: (() => Promise<void>) | undefined;
  const loadedAt = new Date();
  beforeAll(async () => {
    ensureCluster();
    const scenario = readScenario(`${repoRoot}/e2e/scenarios/healthy`, loadedAt);
    await loadMetrics(scenario.metrics, loadedAt);
    close = (await startLiveExporter(scenario.metrics!, loadedAt)).close;
  }, 120_000);
  afterAll(async () => close?.());

  it('samples after load time continue the same series', { timeout: 90_000 }, async () => {
    const selector = 'node_cpu_seconds_total{instance="worker-1",mode="idle"}';
    const deadline = Date.now() + 60_000;
    let newest = 0;
    while (Date.now() < deadline) {
      const [r] = await query(`timestamp(${selector})`);
      newest = Number(r?.value[1] ?? 0);
      if (newest > loadedAt.getTime() / 1000 + 1) break;
      await new Promise((r2) => setTimeout(r2, 2_000));
    }
    expect(newest).toBeGreaterThan(loadedAt.getTime() / 1000 + 1);
    // One series, not the backfilled one and a scraped twin.
    expect(await query(`count(${selector})`)).toEqual([
      expect.objectContaining({ value: [expect.any(Number), '1'] }),
    ]);
    // The counter went on from its last backfilled value (0+45x1500: 67,500 at load).
    const [value] = await query(selector);
    expect(Number(value?.value[1])).toBeGreaterThanOrEqual(67_500);
  });
});
