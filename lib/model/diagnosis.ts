// The Diagnosis: hops in path order with a verdict each, the six steps, ranked findings and
// the one-sentence answer. Plain data, served as JSON and rendered by the UI.
import type { Message } from '@/lib/i18n/message';
import type { Finding } from './finding';
import type { HopKind, StepId } from './hops';
import type { AccessPath } from './path';
import type { Unit } from './units';
import type { Verdict } from './verdict';

export interface MemberResult {
  /** `pod/shop/web-1`, `node/worker-2`, … */
  id: string;
  verdict: Verdict;
  /** Whether requests reach this member now (a ready endpoint, the entry node, …). */
  carriesTraffic: boolean;
}

export interface HopResult {
  kind: HopKind;
  label: string;
  /** What the hop is, in this path: "Service shop/web :80", "3 pods". */
  detail: string;
  verdict: Verdict;
  /** Why, when the verdict is `unknown` or `skipped`, or how members were judged. */
  reason?: string;
  /** `detail` and `reason` as messages, for the reader's language (absent in older diagnoses). */
  messages?: { detail?: Message; reason?: Message };
  members: MemberResult[];
  counts: Partial<Record<Verdict, number>>;
}

export interface ChartSeries {
  name: string;
  points: { t: number; v: number }[];
}

/** How a chart names the same window a day earlier, drawn dashed. */
export const BASELINE_NAME = 'same window, 1 day earlier';

/** A metric series to draw: the query, its range (Unix seconds), and the same window a day earlier. */
export interface ChartData {
  id: string;
  title: string;
  titleMessage?: Message;
  unit: Unit;
  promql: string;
  start: number;
  end: number;
  /** The incident window inside [start, end], shaded. */
  windowStart: number;
  windowEnd: number;
  series: ChartSeries[];
  baseline?: ChartSeries[];
  /** The check's limit on this series, drawn as a line: "fail above 10 %". */
  threshold?: { value: number; label: string; labelMessage?: Message };
  /** Where the series come from, in words: "node-exporter", "Traefik metrics". */
  source?: string;
}

/** What a probe run saw, one row per target: the path trace's table (step 6). */
export interface TraceTable {
  vantage: string;
  /** "10 of 25 endpoints probed" when the run sampled them. */
  sampled?: string;
  sampledMessage?: Message;
  /** Vantage points tried first that could not run, with why. */
  passedOver?: string[];
  rows: {
    tier: string;
    label: string;
    ok: number;
    of: number;
    /** "15 of 20 answered, 5 of 20 reset" */
    outcomes: string;
    outcomesMessage?: Message;
    /** Medians over the tries that answered, ms: where the time goes, phase by phase. */
    connectMs: number | null;
    firstByteMs: number | null;
    totalMs: number | null;
    notProbed?: string;
  }[];
}

/** One hop's share of the time: "added by the ingress controller", 12 ms. */
export interface WaterfallRow {
  hop: HopKind;
  label: string;
  labelMessage?: Message;
  ms: number;
}

/** Where the time goes along the path (step 6): from the probes, or from metrics without them. */
export interface LatencyWaterfall {
  source: 'probes' | 'metrics';
  /** What the figures are: "medians of the 120 tries that answered, from …". */
  basis: string;
  basisMessage?: Message;
  rows: WaterfallRow[];
}

export interface StepResult {
  id: StepId;
  name: string;
  verdict: Verdict;
  /** Why the step is `skipped` or did not run (`unknown`). */
  reason?: string;
  reasonMessage?: Message;
  findings: Finding[];
  charts: ChartData[];
  /** Where the step's series come from, when that is a choice (golden metrics' profile). */
  source?: string;
  /** The probes behind the step's verdict (step 6), shown whatever it found. */
  trace?: TraceTable;
  /** Where the time goes (step 6), also when no probe ran: from metrics then. */
  waterfall?: LatencyWaterfall;
  /** A vantage point the user may confirm for the trace (step 6): an ephemeral debug container. */
  traceOffer?: string;
}

/** One entry of "what changed" in the incident window: a write, a rollout, a node condition, an event. */
export interface Change {
  /** RFC 3339. */
  time: string;
  kind: 'write' | 'rollout' | 'node' | 'event';
  hop: HopKind;
  /** "Service shop/web", "Node worker-2". */
  object: string;
  /** "written by kubectl-edit (spec.selector)". */
  text: string;
  message?: Message;
}

export interface DiagnosisSummary {
  verdict: Verdict;
  hop: HopKind | null;
  sentence: string;
  /** The sentence as a message, for the reader's language (absent in older diagnoses). */
  message?: Message;
}

export interface Diagnosis {
  path: AccessPath;
  cluster: string;
  takenAt: string;
  hops: HopResult[];
  steps: StepResult[];
  findings: Finding[];
  summary: DiagnosisSummary;
  /** What changed in the window, newest first (absent in diagnoses frozen before it existed). */
  changes?: Change[];
  /** Sources the timeline could not read: nothing is said of their changes. */
  changesUnread?: string[];
  changesUnreadMessages?: Message[];
  meta: {
    apiRequests: number;
    /** Bytes read from the API server, when the gather counted them. */
    apiBytes?: number;
    promQueries: number;
    /** Samples those queries loaded, as Prometheus counted them. */
    promSamples?: number;
    collectMs: number;
    /** How long the checks took, when the server timed them. */
    checkMs?: number;
    sourceWarnings: string[];
    metricsPending: boolean;
  };
}
