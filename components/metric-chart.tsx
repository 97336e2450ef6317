'use client';
// The one place recharts is used: a metric series with the incident window shaded (and half a
// window of what came before), the same window a day earlier dashed, the PromQL one click away.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartData } from '@/lib/model/diagnosis';
import { formatValue } from '@/lib/model/units';
import { CopyButton } from './copy-button';

const COLORS = ['#7aa2f7', '#4cc38a', '#f2c14e', '#ff6b6b', '#bb9af7', '#2ac3de'];

function clock(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 16);
}

export function MetricChart({
  chart,
  prometheusUrl,
}: {
  chart: ChartData;
  prometheusUrl?: string;
}) {
  const lines = [
    ...chart.series.map((s) => ({ ...s, dashed: false })),
    ...(chart.baseline ?? []).map((s) => ({ ...s, dashed: true })),
  ].slice(0, 8);
  const times = [...new Set(lines.flatMap((l) => l.points.map((p) => p.t)))].sort((a, b) => a - b);
  const rows = times.map((t) => {
    const row: Record<string, number> = { t };
    for (const l of lines) {
      const p = l.points.find((x) => x.t === t);
      if (p) row[l.name] = p.v;
    }
    return row;
  });
  const graph = new URLSearchParams({
    'g0.expr': chart.promql,
    'g0.tab': '0',
    'g0.range_input': `${chart.end - chart.start}s`,
    'g0.end_input': new Date(chart.end * 1000).toISOString(),
  });
  const link = prometheusUrl ? `${prometheusUrl}/graph?${graph}` : undefined;
  return (
    <figure className="chart" aria-label={`chart: ${chart.title}`}>
      <figcaption>
        {chart.title}{' '}
        {link ? (
          <a href={link} target="_blank" rel="noreferrer">
            open in Prometheus ↗
          </a>
        ) : null}
      </figcaption>
      <div style={{ width: '100%', height: 160 }}>
        <ResponsiveContainer>
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeOpacity={0.15} />
            {chart.windowStart > chart.start ? (
              <ReferenceArea
                x1={chart.windowStart}
                x2={chart.windowEnd}
                fill="currentColor"
                fillOpacity={0.07}
                ifOverflow="visible"
                label={{
                  value: 'incident window',
                  position: 'insideTopLeft',
                  fontSize: 10,
                  fill: 'currentColor',
                }}
              />
            ) : null}
            <XAxis
              dataKey="t"
              type="number"
              domain={[chart.start, chart.end]}
              tickFormatter={clock}
              fontSize={11}
            />
            <YAxis
              tickFormatter={(v: number) => formatValue(v, chart.unit)}
              width={64}
              fontSize={11}
              domain={[
                0,
                (max: number) => (max > 0 ? max * 1.1 : chart.unit === 'ratio' ? 0.01 : 1),
              ]}
            />
            <Tooltip
              labelFormatter={(t) => clock(Number(t))}
              formatter={(v) => formatValue(Number(v), chart.unit)}
            />
            {lines.map((l, i) => (
              <Line
                key={l.name}
                dataKey={l.name}
                dot={false}
                isAnimationActive={false}
                strokeWidth={1.5}
                stroke={COLORS[i % COLORS.length]}
                strokeDasharray={l.dashed ? '4 3' : undefined}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details>
        <summary>PromQL</summary>
        <code className="mono">{chart.promql}</code>{' '}
        <CopyButton text={chart.promql} label={`Copy PromQL: ${chart.title}`} />
      </details>
    </figure>
  );
}
