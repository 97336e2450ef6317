// One more matcher on every selector of a query: the cluster label of a shared back end (Thanos,
// Mimir) that holds many clusters' series. Every selector is written by `selector()`, always with
// braces, and outside string literals PromQL has braces only around matchers — so each `{`
// outside a string opens one selector's matchers.
import { quote } from './escape';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface ExtraMatcher {
  label: string;
  value: string;
}

export function withMatcher(promql: string, extra: ExtraMatcher | undefined): string {
  if (!extra) return promql;
  if (!LABEL_NAME.test(extra.label)) throw new Error(`bad label name ${extra.label}`);
  const matcher = `${extra.label}=${quote(extra.value)}`;
  let out = '';
  let inString = false;
  for (let i = 0; i < promql.length; i++) {
    const c = promql[i]!;
    out += c;
    if (inString) {
      if (c === '\\') out += promql[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') out += promql[i + 1] === '}' ? matcher : `${matcher},`;
  }
  return out;
}
