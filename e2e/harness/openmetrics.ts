// Turns scenario series into the OpenMetrics text that `promtool tsdb create-blocks-from
// openmetrics` reads: Unix seconds, every series sorted by time, one metric family together,
// and the closing `# EOF`. The last sample of each series lands at `endSeconds`.
import { expandSeriesValues, isStale } from './series-notation';

export interface InputSeries {
  series: string;
  values: string;
}

export interface ParsedSelector {
  name: string;
  labels: Record<string, string>;
}

export function parseSeriesSelector(text: string): ParsedSelector {
  const match = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?:\{(.*)\})?\s*$/s.exec(text);
  if (!match) throw new Error(`bad series "${text}"`);
  const [, name = '', body = ''] = match;
  const labels: Record<string, string> = {};
  const labelPattern = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:,|$)/gy;
  let consumed = 0;
  for (let m = labelPattern.exec(body); m; m = labelPattern.exec(body)) {
    const [all, key = '', raw = ''] = m;
    labels[key] = JSON.parse(`"${raw}"`) as string;
    consumed += all.length;
  }
  if (consumed !== body.length) throw new Error(`bad labels in series "${text}"`);
  return { name, labels };
}

function formatLabels(labels: Record<string, string>): string {
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '';
  return `{${keys.map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',')}}`;
}

export function toOpenMetrics(
  input: InputSeries[],
  intervalSeconds: number,
  endSeconds: number,
): string {
  const byFamily = new Map<string, string[]>();
  for (const { series, values } of input) {
    const { name, labels } = parseSeriesSelector(series);
    const samples = expandSeriesValues(values);
    const lines = byFamily.get(name) ?? [];
    samples.forEach((value, i) => {
      if (value === undefined || isStale(value)) return;
      const t = endSeconds - (samples.length - 1 - i) * intervalSeconds;
      lines.push(`${name}${formatLabels(labels)} ${value} ${t}`);
    });
    byFamily.set(name, lines);
  }
  const out: string[] = [];
  for (const name of [...byFamily.keys()].sort()) out.push(...(byFamily.get(name) ?? []));
  out.push('# EOF');
  return `${out.join('\n')}\n`;
}

export function parseDurationSeconds(text: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`bad duration "${text}" (use e.g. 15s, 1m)`);
  const scale = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 } as const;
  return Number(match[1]) * scale[match[2] as keyof typeof scale];
}
