// The picker's matching, pure: by name, namespace/name or host (exact, prefix, substring), by a
// Service's ClusterIP, and when nothing matches, the nearest names ("did you mean web?") — a typo
// at 3 a.m. should not end in "nothing matches".
import type { Target } from './target';

/** A listed target with what matching needs beyond what the browser is sent. */
export interface ListedTarget extends Target {
  clusterIP?: string;
  selector?: Record<string, string>;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
export function isIpLiteral(text: string): boolean {
  return IPV4.test(text) || (text.includes(':') && /^[0-9a-f:]+$/i.test(text));
}

/** Edit distance (insertions, deletions, substitutions), for "did you mean". */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        prev[j]! + 1,
        row[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = row;
  }
  return prev[b.length]!;
}

/** Without what only the server needs. */
export function publicTarget({ clusterIP: _ip, selector: _sel, ...t }: ListedTarget): Target {
  return t;
}

const NEAREST_SHOWN = 5;

export function matchTargets(all: readonly ListedTarget[], q: string, limit = 20): Target[] {
  const text = q.trim().toLowerCase();
  const slash = text.indexOf('/');
  const namespace = slash > 0 ? text.slice(0, slash) : undefined;
  const rest = slash > 0 ? text.slice(slash + 1) : text;
  const scoped = namespace ? all.filter((t) => t.namespace === namespace) : all;
  if (isIpLiteral(rest)) {
    return scoped
      .filter((t) => t.clusterIP === rest)
      .map((t) => ({ ...publicTarget(t), note: `ClusterIP ${rest}` }))
      .slice(0, limit);
  }
  const score = (t: Target) => {
    const name = `${t.namespace}/${t.name}`;
    if (t.name === rest || t.hosts.includes(rest)) return 0;
    if (t.name.startsWith(rest) || t.hosts.some((h) => h.startsWith(rest))) return 1;
    return name.includes(rest) || t.hosts.some((h) => h.includes(rest)) ? 2 : 3;
  };
  const found = scoped
    .filter((t) => score(t) < 3)
    .sort((a, b) => score(a) - score(b) || a.name.localeCompare(b.name));
  if (found.length > 0 || rest.length < 3) return found.slice(0, limit).map(publicTarget);
  // Nothing matches: the nearest names and hosts, within a typo or two of what was typed.
  const allowed = Math.max(1, Math.floor(rest.length / 4));
  const distance = (t: Target) =>
    Math.min(editDistance(rest, t.name), ...t.hosts.map((h) => editDistance(rest, h)));
  return scoped
    .map((t) => ({ t, d: distance(t) }))
    .filter((x) => x.d <= allowed)
    .sort((a, b) => a.d - b.d || a.t.name.localeCompare(b.t.name))
    .slice(0, NEAREST_SHOWN)
    .map(({ t }) => ({ ...publicTarget(t), note: 'did you mean?' }));
}
