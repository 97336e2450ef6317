// The answer: the first hop in path order that fails — the request dies there — followed to
// its cause in one sentence; where nothing fails, the most severe warning; then every finding
// ranked by severity and path order. A cause is named only when it is about the same objects as
// the answer's own evidence (the not-ready endpoints are the pods on that node); other failures
// are "also failing", never a cause.
import type { DiagnosisSummary, HopResult } from '@/lib/model/diagnosis';
import type { Finding } from '@/lib/model/finding';
import type { HopKind } from '@/lib/model/hops';
import type { Severity, Verdict } from '@/lib/model/verdict';
import type { FindingCode } from '@/lib/model/catalogue';
import { bare, english, joinMessages, msg, words, type Message } from '@/lib/i18n/message';

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
  // A symptom of the backend: the cause of the controller's 5xx, after every decisive fact.
  'GOLDEN_ERROR_RATIO_HIGH',
];

/** Node states that take every pod on the node down with them: a shared node is link enough. */
const NODE_WIDE: ReadonlySet<FindingCode> = new Set([
  'NODE_NOT_READY',
  'NODE_RUNTIME_UNHEALTHY',
  'NODE_NETWORK_UNAVAILABLE',
]);

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

/** Whether two findings are about a common object. */
function linked(a: Finding, b: Finding): boolean {
  const mine = new Set(a.subjects ?? []);
  return (b.subjects ?? []).some((x) => mine.has(x));
}

/**
 * Whether `cause` can explain `effect`: they are about the same pod or address, or the cause is
 * a node state that takes down every pod on a node the effect is about (a busy conntrack table on
 * the same node does not make a pod crash).
 */
function causallyLinked(effect: Finding, cause: Finding): boolean {
  const mine = new Set(effect.subjects ?? []);
  return (cause.subjects ?? []).some(
    (x) => mine.has(x) && (!x.startsWith('node/') || NODE_WIDE.has(cause.code)),
  );
}

function causeOf(primary: Finding, findings: Finding[]): Finding | undefined {
  // Any hop may hold the cause (on a NodePort path the node comes before the endpoints); the
  // link to the answer's own objects is what counts.
  const candidates = findings.filter(
    (f) =>
      f !== primary &&
      (f.severity === 'fail' || f.severity === 'warn') &&
      causallyLinked(primary, f),
  );
  for (const code of CAUSE_PREFERENCE) {
    const hit = candidates.find((f) => f.code === code);
    if (hit && hit.code !== primary.code) return hit;
  }
  return undefined;
}

/** Failures elsewhere that are not the answer's cause: named, never as a "because". */
function alsoFailing(
  ranked: Finding[],
  named: (Finding | undefined)[],
  answerHop: HopKind,
): Message[] {
  const said = named.filter((f): f is Finding => f !== undefined);
  // What the answer or its cause already tells (the same node, the same pod) is not repeated.
  const others = ranked.filter(
    (f) =>
      f.severity === 'fail' &&
      f.hop !== answerHop &&
      !said.includes(f) &&
      !said.some((g) => g.code === f.code || linked(g, f)),
  );
  // One line per code, the most decisive kinds first (the order causes are chosen in).
  const preference = (f: Finding) => {
    const i = CAUSE_PREFERENCE.indexOf(f.code);
    return i === -1 ? CAUSE_PREFERENCE.length : i;
  };
  const chosen: Finding[] = [];
  for (const f of [...others].sort((a, b) => preference(a) - preference(b))) {
    // A finding about what a chosen line already names (its node, its pod) adds nothing.
    if (chosen.some((g) => g.code === f.code || linked(g, f))) continue;
    chosen.push(f);
  }
  const lines = chosen.slice(0, ALSO_FAILING_SHOWN).map((f) => bare(titleOf(f)));
  const more = chosen.length - lines.length;
  return more > 0 ? [...lines, msg`${more} more`] : lines;
}

const ALSO_FAILING_SHOWN = 2;

/** A finding's title as a message (findings built outside the builder carry English only). */
const titleOf = (f: Finding): Message => f.messages?.title ?? words(f.title);

/** "a, b and c". */
function listedMessage(parts: Message[]): Message {
  return parts.length < 2
    ? (parts[0] ?? words(''))
    : msg`${joinMessages(parts.slice(0, -1))} and ${parts.at(-1)!}`;
}

/**
 * Why the unknown hops could not be checked: a Prometheus failure once, with the hops it left
 * unknown ("Prometheus (HOPSCOPE_PROMETHEUS_URL) is unreachable: connection refused, so the metric
 * part of cluster DNS and nodes is unknown"), then each other hop with its own reason.
 */
function uncheckedReasons(unknown: HopResult[], ranked: Finding[]): Message {
  const outage = new Map<string, HopResult[]>();
  const others: HopResult[] = [];
  for (const h of unknown) {
    const f = ranked.find((x) => x.hop === h.kind && x.severity === 'unknown');
    const source =
      f?.code === 'METRICS_UNAVAILABLE' ? f.evidence.find((e) => e.kind === 'source') : undefined;
    if (source?.kind === 'source') {
      outage.set(source.issue.message, [...(outage.get(source.issue.message) ?? []), h]);
    } else others.push(h);
  }
  const reasonOf = (h: HopResult) =>
    h.messages?.reason ?? (h.reason ? words(h.reason) : msg`no data`);
  return joinMessages(
    [
      ...[...outage].map(
        ([message, hs]) =>
          msg`${message}, so the metric part of ${listedMessage(hs.map((h) => words(h.label)))} is unknown`,
      ),
      ...others.map((h) => msg`${words(h.label)} (${reasonOf(h)})`),
    ],
    '; ',
  );
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
      return summaryFrom(
        'unknown',
        null,
        msg`Nothing has failed in the Kubernetes evidence so far; Prometheus evidence is still loading.`,
      );
    const unknown = hops.filter((h) => h.verdict === 'unknown');
    if (unknown.length > 0) {
      const reasons = uncheckedReasons(unknown, ranked);
      return summaryFrom(
        'unknown',
        unknown[0]!.kind,
        unknown.length === 1
          ? msg`Nothing failed, but 1 hop could not be checked: ${reasons}.`
          : msg`Nothing failed, but ${unknown.length} hops could not be checked: ${reasons}.`,
      );
    }
    return summaryFrom('ok', null, msg`Every hop of the path was checked and looks healthy.`);
  }
  const hop = hops[index]!;
  const primary =
    ranked.find((f) => f.hop === hop.kind && f.severity === hop.verdict) ??
    ranked.find((f) => f.hop === hop.kind);
  const cause = primary ? causeOf(primary, ranked) : undefined;
  const what = primary
    ? titleOf(primary)
    : (hop.messages?.reason ?? (hop.reason ? words(hop.reason) : msg`see its members`));
  const others = alsoFailing(ranked, [primary, cause], hop.kind);
  const answer =
    hop.verdict === 'fail'
      ? msg`Fails at ${words(hop.label)}: ${what}`
      : msg`Degraded at ${words(hop.label)}: ${what}`;
  // Titles may end with a period of their own; each sentence ends with exactly one.
  const main = cause ? msg`${answer} — because ${bare(titleOf(cause))}.` : msg`${bare(answer)}.`;
  return summaryFrom(
    hop.verdict,
    hop.kind,
    others.length > 0 ? msg`${main} Also failing: ${joinMessages(others, '; ')}.` : main,
  );
}

/** The summary: its sentence is the message's English, so the two cannot say different things. */
function summaryFrom(verdict: Verdict, hop: HopKind | null, message: Message): DiagnosisSummary {
  return { verdict, hop, sentence: english(message), message };
}
