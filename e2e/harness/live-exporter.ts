// Keeps a loaded scenario's series going after load, for a live demo left open: a small exporter
// serves each series' current value, and the test cluster's Prometheus scrapes it (a real scrape,
// honour_labels, through the file_sd targets file cluster.sh's config names). Without it every
// series ends at load time and the demo drifts to "stale" within minutes.
//   counters (…_total, _count, _sum, _bucket, node_netstat_…) go on at their last rate;
//   gauges that hold a recent Unix time (a last-sync timestamp) keep their age;
//   other gauges keep their last value.
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { parseDurationSeconds, parseSeriesSelector } from './openmetrics';
import type { ScenarioMetrics } from './scenario';
import { expandSeriesValues, isStale } from './series-notation';
import { clusterDir } from './test-env';

/** The file_sd file the test cluster's Prometheus reads its scrape targets from. */
export const EXPORTER_TARGETS = path.join(clusterDir, 'exporter-targets.json');

const COUNTER = /(_total|_count|_sum|_bucket)$|^node_netstat_/;
const UNSET = '__unset__';
const DAY = 86_400;

export interface LiveSeries {
  name: string;
  labels: Record<string, string>;
  /** Value at load time, and how it moves per second after. */
  value: number;
  perSecond: number;
  /** A gauge holding a Unix time: it advances with the clock (its age stays the same). */
  clock: boolean;
}

/** Each series' last sample at load time and how it goes on. */
export function liveSeries(metrics: ScenarioMetrics, loadedAt: number): LiveSeries[] {
  const interval = parseDurationSeconds(metrics.interval ?? '1m');
  return metrics.input_series.flatMap(({ series, values }) => {
    const { name, labels } = parseSeriesSelector(series);
    const samples = expandSeriesValues(values).filter(
      (v): v is number => v !== undefined && !isStale(v),
    );
    const last = samples.at(-1);
    if (last === undefined) return [];
    const before = samples.at(-2) ?? last;
    const clock = !COUNTER.test(name) && last > loadedAt - 60 * DAY && last < loadedAt + DAY;
    const perSecond = COUNTER.test(name) ? Math.max(0, last - before) / interval : 0;
    return [{ name, labels, value: last, perSecond, clock }];
  });
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The exposition at `now` (Unix seconds). */
export function exposition(series: LiveSeries[], loadedAt: number, now: number): string {
  const elapsed = Math.max(0, now - loadedAt);
  return (
    series
      .map((s) => {
        // Without its own job and instance a scraped series would take the exporter's: the
        // scrape config's relabelling turns this marker back into no label.
        const labels = Object.entries({ job: UNSET, instance: UNSET, ...s.labels })
          .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
          .join(',');
        const value = s.clock ? s.value + elapsed : s.value + s.perSecond * elapsed;
        return `${s.name}${labels ? `{${labels}}` : ''} ${value}`;
      })
      .join('\n') + '\n'
  );
}

export async function startLiveExporter(
  metrics: ScenarioMetrics,
  loadedAt: Date,
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const at = Math.floor(loadedAt.getTime() / 1000);
  const series = liveSeries(metrics, at);
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(exposition(series, at, Date.now() / 1000));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as { port: number };
  writeFileSync(EXPORTER_TARGETS, JSON.stringify([{ targets: [`127.0.0.1:${bound}`] }]));
  return {
    url: `http://127.0.0.1:${bound}/metrics`,
    close: async () => {
      writeFileSync(EXPORTER_TARGETS, '[]');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
