// What the steps ask Prometheus for one path: the queries to run, the golden-metric candidates
// (profile × label layout) to probe in order (the first with series for the backend has its
// queries run), and the sources whose label layout differs per install (each probed in order;
// the queries of the first layout with series are run). Steps declare it (pure); the Prometheus
// collector runs it.
import type { Snapshot } from '@/lib/model/snapshot';
import type { QuerySpec } from './queries';
import type { MetricWindow } from './window';

export interface ProfileCandidate {
  profile: string;
  layout: string;
  /** Counts the profile's series for the backend in the window, in this layout. */
  probe: QuerySpec;
  /** Run when the probe finds series. */
  queries: QuerySpec[];
}

export interface LayoutCandidate {
  layout: string;
  /** Counts the source's series for the path in the window, in this layout. */
  probe: QuerySpec;
  /** Run when the probe finds series; the same ids whichever layout is chosen. */
  queries: QuerySpec[];
}

export interface LayoutChoice {
  /** What the layouts are of, e.g. `ingress` (the controller's per-Ingress series). */
  source: string;
  /** In order; when none has series, the first one's queries run (and answer "no series"). */
  candidates: LayoutCandidate[];
  /** Run only when no layout has series: which label sets the metric does carry (bounded). */
  nearest: QuerySpec;
}

export interface MetricPlan {
  queries: QuerySpec[];
  goldenProfiles: ProfileCandidate[];
  /** Run only when no golden candidate has series (bounded, one per profile). */
  goldenNearest: QuerySpec[];
  layoutChoices: LayoutChoice[];
}

export const EMPTY_PLAN: MetricPlan = {
  queries: [],
  goldenProfiles: [],
  goldenNearest: [],
  layoutChoices: [],
};

export function mergePlans(plans: readonly MetricPlan[]): MetricPlan {
  return {
    queries: plans.flatMap((p) => p.queries),
    goldenProfiles: plans.flatMap((p) => p.goldenProfiles),
    goldenNearest: plans.flatMap((p) => p.goldenNearest),
    layoutChoices: plans.flatMap((p) => p.layoutChoices),
  };
}

/** What a step's query declaration sees: the Kubernetes part of the snapshot and the window. */
export interface PlanInput {
  snapshot: Snapshot;
  window: MetricWindow;
}
