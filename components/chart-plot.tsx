'use client';
// The interactive plot of a metric chart (recharts, for the tooltip), loaded only when the SRE
// points at a chart: recharts is the largest library of the page, and the plain SVG
// drawing (chart-svg.tsx) already shows the same picture.
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartData } from '@/lib/model/diagnosis';
import { formatValue } from '@/lib/model/units';
import {
  CHART_COLORS,
  THRESHOLD_COLOR,
  chartLines,
  clock,
  seriesLabel,
  thresholdShown,
  valueTicks,
  valueTop,
} from './chart-svg';
import { useT } from './locale';

export default function ChartPlot({ chart }: { chart: ChartData }) {
  const t = useT();
  const lines = chartLines(chart);
  const times = [...new Set(lines.flatMap((l) => l.points.map((p) => p.t)))].sort((a, b) => a - b);
  const rows = times.map((time) => {
    const row: Record<string, number> = { t: time };
    for (const l of lines) {
      const p = l.points.find((x) => x.t === time);
      if (p) row[l.name] = p.v;
    }
    return row;
  });
  return (
    <div style={{ width: '100%', height: '100%' }}>
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
                value: t('incident window'),
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
            tickFormatter={(v: number) => (v === 0 ? '0' : formatValue(v, chart.unit))}
            width={64}
            fontSize={11}
            domain={[0, valueTop(chart)]}
            ticks={valueTicks(chart)}
          />
          {thresholdShown(chart) ? (
            <ReferenceLine
              y={chart.threshold!.value}
              stroke={THRESHOLD_COLOR}
              strokeDasharray="1 3"
              ifOverflow="extendDomain"
            />
          ) : null}
          <Tooltip
            labelFormatter={(time) => clock(Number(time))}
            formatter={(v) => formatValue(Number(v), chart.unit)}
          />
          {lines.map((l, i) => (
            <Line
              key={l.name}
              dataKey={l.name}
              name={seriesLabel(l.name, t)}
              dot={false}
              isAnimationActive={false}
              strokeWidth={1.5}
              stroke={CHART_COLORS[i % CHART_COLORS.length]}
              strokeDasharray={l.dashed ? '4 3' : undefined}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
