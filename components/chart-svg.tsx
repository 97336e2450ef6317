// A metric chart drawn as plain SVG, with no script: what every chart shows first, in the page's
// first paint (and in places without JavaScript). The same picture as the interactive plot —
// value axis from 0, clock ticks, the incident window shaded, the day-earlier baseline dashed —
// without its tooltip, which loads when the SRE points at the chart.
import type { ChartData } from '@/lib/model/diagnosis';
import { formatValue } from '@/lib/model/units';

export const CHART_COLORS = ['#7aa2f7', '#4cc38a', '#f2c14e', '#ff6b6b', '#bb9af7', '#2ac3de'];
/** The drawing's width in its own units; the box keeps this aspect ratio, so text scales evenly. */
export const CHART_WIDTH = 400;
const WIDTH = CHART_WIDTH;
const LEFT = 64;
const RIGHT = 8;
const TOP = 6;
const BOTTOM = 20;

export function clock(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 16);
}

/** The series to draw, the baseline after them, at most eight (as the interactive plot). */
export function chartLines(chart: ChartData) {
  return [
    ...chart.series.map((s) => ({ ...s, dashed: false })),
    ...(chart.baseline ?? []).map((s) => ({ ...s, dashed: true })),
  ].slice(0, 8);
}

/** The top of the value axis: 10 % above the highest point, or a small positive span when flat at 0. */
export function valueTop(chart: ChartData): number {
  let max = 0;
  for (const l of chartLines(chart)) for (const p of l.points) if (p.v > max) max = p.v;
  return max > 0 ? max * 1.1 : chart.unit === 'ratio' ? 0.01 : 1;
}

/** Clock ticks at round minutes: about five across the range. */
export function timeTicks(start: number, end: number): number[] {
  const span = Math.max(end - start, 60);
  const steps = [60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
  const step = steps.find((s) => span / s <= 6) ?? 86400;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

export function ChartSvg({ chart, height }: { chart: ChartData; height: number }) {
  const top = valueTop(chart);
  const span = Math.max(chart.end - chart.start, 1);
  const x = (t: number) => LEFT + ((t - chart.start) / span) * (WIDTH - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - Math.min(v, top) / top) * (height - TOP - BOTTOM);
  const lines = chartLines(chart);
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      height="100%"
      role="img"
      aria-label={`${chart.title}: ${lines.length} series`}
    >
      {chart.windowStart > chart.start ? (
        <g>
          <rect
            x={x(chart.windowStart)}
            y={TOP}
            width={x(chart.windowEnd) - x(chart.windowStart)}
            height={height - TOP - BOTTOM}
            fill="currentColor"
            fillOpacity={0.07}
          />
          <text x={x(chart.windowStart) + 4} y={TOP + 10} fontSize={10} fill="currentColor">
            incident window
          </text>
        </g>
      ) : null}
      {[0, 0.5, 1].map((f) => (
        <g key={f}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(top * f)}
            y2={y(top * f)}
            stroke="currentColor"
            strokeOpacity={0.15}
          />
          <text x={LEFT - 4} y={y(top * f) + 4} fontSize={11} textAnchor="end" fill="currentColor">
            {formatValue(top * f, chart.unit)}
          </text>
        </g>
      ))}
      {timeTicks(chart.start, chart.end).map((t) => (
        <text key={t} x={x(t)} y={height - 5} fontSize={11} textAnchor="middle" fill="currentColor">
          {clock(t)}
        </text>
      ))}
      {lines.map((l, i) => (
        <polyline
          key={`${l.name}-${l.dashed}`}
          className="chart-line"
          data-series={l.name}
          points={l.points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ')}
          fill="none"
          stroke={CHART_COLORS[i % CHART_COLORS.length]}
          strokeWidth={1.5}
          strokeDasharray={l.dashed ? '4 3' : undefined}
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
