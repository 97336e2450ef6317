// What the steps declare for Prometheus, checked against what they read and draw: every query
// parses, ids are unique, a chart draws only what its step asked for, one step's plan is part
// of the whole, and the healthy fixture answers every query a healthy path asks.
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@/lib/model/snapshot';
import type { MetricPlan } from '@/lib/promql/plan';
import type { QuerySpec } from '@/lib/promql/queries';
import { metricWindow } from '@/lib/promql/window';
import {
  NOW,
  clusterIpSnapshot,
  healthyMetricResults,
  ingressSnapshot,
  nodePortSnapshot,
} from '@/lib/testing/snapshot-fixtures';
import { planMetrics, STEPS } from './registry';

const paths: [string, Snapshot][] = [
  ['clusterip', clusterIpSnapshot()],
  ['nodeport', nodePortSnapshot()],
  ['ingress', ingressSnapshot()],
];

/**
 * Every query a plan can run: its own, each golden candidate's probe and queries, the look at
 * existing series, and each layout's probe and queries.
 */
function allSpecs(plan: MetricPlan): QuerySpec[] {
  return [
    ...plan.queries,
    ...plan.goldenProfiles.flatMap((c) => [c.probe, ...c.queries]),
    ...plan.goldenNearest,
    ...plan.layoutChoices.flatMap((l) => [
      ...l.candidates.flatMap((c) => [c.probe, ...c.queries]),
      l.nearest,
    ]),
  ];
}

function allIds(plan: MetricPlan): string[] {
  return [...new Set(allSpecs(plan).map((q) => q.id))];
}

function parseErrors(promql: string): number {
  let errors = 0;
  parser.parse(promql).iterate({
    enter(n) {
      if (n.type.isError) errors += 1;
    },
  });
  return errors;
}

/** Every vector selector of a query, as written. */
function selectors(promql: string): string[] {
  const out: string[] = [];
  parser.parse(promql).iterate({
    enter(n) {
      if (n.type.name === 'VectorSelector') out.push(promql.slice(n.from, n.to));
    },
  });
  return out;
}

/**
 * Which matcher ties a metric's series to the path's own objects in the fixtures: the controller
 * pods the API returned, the CoreDNS pods' IPs, the path's nodes, the backend's namespace.
 */
const OWN: [RegExp, RegExp][] = [
  [
    /^nginx_ingress_controller_/,
    /controller_namespace=~"\(ingress-nginx\)",controller_pod=~"\(ingress-nginx-a\)"/,
  ],
  [/^coredns_/, /instance=~"\(10\\\\\.244\\\\\.[0-9]\\\\\.[0-9]+(\|[^)]*)?\)\(:\[0-9\]\+\)\?"/],
  [/^(node_|kubeproxy_)/, /instance=~"\(worker-/],
  [/^(container_|kube_pod_)/, /(pod|node)=~"\(/],
];

describe.each(paths)('the steps’ Prometheus plan on the %s path', (_kind, snapshot) => {
  const window = metricWindow(snapshot.path, NOW);
  const plan = planMetrics(snapshot, window);

  it("selects only the series of the path's own objects", () => {
    // The look at which golden series exist is meant to range wider: it only decorates an
    // "absent" finding, which is unknown whatever it shows.
    const specs = allSpecs(plan).filter((q) => !q.id.startsWith('golden.nearest'));
    for (const q of specs)
      for (const sel of selectors(q.promql)) {
        // Golden series are the backend's own by its namespace (whoever reports them).
        const own = q.id.startsWith('golden.') ? undefined : OWN.find(([m]) => m.test(sel));
        if (own) expect(sel, q.id).toMatch(own[1]);
        else expect(sel, q.id).toMatch(/namespace="shop"/);
      }
  });

  it('asks each query once, and every query parses', () => {
    expect(plan.queries.length).toBeGreaterThan(0);
    expect(new Set(plan.queries.map((q) => q.id)).size).toBe(plan.queries.length);
    const specs = allSpecs(plan);
    expect(specs.filter((q) => parseErrors(q.promql) > 0).map((q) => q.id)).toEqual([]);
  });

  it('asks the same query ids whichever golden candidate or label layout has series', () => {
    const ids = (qs: QuerySpec[]) => qs.map((q) => q.id);
    const golden = plan.goldenProfiles.map((c) => ids(c.queries));
    for (const g of golden) expect(g).toEqual(golden[0]);
    for (const choice of plan.layoutChoices) {
      expect(choice.candidates.length).toBeGreaterThan(1);
      for (const c of choice.candidates)
        expect(ids(c.queries)).toEqual(ids(choice.candidates[0]!.queries));
      expect(new Set(choice.candidates.map((c) => c.probe.id)).size).toBe(choice.candidates.length);
    }
  });

  it('is the union of the plans of each step', () => {
    const parts = STEPS.map((s) => allIds(planMetrics(snapshot, window, s.id)));
    expect(parts.flat().sort()).toEqual(allIds(plan).sort());
  });

  it.each(STEPS.map((s) => [s.id, s] as const))(
    'step %s draws only series it asked for',
    (id, step) => {
      const asked = new Set(allIds(planMetrics(snapshot, window, id)));
      if (step.skipReason(snapshot.path)) return expect(asked.size).toBe(0);
      const charts = typeof step.charts === 'function' ? step.charts(snapshot.path) : step.charts;
      const drawn = charts.flatMap((c) => [c.id, ...(c.baseline ? [c.baseline] : [])]);
      const missing = drawn.filter((d) => !asked.has(d));
      // A step may draw nothing on a path whose series it does not ask for (DNS off ClusterIP).
      if (asked.size > 0) expect(missing).toEqual([]);
    },
  );

  it('has an answer in the healthy fixture for every query of a healthy path', () => {
    const answered = new Set(Object.keys(healthyMetricResults()));
    const micrometer = plan.goldenProfiles.find((c) => c.profile === 'micrometer');
    // A healthy install: the app's own labels, and each source's first layout has series.
    const firstLayouts = plan.layoutChoices.flatMap((l) => l.candidates.slice(0, 1));
    const asked = [
      ...plan.queries.map((q) => q.id),
      ...(micrometer ? [micrometer.probe.id, ...micrometer.queries.map((q) => q.id)] : []),
      ...firstLayouts.flatMap((c) => [c.probe.id, ...c.queries.map((q) => q.id)]),
    ];
    expect(asked.filter((id) => !answered.has(id))).toEqual([]);
  });
});

describe('a path with nothing of its own to measure', () => {
  it('a Service that selects no pod sends no golden probe (an empty label would match foreign series)', () => {
    const s = clusterIpSnapshot([]);
    expect(planMetrics(s, metricWindow(s.path, NOW), 2).goldenProfiles).toEqual([]);
  });
});
