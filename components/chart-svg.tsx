// A metric chart drawn as plain SVG, with no script: what every chart shows first, in the page's
// first paint (and in places without JavaScript). The same picture as the interactive plot —
// value axis from 0, clock ticks, the incident window shaded, the day-earlier baseline dashed —
// without its tooltip, which loads when the SRE points at the chart. No hooks (the server renders
// it too): the reader's language is the `locale` prop.
import type { Locale } from '@/lib/i18n/locale';
import { said, translator, type Translator } from '@/lib/i18n/translate';
import { BASELINE_NAME, type ChartData } from '@/lib/model/diagnosis';
import { formatValue } from '@/lib/model/units';

export const CHART_COLORS = ['#7aa2f7', '#4cc38a', '#f2c14e', '#ff6b6b', '#bb9af7', '#2ac3de'];
/** The threshold's dotted line: the page's fail colour, whatever the theme. */
export const THRESHOLD_COLOR = 'var(--fail)';
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

/** The highest point drawn. */
function dataMax(chart: ChartData): number {
  let max = 0;
  for (const l of chartLines(chart)) for (const p of l.points) if (p.v > max) max = p.v;
  return max;
}

/**
 * Whether the threshold line is drawn: only when it is near the data (within 3× its top), so a
 * limit far above does not flatten the series to the floor; the legend names it either way.
 */
export function thresholdShown(chart: ChartData): boolean {
  const t = chart.threshold;
  return t !== undefined && t.value > 0 && t.value <= Math.max(dataMax(chart), 0) * 3;
}

/** A round step (1, 2, 2.5 or 5 × 10ⁿ) for about three intervals up to `max`. */
function niceStep(max: number): number {
  const raw = max / 3;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * power;
}

/**
 * The value axis: evenly spaced round ticks from 0 to just above the highest point (and the
 * threshold when it is drawn); a small positive span when everything is 0.
 */
export function valueTicks(chart: ChartData): number[] {
  const shown = thresholdShown(chart) ? chart.threshold!.value : 0;
  const max = Math.max(dataMax(chart), shown);
  if (!(max > 0)) return chart.unit === 'ratio' ? [0, 0.005, 0.01] : [0, 0.5, 1];
  const step = niceStep(max);
  const ticks: number[] = [];
  for (let i = 0; ticks.length === 0 || ticks.at(-1)! < max - step * 1e-9; i++)
    ticks.push(+(i * step).toPrecision(12));
  return ticks;
}

/** The top of the value axis: its last tick. */
export function valueTop(chart: ChartData): number {
  return valueTicks(chart).at(-1)!;
}

/** What the value axis measures, printed above it (English: each is its own key, t(AXIS_UNIT[u])). */
export const AXIS_UNIT: Record<ChartData['unit'], string> = {
  ratio: '%',
  seconds: 'time',
  reqps: 'requests/s',
  count: 'count',
  bytes: 'MiB',
  timestamp: 'time',
};

/** Clock ticks at round minutes: about five across the range. */
export function timeTicks(start: number, end: number): number[] {
  const span = Math.max(end - start, 60);
  const steps = [60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];
  const step = steps.find((s) => span / s <= 6) ?? 86400;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end; t += step) ticks.push(t);
  return ticks;
}

export function ChartSvg({
  chart,
  height,
  locale,
}: {
  chart: ChartData;
  height: number;
  locale: Locale;
}) {
  const t = translator(locale);
  const top = valueTop(chart);
  const span = Math.max(chart.end - chart.start, 1);
  const x = (time: number) => LEFT + ((time - chart.start) / span) * (WIDTH - LEFT - RIGHT);
  const y = (v: number) => TOP + (1 - Math.min(v, top) / top) * (height - TOP - BOTTOM);
  const lines = chartLines(chart);
  return (
    <svg
      className="chart-svg"
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      height="100%"
      role="img"
      aria-label={t('{0}: {1} series', said(t, chart.title, chart.titleMessage), lines.length)}
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
            {t('incident window')}
          </text>
        </g>
      ) : null}
      <text x={4} y={height - 5} fontSize={10} fill="currentColor" className="chart-unit">
        {t(AXIS_UNIT[chart.unit])}
      </text>
      {valueTicks(chart).map((v) => (
        <g key={v}>
          <line
            x1={LEFT}
            x2={WIDTH - RIGHT}
            y1={y(v)}
            y2={y(v)}
            stroke="currentColor"
            strokeOpacity={0.15}
          />
          <text x={LEFT - 4} y={y(v) + 4} fontSize={11} textAnchor="end" fill="currentColor">
            {v === 0 ? '0' : formatValue(v, chart.unit)}
          </text>
        </g>
      ))}
      {thresholdShown(chart) ? (
        <line
          className="chart-threshold"
          x1={LEFT}
          x2={WIDTH - RIGHT}
          y1={y(chart.threshold!.value)}
          y2={y(chart.threshold!.value)}
          stroke={THRESHOLD_COLOR}
          strokeWidth={1}
          strokeDasharray="1 3"
          vectorEffect="non-scaling-stroke"
        />
      ) : null}
      {timeTicks(chart.start, chart.end).map((tick) => (
        <text
          key={tick}
          x={x(tick)}
          y={height - 5}
          fontSize={11}
          textAnchor="middle"
          fill="currentColor"
        >
          {clock(tick)}
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

/** A series' name as the legend and the tooltip say it: a pod or instance as it is, the words around it translated. */
export function seriesLabel(name: string, t: Translator): string {
  if (name === 'now') return t('now');
  if (name === BASELINE_NAME) return t('same window, 1 day earlier');
  if (name.endsWith(`, ${BASELINE_NAME}`))
    return t('{0}, same window, 1 day earlier', name.slice(0, -BASELINE_NAME.length - 2));
  return name;
}
