// Step 3 — CoreDNS from Prometheus: SERVFAIL / REFUSED and NXDOMAIN shares, p99 latency,
// panics and upstream health-check failures in the window.
import type { Finding } from '@/lib/model/finding';
import { gatheredValue, type Snapshot } from '@/lib/model/snapshot';
import { EMPTY_PLAN, type MetricPlan, type PlanInput } from '@/lib/promql/plan';
import { coredns, podIpMatcher, type MetricId } from '@/lib/promql/queries';
import { windowRange } from '@/lib/promql/window';
import type { ChartSpec } from './charts';
import { finding } from './finding-builder';
import { fmt, queryEvidence, readMetric, stat, values } from './read-metrics';
import { metricCoverage } from './metric-coverage';
import type { Thresholds } from './thresholds';
import { sh } from './command';
import { msg } from '@/lib/i18n/message';

/**
 * CoreDNS, the pods the API returned for the cluster DNS Service (by their IPs, which is how
 * they are scraped): the ClusterIP path's client resolves the Service name through them.
 */
export function dnsQueries({ snapshot: s, window }: PlanInput): MetricPlan {
  if (s.path.kind !== 'clusterip') return EMPTY_PLAN;
  const ips = (gatheredValue(s.dns)?.pods ?? []).flatMap((p) => (p.podIP ? [p.podIP] : []));
  // Unread or no DNS pods: step 3's object checks say so; nothing of theirs to ask for.
  if (ips.length === 0) return EMPTY_PLAN;
  const scope = [podIpMatcher(ips)];
  const range = windowRange(window);
  return {
    ...EMPTY_PLAN,
    queries: [
      coredns.requests(scope),
      coredns.rcodeRatio('SERVFAIL', scope),
      coredns.rcodeRatio('NXDOMAIN', scope),
      coredns.rcodeRatio('REFUSED', scope),
      coredns.latencyP99(scope),
      coredns.panics(range, scope),
      coredns.forwardFailures(range, scope),
      coredns.cacheHitRatio(scope),
    ],
  };
}

export const DNS_CHARTS: readonly ChartSpec[] = [
  {
    id: 'dns.servfail',
    source: 'CoreDNS',
    threshold: (t) => ({
      value: t.dnsErrorRatio.fail,
      label: msg`fail above ${+(t.dnsErrorRatio.fail * 100).toFixed(2)} %`,
    }),
  },
  {
    id: 'dns.p99',
    source: 'CoreDNS',
    threshold: (t) => ({
      value: t.dnsLatency.warn,
      label: msg`warn above ${t.dnsLatency.warn * 1000} ms`,
    }),
  },
];

function peak(s: Snapshot, id: MetricId): { value: number; read: ReturnType<typeof readMetric> } {
  const read = readMetric(s, id);
  return { value: read.state === 'ok' ? stat.max(read.result.series.flatMap(values)) : NaN, read };
}

export function checkDnsMetrics(s: Snapshot, t: Thresholds): Finding[] {
  if (!s.metrics || s.path.kind !== 'clusterip') return [];
  const out = metricCoverage(
    s,
    3,
    'dns-cluster',
    ['dns.requests', 'dns.servfail'],
    [
      {
        id: 'dns.requests',
        metric: 'coredns_dns_requests_total',
        scrapeHint: msg`is CoreDNS's metrics port (9153) scraped?`,
      },
    ],
  );
  if (out.length > 0) return out;
  const servfail = peak(s, 'dns.servfail');
  const refused = peak(s, 'dns.refused');
  const worst = Math.max(
    Number.isFinite(servfail.value) ? servfail.value : 0,
    Number.isFinite(refused.value) ? refused.value : 0,
  );
  if (worst >= t.dnsErrorRatio.warn) {
    const source =
      servfail.value >= (Number.isFinite(refused.value) ? refused.value : 0) ? servfail : refused;
    // The rcode is DNS's own name for the answer: data.
    const rcode = source === servfail ? 'SERVFAIL' : 'REFUSED';
    out.push(
      finding('DNS_ERROR_RATIO_HIGH', {
        hop: 'dns-cluster',
        severity: worst >= t.dnsErrorRatio.fail ? 'fail' : 'warn',
        title: msg`${rcode} answers peaked at ${fmt(worst, 'ratio')} of CoreDNS responses`,
        evidence:
          source.read.state === 'ok'
            ? [queryEvidence(source.read.result, msg`max ${fmt(worst, 'ratio')}`)]
            : [],
        commands: [sh`kubectl logs -n kube-system -l k8s-app=kube-dns --tail=50`],
      }),
    );
  }
  const nx = peak(s, 'dns.nxdomain');
  if (nx.value >= t.dnsNxdomainRatio.warn && nx.read.state === 'ok') {
    out.push(
      finding('DNS_NXDOMAIN_HIGH', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`NXDOMAIN answers peaked at ${fmt(nx.value, 'ratio')} of CoreDNS responses`,
        evidence: [queryEvidence(nx.read.result, msg`max ${fmt(nx.value, 'ratio')}`)],
      }),
    );
  }
  const p99 = peak(s, 'dns.p99');
  if (p99.value >= t.dnsLatency.warn && p99.read.state === 'ok') {
    out.push(
      finding('DNS_LATENCY_HIGH', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`CoreDNS p99 latency peaked at ${fmt(p99.value, 'seconds')}`,
        evidence: [queryEvidence(p99.read.result, msg`max ${fmt(p99.value, 'seconds')}`)],
      }),
    );
  }
  const panics = peak(s, 'dns.panics');
  if (panics.value >= 1 && panics.read.state === 'ok') {
    out.push(
      finding('DNS_PANICS', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`CoreDNS panicked ${Math.round(panics.value)} times in the window`,
        evidence: [queryEvidence(panics.read.result, msg`${Math.round(panics.value)} panics`)],
      }),
    );
  }
  const forward = peak(s, 'dns.forward_failures');
  if (forward.value >= 1 && forward.read.state === 'ok') {
    out.push(
      finding('DNS_FORWARD_UNHEALTHY', {
        hop: 'dns-cluster',
        severity: 'warn',
        title: msg`CoreDNS upstream health checks failed ${Math.round(forward.value)} times in the window`,
        evidence: [queryEvidence(forward.read.result, msg`${Math.round(forward.value)} failures`)],
      }),
    );
  }
  return out;
}
