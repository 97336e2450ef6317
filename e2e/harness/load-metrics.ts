// Backfills a scenario's series into the real Prometheus: promtool writes TSDB blocks ending
// at load time straight into a fresh data directory, then Prometheus starts on them.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseDurationSeconds, toOpenMetrics } from './openmetrics';
import type { ScenarioMetrics } from './scenario';
import { clusterScript, testEnv } from './test-env';

const run = promisify(execFile);

export async function loadMetrics(
  metrics: ScenarioMetrics | undefined,
  now = new Date(),
): Promise<{ series: number; samplesFile?: string }> {
  await run('bash', [clusterScript, 'stop-prometheus']);
  rmSync(testEnv.prometheusDataDir, { recursive: true, force: true });
  mkdirSync(testEnv.prometheusDataDir, { recursive: true });
  const series = metrics?.input_series ?? [];
  if (series.length > 0) {
    const interval = parseDurationSeconds(metrics?.interval ?? '1m');
    const text = toOpenMetrics(series, interval, Math.floor(now.getTime() / 1000));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hopscope-series-'));
    const file = path.join(dir, 'series.om');
    writeFileSync(file, text);
    await run(
      'promtool',
      ['tsdb', 'create-blocks-from', 'openmetrics', file, testEnv.prometheusDataDir],
      { maxBuffer: 64 << 20 },
    );
    rmSync(dir, { recursive: true, force: true });
  }
  await run('bash', [clusterScript, 'restart-prometheus']);
  if (metrics?.prometheus === 'down') await run('bash', [clusterScript, 'stop-prometheus']);
  return { series: series.length };
}

interface VectorResponse {
  status: string;
  data: { result: { metric: Record<string, string> }[] };
}

/** Series names of the scenario that Prometheus does not return at load time. */
export async function missingSeries(
  metrics: ScenarioMetrics | undefined,
  windowSeconds = 86_400,
): Promise<string[]> {
  if (metrics?.prometheus === 'down') return [];
  const names = [
    ...new Set((metrics?.input_series ?? []).map((s) => s.series.split('{')[0]?.trim() ?? '')),
  ];
  const missing: string[] = [];
  for (const name of names) {
    const query = `count(last_over_time(${name}[${windowSeconds}s]))`;
    const res = await fetch(
      `${testEnv.prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
    );
    const body = (await res.json()) as VectorResponse;
    if (body.status !== 'success' || body.data.result.length === 0) missing.push(name);
  }
  return missing;
}
