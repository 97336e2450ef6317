import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ChartData } from '@/lib/model/diagnosis';
import { ChartSvg, timeTicks, valueTop } from './chart-svg';

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

  it('tops the value axis 10 % above the highest point, or at a small span when all is 0', () => {
    expect(valueTop(chart)).toBeCloseTo(22);
    const flat = { ...chart, unit: 'ratio' as const, series: [], baseline: [] };
    expect(valueTop(flat)).toBe(0.01);
  });

  it('draws each series and the dashed baseline inside its box, and shades the incident window', () => {
    const svg = renderToStaticMarkup(createElement(ChartSvg, { chart, height: 160 }));
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
      createElement(ChartSvg, { chart: { ...chart, windowStart: start }, height: 160 }),
    );
    expect(noWindow).not.toContain('incident window');
  });
});
