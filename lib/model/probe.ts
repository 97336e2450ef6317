// The path trace's evidence: probes along the path, each tier tried N times, each try classified
// with its phase timings, so an intermittent failure shows as a ratio ("5 of 20 reset"). Plain
// data in the snapshot; judged by the step-6 checks.
import { english, joinMessages, msg, type Message } from '@/lib/i18n/message';

/** The ephemeral debug container's name: one per pod, reused by every later trace. */
export const DEBUG_CONTAINER = 'hopscope-trace';

/** The tiers isolate the broken layer the way the "Debug Services" walk does. */
export type ProbeTier =
  'dns' | 'service' | 'endpoint' | 'node-port' | 'ingress' | 'gateway' | 'control';

export type DnsOutcome = 'answered' | 'nxdomain' | 'servfail' | 'timeout';
export type ConnectOutcome = 'refused' | 'reset' | 'timeout' | 'unreachable';
/** `no-first-byte`: connected and asked, nothing came back in time (a hung app, not the network). */
export type HttpOutcome = 'server-error' | 'no-first-byte' | 'tls-error';
export type ProbeOutcome = DnsOutcome | ConnectOutcome | HttpOutcome | 'connected' | 'error';

export interface ProbeTarget {
  tier: ProbeTier;
  /** In words: "Service shop/web 10.96.20.10:80", "pod shop/web-1 10.244.1.7:8080". */
  label: string;
  /** The object the tier is about (`pod/shop/web-1`, `service/shop/web`), for findings. */
  subject?: string;
  protocol: 'dns' | 'tcp' | 'http';
  /** The address probed: an IP of the path (never a name resolved elsewhere). */
  address: string;
  port: number;
  /** dns: the name asked for. */
  name?: string;
  /** http: request path and Host header. */
  httpPath?: string;
  hostHeader?: string;
}

export interface PhaseTimings {
  dnsMs?: number;
  connectMs?: number;
  firstByteMs?: number;
  totalMs: number;
}

export interface ProbeAttempt {
  outcome: ProbeOutcome;
  /** Whether this try counts as answered: a DNS answer, a connection, an HTTP status below 500. */
  ok: boolean;
  status?: number;
  /** The low-level error, for the evidence ("ECONNRESET"). */
  detail?: string;
  ms: PhaseTimings;
}

export interface ProbeResult {
  target: ProbeTarget;
  attempts: ProbeAttempt[];
  /** Why this target was not probed (not an address of the path, budget spent). */
  notProbed?: string;
}

export interface ProbeRun {
  /** Where the probes ran from: "hopscope server (in cluster)", "pod shop/toolbox (exec)". */
  vantage: string;
  startedAt: string;
  triesPerTarget: number;
  results: ProbeResult[];
  /** Endpoints of the path beyond those probed (a run probes at most 10): "examined N of M". */
  endpointsLeftOut?: number;
  /** Vantage points tried before this one and why they could not run ("pods/exec …: you may not …"). */
  passedOver?: string[];
}

export interface ProbeSummary {
  ok: number;
  of: number;
  /** Tries by outcome, the most frequent first. */
  outcomes: [ProbeOutcome, number][];
  /** Of the tries that answered, ms. */
  p50Ms: number | null;
  maxMs: number | null;
}

export function summarizeProbe(result: ProbeResult): ProbeSummary {
  const counts = new Map<ProbeOutcome, number>();
  for (const a of result.attempts) counts.set(a.outcome, (counts.get(a.outcome) ?? 0) + 1);
  const answered = result.attempts
    .filter((a) => a.ok)
    .map((a) => a.ms.totalMs)
    .sort((x, y) => x - y);
  return {
    ok: result.attempts.filter((a) => a.ok).length,
    of: result.attempts.length,
    outcomes: [...counts.entries()].sort((a, b) => b[1] - a[1]),
    p50Ms: answered.length ? answered[Math.floor((answered.length - 1) / 2)]! : null,
    maxMs: answered.length ? answered[answered.length - 1]! : null,
  };
}

/** The tries of one outcome, in words: "5 of 20 reset". */
const OUTCOME_MESSAGES: Record<ProbeOutcome, (n: number, of: number) => Message> = {
  answered: (n, of) => msg`${n} of ${of} answered`,
  nxdomain: (n, of) => msg`${n} of ${of} NXDOMAIN`,
  servfail: (n, of) => msg`${n} of ${of} SERVFAIL`,
  timeout: (n, of) => msg`${n} of ${of} timed out`,
  refused: (n, of) => msg`${n} of ${of} refused`,
  reset: (n, of) => msg`${n} of ${of} reset`,
  unreachable: (n, of) => msg`${n} of ${of} unreachable`,
  'server-error': (n, of) => msg`${n} of ${of} answered 5xx`,
  'no-first-byte': (n, of) => msg`${n} of ${of} connected but got no first byte`,
  'tls-error': (n, of) => msg`${n} of ${of} failed TLS`,
  connected: (n, of) => msg`${n} of ${of} connected`,
  error: (n, of) => msg`${n} of ${of} failed`,
};

/** How the tries went, as a message: "15 of 20 answered, 5 of 20 reset". */
export function summaryMessage(s: ProbeSummary): Message {
  return joinMessages(s.outcomes.map(([o, n]) => OUTCOME_MESSAGES[o](n, s.of)));
}

/** The same in English. */
export function describeSummary(s: ProbeSummary): string {
  return english(summaryMessage(s));
}
