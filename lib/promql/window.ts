// The time range of a diagnosis's queries: the incident window (ending now, or at the incident
// time the path names) and the step of its range queries.
import type { AccessPath } from '@/lib/model/path';

export interface MetricWindow {
  /** Unix seconds. */
  start: number;
  end: number;
  step: number;
}

/** Keeps a range query far under Prometheus's 11,000 points per series. */
export function chooseStep(rangeSeconds: number): number {
  const target = rangeSeconds / 250;
  const nice = [15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return nice.find((s) => s >= target) ?? Math.ceil(target);
}

export function metricWindow(path: AccessPath, now: Date): MetricWindow {
  const end = Math.floor((path.window.end ? Date.parse(path.window.end) : now.getTime()) / 1000);
  const start = end - path.window.minutes * 60;
  return { start, end, step: chooseStep(end - start) };
}

/** The window as a PromQL range (`1800s`), for `increase(…[range])` over the whole window. */
export function windowRange(window: MetricWindow): string {
  return `${window.end - window.start}s`;
}

/**
 * The range the range queries fetch: half a window more before the incident, so charts show
 * what normal looked like; checks judge only the window itself.
 */
export function withContext(window: MetricWindow): MetricWindow {
  const length = window.end - window.start;
  return {
    start: window.start - Math.round(length / 2),
    end: window.end,
    step: chooseStep(Math.round(length * 1.5)),
  };
}
