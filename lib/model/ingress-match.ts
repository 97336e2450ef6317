// Which rule of an Ingress serves a host and path, with the API's semantics: exact hosts
// before wildcards (a wildcard covers exactly one DNS label), Exact before Prefix, and the
// longest Prefix by path element. Pure; used by the collector and the checks alike.
import type { IngressBackendRef, IngressInfo, IngressPathRule } from '@/lib/model/snapshot';

export interface IngressMatch {
  ruleHost: string | null;
  rule: IngressPathRule | null;
  backend: IngressBackendRef;
  via: 'rule' | 'default-backend';
}

export function hostMatches(ruleHost: string | undefined, host: string): boolean {
  if (!ruleHost) return true;
  const h = host.toLowerCase();
  const r = ruleHost.toLowerCase();
  if (!r.startsWith('*.')) return r === h;
  const suffix = r.slice(1); // ".example.com"
  if (!h.endsWith(suffix)) return false;
  const head = h.slice(0, -suffix.length);
  return head.length > 0 && !head.includes('.');
}

function elements(p: string): string[] {
  return p.split('/').filter(Boolean);
}

/** Length of the match (for longest-match ordering), or -1 when the rule does not match. */
export function pathMatchLength(rule: IngressPathRule, requestPath: string): number {
  const rulePath = rule.path ?? '/';
  switch (rule.pathType) {
    case 'Exact':
      return rulePath === requestPath ? rulePath.length : -1;
    case 'Prefix': {
      const want = elements(rulePath);
      const have = elements(requestPath);
      if (want.length > have.length) return -1;
      return want.every((el, i) => el === have[i]) ? rulePath.length : -1;
    }
    case 'ImplementationSpecific':
      // Controllers differ; most treat it as a plain string prefix.
      return requestPath.startsWith(rulePath) ? rulePath.length : -1;
  }
}

export function matchIngress(
  ingress: IngressInfo,
  host: string,
  requestPath: string,
): IngressMatch | null {
  const exact = ingress.rules.filter(
    (r) => r.host && !r.host.startsWith('*.') && hostMatches(r.host, host),
  );
  const wildcard = ingress.rules.filter(
    (r) => r.host?.startsWith('*.') && hostMatches(r.host, host),
  );
  const anyHost = ingress.rules.filter((r) => !r.host);
  for (const group of [exact, wildcard, anyHost]) {
    let best: { rule: IngressPathRule; host: string | null; score: number } | null = null;
    for (const r of group) {
      for (const p of r.paths) {
        const len = pathMatchLength(p, requestPath);
        if (len < 0) continue;
        const score = len * 2 + (p.pathType === 'Exact' ? 1 : 0);
        if (!best || score > best.score) best = { rule: p, host: r.host ?? null, score };
      }
    }
    if (best)
      return { ruleHost: best.host, rule: best.rule, backend: best.rule.backend, via: 'rule' };
  }
  if (ingress.defaultBackend)
    return { ruleHost: null, rule: null, backend: ingress.defaultBackend, via: 'default-backend' };
  return null;
}
