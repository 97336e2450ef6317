// Step 6 — the path trace: the probes of one run judged tier by tier, the way the "Debug
// Services" walk isolates a break. DNS fails but the VIP answers → DNS; the VIP fails but every
// pod answers → kube-proxy or the Service's port mapping; one pod resets a share of connections →
// that pod (its IP a subject, so step 1's duplicate-IP evidence joins it); a pod that connects but
// never answers → the app, not the network. Pure over the snapshot.
import type { TraceTable } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import type { HopKind } from '@/lib/model/hops';
import {
  describeSummary,
  summarizeProbe,
  type ProbeResult,
  type ProbeRun,
  type ProbeTier,
} from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { finding, sourceUnknown, subject } from './finding-builder';

const TIER_HOP: Record<ProbeTier, HopKind> = {
  dns: 'dns-cluster',
  service: 'kube-proxy',
  endpoint: 'pods',
  'node-port': 'node',
  ingress: 'ingress-controller',
  control: 'dns-cluster',
};

const tier = (run: ProbeRun, t: ProbeTier) => run.results.filter((r) => r.target.tier === t);
const probed = (r: ProbeResult) => r.attempts.length > 0;
const allAnswered = (rs: ProbeResult[]) =>
  rs.length > 0 && rs.every((r) => probed(r) && r.attempts.every((a) => a.ok));

function evidence(r: ProbeResult, vantage: string) {
  const s = summarizeProbe(r);
  return {
    kind: 'note' as const,
    text: `${r.target.label}, from ${vantage}: ${describeSummary(s)}${s.p50Ms !== null ? ` (answered in ${s.p50Ms} ms at the median)` : ''}`,
  };
}

/** "5 of 20" for the failed tries; `fail` when none answered, `warn` when some did. */
function failing(r: ProbeResult): { severity: 'fail' | 'warn'; text: string } | null {
  const s = summarizeProbe(r);
  if (s.of === 0 || s.ok === s.of) return null;
  return { severity: s.ok === 0 ? 'fail' : 'warn', text: describeSummary(s) };
}

/** The member of a hop a target is about: `shop/web-1` for `pod/shop/web-1`. */
const memberOf = (r: ProbeResult) => r.target.subject?.replace(/^(pod|node)\//, '');

export function checkPathTrace(s: Snapshot): Finding[] {
  const gathered = s.probes;
  if (!gathered) return [];
  if ('issue' in gathered) return [sourceUnknown(6, 'pods', gathered.issue)];
  const run = gathered.value;
  const out: Finding[] = [];
  // A run without a single try says nothing: never an ok step.
  if (!run.results.some(probed))
    return [
      finding('TRACE_NOT_PROBED', {
        hop: 'pods',
        severity: 'unknown',
        title: `no probe was made from ${run.vantage}${run.results.length === 0 ? ': the path has no address to probe' : ''}`,
      }),
    ];

  for (const r of run.results)
    if (r.notProbed)
      out.push(
        finding('TRACE_NOT_PROBED', {
          hop: TIER_HOP[r.target.tier],
          member: r.target.tier === 'endpoint' ? memberOf(r) : undefined,
          severity: 'unknown',
          title: `${r.target.label} not probed: ${r.notProbed}`,
          evidence: probed(r) ? [evidence(r, run.vantage)] : [],
        }),
      );

  const vipAnswers = allAnswered(tier(run, 'service'));
  for (const r of tier(run, 'dns')) {
    const f = failing(r);
    if (!f) continue;
    out.push(
      finding('TRACE_DNS_FAILING', {
        hop: 'dns-cluster',
        severity: f.severity,
        title: `DNS for ${r.target.name}: ${f.text}${vipAnswers ? ' — while the Service VIP answers: the break is DNS' : ''}`,
        evidence: [evidence(r, run.vantage)],
      }),
    );
  }

  const endpoints = tier(run, 'endpoint');
  const podsAnswer = allAnswered(endpoints);
  for (const r of tier(run, 'service')) {
    const f = failing(r);
    // A VIP that fails because its pods fail is said at the pods, below.
    if (!f || !podsAnswer) continue;
    out.push(
      finding('TRACE_VIP_FAILING_PODS_ANSWER', {
        hop: 'kube-proxy',
        severity: f.severity,
        title: `${r.target.label}: ${f.text} — while every endpoint pod answers directly (${endpoints.length} of ${endpoints.length})`,
        evidence: [evidence(r, run.vantage), ...endpoints.map((e) => evidence(e, run.vantage))],
      }),
    );
  }

  for (const r of endpoints) {
    const f = failing(r);
    if (!f) continue;
    const hung = r.attempts.filter((a) => a.outcome === 'no-first-byte').length;
    const member = memberOf(r);
    const subjects = [subject.ip(r.target.address)];
    if (hung > 0 && hung === r.attempts.filter((a) => !a.ok).length)
      out.push(
        finding('TRACE_NO_FIRST_BYTE', {
          hop: 'pods',
          member,
          subjects,
          severity: f.severity,
          title: `${r.target.label}: ${f.text} — it accepts connections but does not answer: the app hangs, not the network`,
          evidence: [evidence(r, run.vantage)],
        }),
      );
    else
      out.push(
        finding('TRACE_ENDPOINT_FAILING', {
          hop: 'pods',
          member,
          subjects,
          severity: f.severity,
          title: `${r.target.label}: ${f.text}`,
          evidence: [evidence(r, run.vantage)],
        }),
      );
  }

  for (const [t, code] of [
    ['node-port', 'TRACE_NODEPORT_FAILING'],
    ['ingress', 'TRACE_INGRESS_FAILING'],
  ] as const)
    for (const r of tier(run, t)) {
      const f = failing(r);
      if (!f) continue;
      out.push(
        finding(code, {
          hop: TIER_HOP[t],
          member: t === 'node-port' ? memberOf(r) : undefined,
          severity: f.severity,
          title: `${r.target.label}: ${f.text}`,
          evidence: [evidence(r, run.vantage)],
        }),
      );
    }
  return out;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The run as a table: every target, its ratio and its phase medians — evidence for an ok too. */
export function traceTable(s: Snapshot): TraceTable | undefined {
  const g = s.probes;
  if (!g || 'issue' in g) return undefined;
  return {
    vantage: g.value.vantage,
    rows: g.value.results.map((r) => {
      const answered = r.attempts.filter((a) => a.ok);
      const sum = summarizeProbe(r);
      return {
        tier: r.target.tier,
        label: r.target.label,
        ok: sum.ok,
        of: sum.of,
        outcomes: sum.of > 0 ? describeSummary(sum) : 'no try',
        connectMs: median(
          answered.flatMap((a) => (a.ms.connectMs !== undefined ? [a.ms.connectMs] : [])),
        ),
        firstByteMs: median(
          answered.flatMap((a) => (a.ms.firstByteMs !== undefined ? [a.ms.firstByteMs] : [])),
        ),
        totalMs: median(answered.map((a) => a.ms.totalMs)),
        ...(r.notProbed ? { notProbed: r.notProbed } : {}),
      };
    }),
  };
}
