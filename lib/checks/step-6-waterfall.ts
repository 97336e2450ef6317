// Where the time goes along the path, hop by hop: from the probes when a trace ran (medians of
// the tries that answered), else from the metrics the other steps already read (p99 over the
// window) — so a slow path shows its time even where no probe can run. Pure.
import type { LatencyWaterfall, WaterfallRow } from '@/lib/model/diagnosis';
import { summarizeProbe, type ProbeRun, type ProbeTier } from '@/lib/model/probe';
import type { Snapshot } from '@/lib/model/snapshot';
import type { MetricId } from '@/lib/promql/queries';
import { readMetric, stat, values } from './read-metrics';
import { median } from './step-6-path-trace';
import { english, msg, type Message } from '@/lib/i18n/message';

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Where the way in adds its time, by the tier the request entered through. */
const ENTRY: Record<
  'ingress' | 'gateway' | 'node-port' | 'service',
  { hop: WaterfallRow['hop']; label: Message }
> = {
  ingress: { hop: 'ingress-controller', label: msg`added by the ingress controller` },
  gateway: { hop: 'gateway', label: msg`added by the Gateway` },
  'node-port': { hop: 'node', label: msg`added on the way in through the NodePort` },
  service: { hop: 'kube-proxy', label: msg`added through the Service VIP (kube-proxy)` },
};

function row(hop: WaterfallRow['hop'], label: Message, ms: number): WaterfallRow {
  return { hop, label: english(label), labelMessage: label, ms: round(ms) };
}

function withBasis(
  source: LatencyWaterfall['source'],
  basis: Message,
  rows: WaterfallRow[],
): LatencyWaterfall {
  return { source, basis: english(basis), basisMessage: basis, rows };
}

function fromProbes(run: ProbeRun): LatencyWaterfall | undefined {
  const answered = (tier: ProbeTier) =>
    run.results
      .filter((r) => r.target.tier === tier)
      .flatMap((r) => r.attempts.filter((a) => a.ok));
  const rows: WaterfallRow[] = [];
  const dns = median(answered('dns').map((a) => a.ms.dnsMs ?? a.ms.totalMs));
  if (dns !== null) rows.push(row('dns-cluster', msg`cluster DNS answers the name`, dns));
  const pods = answered('endpoint');
  const podTotal = median(pods.map((a) => a.ms.totalMs));
  const entry = (['ingress', 'gateway', 'node-port', 'service'] as const).find(
    (t) => answered(t).length > 0,
  );
  if (entry && podTotal !== null) {
    const entryTotal = median(answered(entry).map((a) => a.ms.totalMs))!;
    const { hop, label } = ENTRY[entry];
    rows.push(row(hop, label, Math.max(0, entryTotal - podTotal)));
  }
  const connect = median(
    pods.flatMap((a) => (a.ms.connectMs !== undefined ? [a.ms.connectMs] : [])),
  );
  if (connect !== null) rows.push(row('pods', msg`connect to a pod`, connect));
  const firstByte = median(
    pods.flatMap((a) =>
      a.ms.firstByteMs !== undefined ? [a.ms.firstByteMs - (a.ms.connectMs ?? 0)] : [],
    ),
  );
  if (firstByte !== null) rows.push(row('pods', msg`the pod answers (first byte)`, firstByte));
  if (rows.length === 0) return undefined;
  const tries = run.results.reduce((n, r) => n + summarizeProbe(r).ok, 0);
  return withBasis(
    'probes',
    msg`medians of the ${tries} tries that answered, from ${run.vantage}`,
    rows,
  );
}

function fromMetrics(s: Snapshot): LatencyWaterfall | undefined {
  const p99 = (id: MetricId): number | null => {
    const r = readMetric(s, id);
    if (r.state !== 'ok') return null;
    const max = stat.max(r.result.series.flatMap(values));
    return Number.isFinite(max) ? max * 1000 : null;
  };
  const rows: WaterfallRow[] = [];
  const add = (hop: WaterfallRow['hop'], label: Message, ms: number | null) => {
    if (ms !== null) rows.push(row(hop, label, ms));
  };
  if (s.path.kind !== 'ingress' && s.path.kind !== 'gateway')
    add('dns-cluster', msg`cluster DNS (CoreDNS p99)`, p99('dns.p99'));
  if (s.path.kind === 'ingress') {
    const request = p99('ing.request_p99');
    const upstream = p99('ing.response_p99');
    if (request !== null && upstream !== null)
      add('ingress-controller', msg`added by the ingress controller (request − upstream p99)`, Math.max(0, request - upstream)); // prettier-ignore
    add(
      'pods',
      msg`the controller connects to a pod (upstream connect p99)`,
      p99('ing.connect_p99'),
    );
    add('pods', msg`the backend answers the controller (upstream p99)`, upstream);
  }
  add('pods', msg`the backend's own request time (its p99)`, p99('golden.p99'));
  if (rows.length === 0) return undefined;
  return withBasis(
    'metrics',
    msg`the highest p99 in the window, from Prometheus: each row is its own percentile, so they do not add up`,
    rows,
  );
}

export function latencyWaterfall(s: Snapshot): LatencyWaterfall | undefined {
  const run = s.probes && 'value' in s.probes ? s.probes.value : undefined;
  return (run && fromProbes(run)) ?? fromMetrics(s);
}
