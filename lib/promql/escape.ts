// Label values in PromQL are string literals: quoting them JSON-style keeps any input one
// literal (a value like `x"} or vector(1)` cannot close the selector). Values for `=~` are
// RE2 patterns: their metacharacters are escaped before quoting.

export function quote(value: string): string {
  return JSON.stringify(value);
}

export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** A quoted `=~` pattern matching exactly one of the values. */
export function anyOf(values: readonly string[], suffix = ''): string {
  const alternatives = [...new Set(values)].map(escapeRegex);
  if (alternatives.length === 0) throw new Error('anyOf needs at least one value');
  return quote(`(${alternatives.join('|')})${suffix}`);
}

export type Matcher = readonly [label: string, op: '=' | '!=' | '=~' | '!~', value: string];

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A selector `name{l="v", …}`; `=~` values must already be patterns (use anyOf). */
export function selector(metric: string, matchers: readonly Matcher[]): string {
  if (!METRIC_NAME.test(metric)) throw new Error(`bad metric name ${metric}`);
  const parts = matchers.map(([label, op, value]) => {
    if (!LABEL_NAME.test(label)) throw new Error(`bad label name ${label}`);
    return `${label}${op}${op === '=~' || op === '!~' ? value : quote(value)}`;
  });
  // Always with braces, even empty: `withMatcher` (scope.ts) finds every selector by them.
  return `${metric}{${parts.join(',')}}`;
}

/** A `by (a, b)` clause; every name is checked to be a label name. */
export function groupBy(labels: readonly string[]): string {
  for (const l of labels) if (!LABEL_NAME.test(l)) throw new Error(`bad label name ${l}`);
  return `by (${[...new Set(labels)].join(', ')})`;
}
