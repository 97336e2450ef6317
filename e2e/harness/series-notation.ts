// Expands the series notation of promtool's rule unit tests ('0+10x5 _ 3 stale') into one
// value per interval. `undefined` is a gap (no sample); NaN marks a staleness marker.

export type SeriesValue = number | undefined;

const STALE = Number.NaN;

function parseNumber(text: string, whole: string): number {
  const value = Number(text);
  if (text.trim() === '' || (Number.isNaN(value) && text !== 'NaN')) {
    throw new Error(`bad number "${text}" in series values "${whole}"`);
  }
  return value;
}

function expandTerm(term: string, whole: string): SeriesValue[] {
  if (term === '_') return [undefined];
  if (term === 'stale') return [STALE];
  const repeat = /^(.*)x(\d+)$/.exec(term);
  if (!repeat) return [parseNumber(term, whole)];
  const [, head = '', timesText = '0'] = repeat;
  const times = Number(timesText);
  if (head === '_') return Array.from({ length: times }, () => undefined);
  // a+bxn and a-bxn: n+1 samples, a, a±b, …; plain 'axn' repeats a n+1 times.
  const step = /^([-+]?[\d.eE]+|[-+]?Inf|NaN)([-+])([\d.eE]+|Inf)$/.exec(head);
  if (!step) {
    const value = parseNumber(head, whole);
    return Array.from({ length: times + 1 }, () => value);
  }
  const [, startText = '', sign = '+', deltaText = ''] = step;
  const start = parseNumber(startText, whole);
  const delta = parseNumber(deltaText, whole) * (sign === '-' ? -1 : 1);
  return Array.from({ length: times + 1 }, (_, i) => start + delta * i);
}

export function expandSeriesValues(values: string): SeriesValue[] {
  const terms = values.trim().split(/\s+/).filter(Boolean);
  if (terms.length === 0) throw new Error('series has no values');
  return terms.flatMap((term) => expandTerm(term, values));
}

export function isStale(value: SeriesValue): boolean {
  return value !== undefined && Number.isNaN(value);
}
