import { describe, expect, it } from 'vitest';
import { expandSeriesValues, isStale } from './series-notation';

describe('expandSeriesValues', () => {
  it.each([
    ['1 2 3', [1, 2, 3]],
    ['0+10x3', [0, 10, 20, 30]],
    ['10-2x2', [10, 8, 6]],
    ['5x2', [5, 5, 5]],
    ['1 _ 3', [1, undefined, 3]],
    ['_x2 4', [undefined, undefined, 4]],
    ['0+0x2 0+40x1', [0, 0, 0, 0, 40]],
    ['1e3 -1', [1000, -1]],
  ])('expands "%s"', (notation, expected) => {
    expect(expandSeriesValues(notation)).toEqual(expected);
  });

  it('keeps a staleness marker', () => {
    const values = expandSeriesValues('1 stale');
    expect(values).toHaveLength(2);
    expect(isStale(values[1])).toBe(true);
  });

  it('rejects words that are not numbers', () => {
    expect(() => expandSeriesValues('1 two 3')).toThrow(/bad number "two"/);
    expect(() => expandSeriesValues('   ')).toThrow(/no values/);
  });
});
