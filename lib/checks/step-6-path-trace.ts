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
  summaryMessage,
  summarizeProbe,
  type ProbeResult,
  type ProbeRun,
  type ProbeTier,
} from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import { finding, noteEvidence, sourceUnknown, subject } from './finding-builder';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds';
import { msg, type Message } from '@/lib/i18n/message';

const TIER_HOP: Record<ProbeTier, HopKind> = {
  dns: 'dns-cluster',
  service: 'kube-proxy',
  endpoint: 'pods',
  'node-port': 'node',
  ingress: 'ingress-controller',
  gateway: 'gateway',
  control: 'dns-cluster',
};

const tier = (run: ProbeRun, t: ProbeTier) => run.results.filter((r) => r.target.tier === t);
const probed = (r: ProbeResult) => r.attempts.length > 0;
const allAnswered = (rs: ProbeResult[]) =>
  rs.length > 0 && rs.every((r) => probed(r) && r.attempts.every((a) => a.ok));

function evidence(r: ProbeResult, vantage: string) {
  const s = summarizeProbe(r);
  return noteEvidence(
    msg`${r.target.label}, from ${vantage}: ${summaryMessage(s)}${s.p50Ms !== null ? msg` (answered in ${s.p50Ms} ms at the median)` : ''}`,
  );
}

/** "5 of 20" for the failed tries; `fail` when none answered, `warn` when some did. */
function failing(r: ProbeResult): { severity: 'fail' | 'warn'; text: Message } | null {
  const s = summarizeProbe(r);
  if (s.of === 0 || s.ok === s.of) return null;
  return { severity: s.ok === 0 ? 'fail' : 'warn', text: summaryMessage(s) };
}

/** The way in a slow path's time is measured through. */
const THROUGH: Record<'ingress' | 'gateway' | 'node-port' | 'service', Message> = {
  ingress: msg`through the ingress`,
  gateway: msg`through the gateway`,
  'node-port': msg`through the node-port`,
  service: msg`through the VIP`,
};

/** The member of a hop a target is about: `shop/web-1` for `pod/shop/web-1`. */
const memberOf = (r: ProbeResult) => r.target.subject?.replace(/^(pod|node)\//, '');

export function checkPathTrace(
  s: Snapshot,
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): Finding[] {
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
        title: msg`no probe was made from ${run.vantage}${run.results.length === 0 ? msg`: the path has no address to probe` : ''}`,
      }),
    ];

  for (const r of run.results)
    if (r.notProbed)
      out.push(
        finding('TRACE_NOT_PROBED', {
          hop: TIER_HOP[r.target.tier],
          member: r.target.tier === 'endpoint' ? memberOf(r) : undefined,
          severity: 'unknown',
          title: msg`${r.target.label} not probed: ${r.notProbed}`,
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
        title: msg`DNS for ${r.target.name ?? r.target.address}: ${f.text}${vipAnswers ? msg` — while the Service VIP answers: the break is DNS` : ''}`,
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
        title: msg`${r.target.label}: ${f.text} — while every endpoint pod answers directly (${endpoints.length} of ${endpoints.length})`,
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
          title: msg`${r.target.label}: ${f.text} — it accepts connections but does not answer: the app hangs, not the network`,
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
          title: msg`${r.target.label}: ${f.text}`,
          evidence: [evidence(r, run.vantage)],
        }),
      );
  }

  for (const [t, code] of [
    ['node-port', 'TRACE_NODEPORT_FAILING'],
    ['ingress', 'TRACE_INGRESS_FAILING'],
    ['gateway', 'TRACE_GATEWAY_FAILING'],
  ] as const)
    for (const r of tier(run, t)) {
      const f = failing(r);
      if (!f) continue;
      out.push(
        finding(code, {
          hop: TIER_HOP[t],
          member: t === 'node-port' ? memberOf(r) : undefined,
          severity: f.severity,
          title: msg`${r.target.label}: ${f.text}`,
          evidence: [evidence(r, run.vantage)],
        }),
      );
    }
  out.push(...whereTheTimeGoes(run, thresholds.traceSlow.warn * 1000));
  return out;
}

