import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '@/lib/model/diagnosis';
import { ChartSvg, thresholdShown, timeTicks, valueTicks, valueTop } from './chart-svg';

const start = 1_796_032_800; // a round hour
const chart: ChartData = {
  id: 'golden.rate',
  title: 'request rate',
  unit: 'reqps',
  promql: 'sum(rate(x[5m]))',
  start,
  end: start + 2700,
  windowStart: start + 900,
  windowEnd: start + 2700,
  series: [
    {
      name: 'now',
      points: [
        { t: start, v: 10 },
        { t: start + 1350, v: 20 },
        { t: start + 2700, v: 0 },
      ],
    },
  ],
  baseline: [{ name: 'a day earlier', points: [{ t: start, v: 5 }] }],
};

describe('the plain SVG chart', () => {
  it('puts clock ticks on round minutes, about five across the range', () => {
    expect(timeTicks(start, start + 2700)).toStrictEqual([
      start,
      start + 600,
      start + 1200,
      start + 1800,
      start + 2400,
    ]);
    expect(timeTicks(start + 30, start + 90)).toStrictEqual([start + 60]);
  });

  it('puts round, evenly spaced value ticks from 0 to just above the highest point, or a small span when all is 0', () => {
    expect(valueTicks(chart)).toStrictEqual([0, 10, 20]);
    expect(
      valueTicks({ ...chart, series: [{ name: 'now', points: [{ t: start, v: 23.1 }] }] }),
    ).toStrictEqual([0, 10, 20, 30]);
    expect(
      valueTicks({
        ...chart,
        unit: 'ratio',
        series: [{ name: 'now', points: [{ t: start, v: 0.37 }] }],
        baseline: [],
      }),
    ).toStrictEqual([0, 0.2, 0.4]);
    const flat = { ...chart, unit: 'ratio' as const, series: [], baseline: [] };
    expect(valueTop(flat)).toBe(0.01);
  });

  it("draws the check's threshold when it is near the data, and names the axis's unit", () => {
    const near = { ...chart, threshold: { value: 25, label: 'fail above 25/s' } };
    expect(thresholdShown(near)).toBe(true);
    expect(valueTicks(near).at(-1)).toBeGreaterThanOrEqual(25);
    const svg = renderToStaticMarkup(
      createElement(ChartSvg, { chart: near, height: 160, locale: 'en' as const }),
    );
    expect(svg).toContain('class="chart-threshold"');
    expect(svg).toContain('>requests/s<');
    // A limit far above the series would flatten them: not drawn (the legend still names it).
    const far = { ...chart, threshold: { value: 500, label: 'fail above 500/s' } };
    expect(thresholdShown(far)).toBe(false);
    expect(
      renderToStaticMarkup(
        createElement(ChartSvg, { chart: far, height: 160, locale: 'en' as const }),
      ),
    ).not.toContain('chart-threshold');
  });

  it('draws each series and the dashed baseline inside its box, and shades the incident window', () => {
    const svg = renderToStaticMarkup(
      createElement(ChartSvg, { chart, height: 160, locale: 'en' as const }),
    );
    const lines = [...svg.matchAll(/<polyline[^>]*>/g)].map((m) => m[0]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('stroke-dasharray="4 3"');
    const points = /points="([^"]+)"/
      .exec(lines[0]!)![1]!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    // The first point at the left edge of the plot, the highest the nearest the top, the 0 at the bottom.
    expect(points[0]![0]).toBe(64);
    expect(points[1]![1]).toBeLessThan(points[0]![1]!);
    expect(points[2]![1]).toBe(140);
    expect(svg).toContain('incident window');
    expect(svg).toContain('>10:10<'); // a clock tick (UTC)
    const noWindow = renderToStaticMarkup(
      createElement(ChartSvg, {
        chart: { ...chart, windowStart: start },
        height: 160,
        locale: 'en' as const,
      }),
    );
    expect(noWindow).not.toContain('incident window');
  });
});
