// What the steps ask Prometheus for one path: the queries to run, and the golden-metric
// profiles to probe in order (the first with series for the backend has its queries run).
// Steps declare it (pure); the Prometheus collector runs it.
import type { Snapshot } from '@/lib/model/snapshot';
import type { QuerySpec } from './queries';
import type { MetricWindow } from './window';

export interface ProfileCandidate {
  profile: string;
  /** Counts the profile's series for the backend in the window. */
  probe: QuerySpec;
  /** Run when the probe finds series. */
  queries: QuerySpec[];
}

export interface MetricPlan {
  queries: QuerySpec[];
  goldenProfiles: ProfileCandidate[];
}

export const EMPTY_PLAN: MetricPlan = { queries: [], goldenProfiles: [] };

export function mergePlans(plans: readonly MetricPlan[]): MetricPlan {
  return {
    queries: plans.flatMap((p) => p.queries),
    goldenProfiles: plans.flatMap((p) => p.goldenProfiles),
  };
}

/** What a step's query declaration sees: the Kubernetes part of the snapshot and the window. */
export interface PlanInput {
  snapshot: Snapshot;
  window: MetricWindow;
}