const medianTotal = (rs: ProbeResult[]): number | null =>
  median(rs.flatMap((r) => r.attempts.filter((a) => a.ok).map((a) => a.ms.totalMs)));

/**
 * Slowness, said once, at the hop that holds the time: the way in (Ingress, NodePort or VIP)
 * against the pods answering directly. When the pods alone take (nearly) as long, the time is
 * theirs; when they answer fast, it is added on the way in.
 */
function whereTheTimeGoes(run: ProbeRun, slowMs: number): Finding[] {
  const out: Finding[] = [];
  const dnsMs = medianTotal(tier(run, 'dns'));
  if (dnsMs !== null && dnsMs >= slowMs)
    out.push(
      finding('TRACE_SLOW', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`DNS answers take ${Math.round(dnsMs)} ms at the median`,
        evidence: tier(run, 'dns').map((r) => evidence(r, run.vantage)),
      }),
    );
  const entry = (['ingress', 'gateway', 'node-port', 'service'] as const)
    .map((t) => ({ t, rs: tier(run, t) }))
    .find((x) => x.rs.length > 0);
  const podMs = medianTotal(tier(run, 'endpoint'));
  const entryMs = entry ? medianTotal(entry.rs) : null;
  const slowest = Math.max(entryMs ?? 0, podMs ?? 0);
  if (slowest < slowMs) return out;
  const podsHoldIt = podMs !== null && (entryMs === null || podMs >= entryMs * 0.8);
  const ev = [...(entry?.rs ?? []), ...tier(run, 'endpoint')].map((r) => evidence(r, run.vantage));
  if (podsHoldIt) {
    const firstByte = median(
      tier(run, 'endpoint').flatMap((r) =>
        r.attempts.flatMap((a) =>
          a.ok && a.ms.firstByteMs !== undefined ? [a.ms.firstByteMs] : [],
        ),
      ),
    );
    out.push(
      finding('TRACE_SLOW', {
        hop: 'pods',
        severity: 'warn',
        title: msg`the time goes to the backend pods: they answer in ${Math.round(podMs)} ms directly${entryMs !== null ? msg` of ${Math.round(entryMs)} ms ${THROUGH[entry!.t]}` : ''}${firstByte !== null ? msg`, ${Math.round(firstByte)} ms of it waiting for the first byte` : ''}`,
        evidence: ev,
      }),
    );
  } else
    out.push(
      finding('TRACE_SLOW', {
        hop: TIER_HOP[entry!.t],
        severity: 'warn',
        title: msg`the time is added on the way in: ${Math.round(entryMs!)} ms ${THROUGH[entry!.t]}, ${podMs !== null ? msg`${Math.round(podMs)} ms from the pods directly` : msg`the pods not measured`}`,
        evidence: ev,
      }),
    );
  return out;
}

export const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** The run as a table: every target, its ratio and its phase medians — evidence for an ok too. */
export function traceTable(s: Snapshot): TraceTable | undefined {
  const g = s.probes;
  if (!g || 'issue' in g) return undefined;
  const probedEndpoints = g.value.results.filter((r) => r.target.tier === 'endpoint').length;
  const leftOut = g.value.endpointsLeftOut ?? 0;
  return {
    vantage: g.value.vantage,
    ...(leftOut > 0
      ? {
          sampled: `${probedEndpoints} of ${probedEndpoints + leftOut} endpoints probed`,
          sampledMessage: msg`${probedEndpoints} of ${probedEndpoints + leftOut} endpoints probed`,
        }
      : {}),
    ...(g.value.passedOver?.length ? { passedOver: g.value.passedOver } : {}),
    rows: g.value.results.map((r) => {
      const answered = r.attempts.filter((a) => a.ok);
      const sum = summarizeProbe(r);
      return {
        tier: r.target.tier,
        label: r.target.label,
        ok: sum.ok,
        of: sum.of,
        outcomes: sum.of > 0 ? describeSummary(sum) : 'no try',
        outcomesMessage: sum.of > 0 ? summaryMessage(sum) : msg`no try`,
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
