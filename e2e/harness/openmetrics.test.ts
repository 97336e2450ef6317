import { describe, expect, it } from 'vitest';
import { parseDurationSeconds, parseSeriesSelector, toOpenMetrics } from './openmetrics';

describe('parseSeriesSelector', () => {
  it('reads name and quoted labels, escapes included', () => {
    expect(parseSeriesSelector('up{job="a",path="x\\"y"}')).toEqual({
      name: 'up',
      labels: { job: 'a', path: 'x"y' },
    });
    expect(parseSeriesSelector('node_load1')).toEqual({ name: 'node_load1', labels: {} });
  });
  it('rejects broken selectors', () => {
    expect(() => parseSeriesSelector('up{job=a}')).toThrow(/bad labels/);
    expect(() => parseSeriesSelector('1up')).toThrow(/bad series/);
  });
});

describe('toOpenMetrics', () => {
  it('ends each series at the load time in seconds, sorted, with EOF', () => {
    const text = toOpenMetrics(
      [
        { series: 'b_total{x="1"}', values: '1 2' },
        { series: 'a{y="2"}', values: '5 _ 7' },
      ],
      15,
      1000,
    );
    expect(text).toBe(
      [
        'a{y="2"} 5 970',
        'a{y="2"} 7 1000',
        'b_total{x="1"} 1 985',
        'b_total{x="1"} 2 1000',
        '# EOF',
        '',
      ].join('\n'),
    );
  });
  it('parses durations', () => {
    expect(parseDurationSeconds('15s')).toBe(15);
    expect(parseDurationSeconds('2m')).toBe(120);
    expect(() => parseDurationSeconds('soon')).toThrow();
  });
});
