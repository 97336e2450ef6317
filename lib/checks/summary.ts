// The answer: the first hop in path order that fails — the request dies there — followed to
// its cause in one sentence; where nothing fails, the most severe warning; then every finding
// ranked by severity and path order.
import type { DiagnosisSummary, HopResult } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import type { HopKind } from '@/lib/model/hops';
import type { Severity } from '@/lib/model/verdict';
import type { FindingCode } from '@/lib/model/catalogue';

const SEVERITY_RANK: Record<Severity, number> = { fail: 0, warn: 1, unknown: 2, info: 3 };

/** When one hop fails because of another, these codes name the cause best, most specific first. */
const CAUSE_PREFERENCE: FindingCode[] = [
  'LOG_STALL',
  'NODE_RUNTIME_UNHEALTHY',
  'NODE_NETWORK_UNAVAILABLE',
  'NODE_CONNTRACK_NEAR_LIMIT',
  'KUBE_PROXY_RULES_STALE',
  'INGRESS_RELOAD_FAILED',
  'NODE_NOT_READY',
  'POD_IP_DUPLICATE',
  'ENDPOINT_IP_MISMATCH',
  'POD_CRASH_LOOP',
  'POD_OOM_KILLED',
  'POD_IMAGE_PULL_FAILING',
  'POD_CONTAINER_CREATE_ERROR',
  'POD_UNSCHEDULABLE',
  'SVC_TARGET_PORT_MISSING',
  'NETPOL_BLOCKS_CLIENT',
  'POD_READINESS_FAILING',
  'POD_RESTARTING',
  'POD_NOT_READY',
];

export function rankFindings(findings: Finding[], order: HopKind[]): Finding[] {
  const hopIndex = (h: HopKind) => {
    const i = order.indexOf(h);
    return i === -1 ? order.length : i;
  };
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      hopIndex(a.hop) - hopIndex(b.hop) ||
      a.step - b.step,
  );
}

function causeOf(
  primary: Finding,
  findings: Finding[],
  hops: HopResult[],
  answerIndex: number,
): Finding | undefined {
  const behind = new Set(hops.slice(answerIndex).map((h) => h.kind));
  const candidates = findings.filter(
    (f) => f !== primary && behind.has(f.hop) && (f.severity === 'fail' || f.severity === 'warn'),
  );
  for (const code of CAUSE_PREFERENCE) {
    const hit = candidates.find((f) => f.code === code);
    if (hit && hit.code !== primary.code) return hit;
  }
  return undefined;
}

export function summarize(
  hops: HopResult[],
  ranked: Finding[],
  metricsPending = false,
): DiagnosisSummary {
  const failIndex = hops.findIndex((h) => h.verdict === 'fail');
  const warnIndex = hops.findIndex((h) => h.verdict === 'warn');
  const index = failIndex !== -1 ? failIndex : warnIndex;
  if (index === -1) {
    if (metricsPending)
      return {
        verdict: 'unknown',
        hop: null,
        sentence:
          'Nothing has failed in the Kubernetes evidence so far; Prometheus evidence is still loading.',
      };
    const unknown = hops.filter((h) => h.verdict === 'unknown');
    if (unknown.length > 0) {
      return {
        verdict: 'unknown',
        hop: unknown[0]!.kind,
        sentence: `Nothing failed, but ${unknown.length} hop${unknown.length === 1 ? '' : 's'} could not be checked: ${unknown.map((h) => `${h.label} (${h.reason ?? 'no data'})`).join('; ')}.`,
      };
    }
    return {
      verdict: 'ok',
      hop: null,
      sentence: 'Every hop of the path was checked and looks healthy.',
    };
  }
  const hop = hops[index]!;
  const primary =
    ranked.find((f) => f.hop === hop.kind && f.severity === hop.verdict) ??
    ranked.find((f) => f.hop === hop.kind);
  const cause = primary ? causeOf(primary, ranked, hops, index) : undefined;
  const what = primary?.title ?? hop.reason ?? 'see its members';
  const sentence = `${hop.verdict === 'fail' ? 'Fails' : 'Degraded'} at ${hop.label}: ${what}${cause ? ` — because ${cause.title}` : ''}.`;
  return { verdict: hop.verdict, hop: hop.kind, sentence };
}
